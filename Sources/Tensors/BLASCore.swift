import Foundation

/// Choosing OpenBLAS's kernels when its own detection fails.
///
/// OpenBLAS picks its kernels from the CPU's model number when the library
/// loads. Inside some virtual machines the model is hidden ("Intel(R)
/// Xeon(R) Processor") and Debian's 0.3.21 falls back to its Prescott
/// kernels (SSE3: sgemm about 25 GFLOP/s where the CPU's AVX-512 gives
/// 140). The only way to choose is `OPENBLAS_CORETYPE` before the library
/// loads, so the command line re-executes itself with it set. A variable the
/// user set is always respected.
public enum BLASCore {
    /// Cores OpenBLAS falls back to; on a CPU with AVX2 they waste most of it.
    static let fallbacks: Set<String> = ["Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom", "Katmai", "Coppermine", "Northwood", "Banias", "unknown"]

    /// The core to ask for, from the CPU's feature flags (as /proc/cpuinfo lists them).
    public static func preferred(flags: Set<String>) -> String? {
        let avx512 = ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains)
        if avx512 { return flags.contains("avx512_bf16") ? "Cooperlake" : "SkylakeX" }
        if flags.contains("avx2"), flags.contains("fma") { return "Haswell" }
        if flags.contains("avx") { return "SandyBridge" }
        return nil
    }

    /// The core to re-execute with, or nil to carry on: when the variable is
    /// unset, OpenBLAS fell back, and the CPU can do better.
    public static func replacement(environment: [String: String], loadedCore: String, flags: Set<String>) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil, fallbacks.contains(loadedCore) else { return nil }
        return preferred(flags: flags)
    }

    /// The flags line of /proc/cpuinfo (empty off Linux).
    public static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
