import Foundation

/// A cap on the memory a run may hold, so a hostile or mistaken lesson gets
/// a located error instead of pushing the machine into swap or the kernel's
/// out-of-memory killer.
///
/// Every large tensor allocation asks first: the process's resident memory
/// (everything it holds, tensors and the rest) plus the new tensor must fit
/// the budget. Asking costs a read of the process's memory counters, so
/// allocations below `checkedBytes` skip it: one of them cannot matter, and
/// hot loops allocate many of them.
public enum MemoryBudget {
    /// Allocations at least this large are checked.
    public static let checkedBytes = 1 << 20

    private static let lock = NSLock()
    nonisolated(unsafe) private static var configured: Int?

    /// The budget in bytes: what `--memory-limit` or `LECTERN_MEMORY_LIMIT`
    /// set, else three quarters of physical memory.
    public static var limit: Int {
        get {
            lock.lock(); defer { lock.unlock() }
            if let configured { return configured }
            let fromEnvironment = ProcessInfo.processInfo.environment["LECTERN_MEMORY_LIMIT"].flatMap(parse)
            let fallback = Int(clamping: ProcessInfo.processInfo.physicalMemory / 4 * 3)
            configured = fromEnvironment ?? fallback
            return configured!
        }
        set { lock.lock(); configured = newValue; lock.unlock() }
    }

    /// A budget for the current task only, over `limit`: tests set a small
    /// one without starving tests running beside them.
    @TaskLocal public static var scoped: Int?

    /// "8G", "512M", "1.5GiB", "100000000": bytes, with K, M, G, T as powers
    /// of 1024 (a memory size, not a disk size); nil when malformed.
    public static func parse(_ text: String) -> Int? {
        var s = text.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where s.hasSuffix(suffix) { s.removeLast(suffix.count); break }
        let scales: [Character: Double] = ["K": 0x1p10, "M": 0x1p20, "G": 0x1p30, "T": 0x1p40]
        var scale = 1.0
        if let last = s.last, let f = scales[last] { scale = f; s.removeLast() }
        guard let x = Double(s), x.isFinite, x > 0, x * scale < 0x1p62 else { return nil }
        return Int(x * scale)
    }

    /// Throws `.overBudget` when a tensor of `shape` (`count` values) would
    /// take the process past the budget.
    static func reserve(_ shape: [Int], count: Int) throws(TensorError) {
        let bytes = count.multipliedReportingOverflow(by: MemoryLayout<Float>.stride)
        guard bytes.overflow || bytes.partialValue >= checkedBytes else { return }
        let need = bytes.overflow ? Int.max : bytes.partialValue
        let budget = scoped ?? limit, held = residentBytes()
        if need > budget - min(held, budget) {
            throw .overBudget(shape, bytes: need, held: held, limit: budget)
        }
    }

    /// The process's resident memory in bytes (0 where it cannot be read).
    public static func residentBytes() -> Int {
        #if os(Linux)
        // /proc/self/statm: total and resident sizes in pages.
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .ascii) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #elseif canImport(Darwin)
        var info = mach_task_basic_info()
        var count = mach_msg_type_number_t(MemoryLayout<mach_task_basic_info>.size / MemoryLayout<natural_t>.size)
        let status = withUnsafeMutablePointer(to: &info) {
            $0.withMemoryRebound(to: integer_t.self, capacity: Int(count)) {
                task_info(mach_task_self_, task_flavor_t(MACH_TASK_BASIC_INFO), $0, &count)
            }
        }
        return status == KERN_SUCCESS ? Int(info.resident_size) : 0
        #else
        return 0
        #endif
    }

    /// Bytes for people: "8 GiB", "512 MiB", "1.5 GiB".
    static func describe(_ bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var x = Double(bytes), u = 0
        while x >= 1024, u < units.count - 1 { x /= 1024; u += 1 }
        if u == 0 { return "\(bytes) bytes" }
        let text = x >= 100 || x == x.rounded() ? String(Int(x.rounded())) : String(format: "%.1f", x)
        return "\(text) \(units[u])"
    }
}
