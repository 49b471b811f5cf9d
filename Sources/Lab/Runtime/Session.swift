import Tensors
import Foundation

/// One lesson's run: the environment shared by its blocks in order, the
/// names failed blocks did not bind, and the knobs built-ins need (seed,
/// project folder, deadline).
public final class Session {
    public let file: String
    public let seed: UInt64
    /// Folder of the lesson file: relative paths in built-ins start here.
    public let lessonDirectory: URL
    /// No built-in reads outside this folder.
    public let projectRoot: URL
    public let registry: BuiltinRegistry
    /// Memoization of expensive built-ins, if the caller provides one.
    public var cache: BuiltinCache?

    var environment: [String: Value] = [:]
    /// Names a failed block should have bound, with why they are missing.
    var missing: [String: String] = [:]
    /// The key of the block that last bound each name, so a block that reads
    /// it is keyed by what made its value.
    var versions: [String: String] = [:]
    var deadline: Date?
    /// The block's `timeout=` in seconds, named in the error.
    var timeout: Double?
    var seedKey: UInt64 = 0
    var seedCounter: UInt64 = 0
    var inlineOrdinal = 0
    /// Files read by built-ins, so a page cache can notice when they change.
    public private(set) var filesRead: [URL] = []

    public init(file: String, seed: UInt64 = 0, lessonDirectory: URL, projectRoot: URL,
                registry: BuiltinRegistry = .standard, cache: BuiltinCache? = nil) {
        self.file = file
        self.seed = seed
        self.lessonDirectory = lessonDirectory
        self.projectRoot = projectRoot
        self.registry = registry
        self.cache = cache
    }

    public func value(of name: String) -> Value? { environment[name] ?? materialize(name) }

    /// Values restored from block snapshots, decoded when first read: a
    /// prose edit that reads none of a lesson's big values decodes none.
    var stored: [String: StoredValue] = [:]
    /// Set when a stored value failed its check on the way back: the
    /// lesson's results cannot be trusted, and it should be run without reuse.
    public private(set) var unreadableValue = false

    /// The stored value of `name`, decoded now and kept; nil when there is none.
    func materialize(_ name: String) -> Value? {
        guard let s = stored.removeValue(forKey: name) else { return nil }
        guard let bytes = s.load(), let v = ValueCodec.decode(bytes) else {
            unreadableValue = true
            missing[name] = "its stored value could not be read back; run with --no-cache"
            return nil
        }
        environment[name] = v
        return v
    }

    /// Seeds for random built-ins called without `seed=`: derived from the
    /// lesson's seed, the block (its id, or its ordinal) and the call's
    /// ordinal inside the block, so editing prose never changes a number.
    func nextSeed() -> UInt64 {
        seedCounter += 1
        return FNV1a.mix(seed, seedKey, seedCounter)
    }

    func checkDeadline(at location: SourceLocation?) throws {
        if pastDeadline {
            throw LabError("the block ran past its timeout of \(ValueFormat.plain(timeout ?? 0)) s", at: location)
        }
    }

    /// Whether the running block has used up its time: long loops in the
    /// compute modules poll this (they cannot throw the Lab's errors) and
    /// stop early, and the built-in then reports the timeout.
    var pastDeadline: Bool {
        guard let d = deadline else { return false }
        return Date() > d
    }

    /// Records a file a built-in read from outside the project (a system data
    /// set), so the page cache still notices when it changes.
    func noteRead(_ url: URL) { filesRead.append(url.standardizedFileURL) }

    /// Resolves a path written in a lesson; refuses anything that leaves the project.
    public func resolve(path: String, at location: SourceLocation?) throws -> URL {
        guard !path.isEmpty, !path.contains("\0") else { throw LabError("empty or malformed path", at: location) }
        guard let file = ProjectFiles(root: projectRoot).resolve(path, from: lessonDirectory) else {
            throw LabError("'\(path)' is outside the project; lessons may only read files inside it", at: location)
        }
        filesRead.append(file)
        return file
    }
}

/// Memoizes expensive built-ins by a content key; implemented by Notebook
/// (a folder of files), kept abstract here so Lab stays free of I/O policy.
public protocol BuiltinCache: AnyObject {
    func load(key: String) -> [UInt8]?
    func store(key: String, bytes: [UInt8])
    /// Runs `body` holding the key's lock, so two lessons (in one process or
    /// two) that need the same result compute it once: the second waits and
    /// then finds it stored.
    func exclusive<T>(key: String, _ body: () throws -> T) throws -> T
}

extension BuiltinCache {
    public func exclusive<T>(key: String, _ body: () throws -> T) throws -> T { try body() }
}
