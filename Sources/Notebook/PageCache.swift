import Crypto
import Foundation
import Lab

/// Remembers each lesson's page and report by a content hash of everything
/// that can change them: the engine's version, the options, the lesson's
/// bytes, and every file its built-ins read. A hit skips running blocks and
/// typesetting math. Entries are sealed (`CacheSeal`): one that fails to
/// verify or decode is ignored and recomputed, never trusted. With a
/// `remote`, a local miss is looked up there (`SealedEntry`) and what is
/// computed is stored there too.
final class PageCache: BuiltinCache, Sendable {
    struct Entry: Codable {
        var key: String
        var inputs: [String: String]
        var html: String?
        var report: LessonReport
        var warnings: [String]
        /// The run's errors, so a cached lesson prints the same messages.
        var diagnostics: [Diagnostic]?
        /// The lesson's labels, and its references to other lessons' labels,
        /// resolved when the page is written (`CourseLabels`).
        var labels: [LabelTarget]?
        var external: [ProseLinks.External]?
    }

    let directory: URL
    let remote: RemoteCache?
    /// Where this lesson's memoized built-ins came from, for the report.
    let tally = CacheTally()

    init(directory: URL, remote: RemoteCache? = nil) {
        self.directory = directory
        self.remote = remote
    }

    static func sha256(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The code that makes pages, hashed at build time: the engine's sources
    /// (Lab and the compute modules) and Notebook's and Figures' own. A page
    /// made by other code is not this build's page, so nobody has to
    /// remember to bump a version.
    static let engineFingerprint: String = {
        let page = PageSources.digests.keys.sorted().map { $0 + " " + PageSources.digests[$0]! }.joined(separator: "\n")
        return sha256(Data((Engine.wholeFingerprint + "\n" + page).utf8))
    }()

    static func key(source: LessonSource, options: String) -> String {
        var data = Data((engineFingerprint + "\n" + options + "\n").utf8)
        data.append(contentsOf: source.bytes)
        return sha256(data)
    }

    func url(for path: String) -> URL {
        directory.appendingPathComponent("lessons").appendingPathComponent(PageCache.sha256(Data(path.utf8)) + ".json")
    }

    /// What a lesson's entry is sealed under: its key and its path, so an
    /// entry moved to another lesson's file is not read there.
    private static func sealKey(path: String, key: String) -> String { "page\n\(path)\n\(key)" }

    func lookup(path: String, key: String) -> Entry? { lookupWithOrigin(path: path, key: key)?.entry }

    func lookupWithOrigin(path: String, key: String) -> (entry: Entry, origin: CacheOrigin)? {
        guard let (entry, origin) = SealedEntry.read(url(for: path), sealKey: PageCache.sealKey(path: path, key: key), remote: remote,
                                                     decode: { json in
                                                         (try? JSONDecoder().decode(Entry.self, from: Data(json))).flatMap { $0.key == key ? $0 : nil }
                                                     }) else { return nil }
        // A file that was missing and still is leaves the entry valid.
        for (file, hash) in entry.inputs {
            guard PageCache.signature(of: URL(fileURLWithPath: file)) == hash else { return nil }
        }
        return (entry, origin)
    }

    func store(path: String, entry: Entry) {
        guard let data = try? JSONEncoder().encode(entry) else { return }
        SealedEntry.write([UInt8](data), to: url(for: path), sealKey: PageCache.sealKey(path: path, key: entry.key), remote: remote)
    }

    static func hashes(of files: [URL]) -> [String: String] {
        var out: [String: String] = [:]
        for f in files { out[f.path] = signature(of: f) }
        return out
    }

    /// Files past this size (data sets, which every warm run would otherwise
    /// re-hash) are known by size and modification time, as make knows files.
    static let hashLimit = 4 << 20

    static func signature(of file: URL) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              let size = attributes[.size] as? Int else { return "missing" }
        if size > hashLimit, let modified = attributes[.modificationDate] as? Date {
            return "stat:\(size):\(modified.timeIntervalSince1970)"
        }
        return FileManager.default.contents(atPath: file.path).map(sha256) ?? "missing"
    }

    // MARK: BuiltinCache, for expensive built-ins

    // Keys come from the evaluator, already a hash of the built-in, its
    // arguments and the fingerprint of the code behind it; the file is named
    // by a hash of the key, so no key text reaches the file system.
    private static func builtinKey(_ key: String) -> String { "builtin\n" + key }

    func builtinURL(_ key: String) -> URL {
        directory.appendingPathComponent("builtins").appendingPathComponent(PageCache.sha256(Data(PageCache.builtinKey(key).utf8)))
    }

    // The result's format is Lab's (`ResultCodec`), which checks it when it
    // decodes; a remote entry that opens under its key but does not decode
    // is recomputed there and overwritten, here and on the remote.
    func load(key: String) -> [UInt8]? {
        guard let (bytes, origin) = SealedEntry.read(builtinURL(key), sealKey: PageCache.builtinKey(key), remote: remote,
                                                     decode: { $0 }) else { return nil }
        tally.memo(origin)
        return bytes
    }

    func store(key: String, bytes: [UInt8]) {
        tally.memo(.computed)
        SealedEntry.write(bytes, to: builtinURL(key), sealKey: PageCache.builtinKey(key), remote: remote)
    }

    /// An advisory lock on a file beside the entry (flock), which holds
    /// across threads and processes alike and is released if a process dies.
    func exclusive<T>(key: String, _ body: () throws -> T) throws -> T {
        let lock = builtinURL(key).path + ".lock"
        try? FileManager.default.createDirectory(at: directory.appendingPathComponent("builtins"), withIntermediateDirectories: true)
        let fd = open(lock, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0, errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
