import Crypto
import Foundation

/// What running one block did, in a form that survives the process: its
/// result (outputs, claims, errors), the values it bound and the names it
/// left without a value. Restoring a snapshot puts the session where running
/// the block would have, without running it; a block whose values cannot
/// all be stored (a large dataset) has no snapshot and runs again.
public struct BlockSnapshot: Sendable {
    public var run: BlockRun
    /// Each bound value as ValueCodec bytes, decoded only if something reads it.
    var bound: [(name: String, value: StoredValue)]
    var missing: [(name: String, why: String)]
    /// Files the block's built-ins read, to check before trusting the snapshot.
    public var files: [URL]
    /// Values beyond this are kept only for a block that took at least
    /// `slowBlock` seconds: a fast block's hundreds of megabytes (a tensor of
    /// 60,000 images is 188 MB) cost more disk than running it again from
    /// memoized results; a slow block's are worth keeping. Values are read
    /// only when something reads them, so their size costs a prose edit nothing.
    static let maxBytes = 32 << 20
    static let slowBlock = 1.0

    /// Where the block began and what it was called when it ran: lines move
    /// with prose edits above the block, and are shifted on restore.
    public var firstLine: Int
    public var label: String

    /// The snapshot as if the block began at `line`: its claims' and errors'
    /// lines move with it.
    public func moved(to line: Int) -> BlockSnapshot {
        let shift = line - firstLine
        guard shift != 0 else { return self }
        func move(_ d: Diagnostic) -> Diagnostic {
            var d = d
            d.location.line += shift
            return d
        }
        var s = self
        s.firstLine = line
        s.run.diagnostics = run.diagnostics.map(move)
        s.run.outputLocations = run.outputLocations.map { SourceLocation(line: $0.line + shift, column: $0.column) }
        s.run.claims = run.claims.map { c in
            var c = c
            c.location.line += shift
            c.error = c.error.map(move)
            return c
        }
        return s
    }
}

extension Session {
    /// The names a block reads from earlier blocks (its free names) and the
    /// names it binds; a block that does not parse reads nothing.
    public static func names(ofBlock source: String, origin: SourceOrigin) -> (reads: Set<String>, binds: Set<String>) {
        let program = Parser.parseBlock(source, origin: origin)
        var reads = Set<String>(), bound = Set<String>()
        for s in program.statements {
            reads.formUnion(s.freeNames.subtracting(bound))
            if let n = s.boundName { bound.insert(n) }
        }
        return (reads, program.boundNames)
    }

    /// The names an inline span reads.
    public static func names(ofInline source: String, origin: SourceOrigin) -> Set<String> {
        guard case let .success(p) = Parser.parseInline(source, origin: origin) else { return [] }
        return p.expr.freeNames()
    }

    /// How a name stands now, for the key of a block that reads it: bound
    /// by a block (its key), missing (and why), or unknown.
    public func version(of name: String) -> String {
        if let key = versions[name] { return "block:" + key }
        if let why = missing[name] { return "missing:" + why }
        return "unbound"
    }

    /// Runs a block as `run(block:)` does and takes its snapshot; `key` is
    /// the block's key, which names the values it binds from now on.
    public func runAndSnapshot(block source: String, origin: SourceOrigin, label: String, seedKey: String,
                               timeout: Double?, key: String) -> (BlockRun, BlockSnapshot?) {
        let filesBefore = filesRead.count
        let run = run(block: source, origin: origin, label: label, seedKey: seedKey, timeout: timeout)
        let binds = Session.names(ofBlock: source, origin: origin).binds
        var bound: [(String, StoredValue)] = [], missingNow: [(String, String)] = []
        var storable = true, size = 0
        for name in binds.sorted() {
            // A name's version is the block's key and the value's digest: a
            // block whose key did not change can still bind something new (a
            // file it read changed), and what reads the name must see that.
            var version = key + ":" + UUID().uuidString
            if let v = environment[name] {
                // A label would not survive ValueCodec (see `holdsLabel`): such a block runs again each time.
                if storable, !v.holdsLabel, let bytes = ValueCodec.encode(v),
                   size + bytes.count <= BlockSnapshot.maxBytes || run.seconds >= BlockSnapshot.slowBlock {
                    let value = StoredValue(bytes: bytes)
                    bound.append((name, value))
                    size += bytes.count
                    version = key + ":" + value.digest
                } else {
                    storable = false
                }
            } else if let why = missing[name] {
                missingNow.append((name, why))
                version = key + ":missing"
            }
            versions[name] = version
        }
        let files = Array(filesRead[filesBefore...])
        return (run, storable ? BlockSnapshot(run: run, bound: bound, missing: missingNow, files: files,
                                              firstLine: origin.firstLine, label: label) : nil)
    }

    /// Puts the session where running the snapshot's block left it.
    public func restore(_ s: BlockSnapshot, key: String) {
        for (name, value) in s.bound {
            environment[name] = nil
            stored[name] = value
            missing[name] = nil
            versions[name] = key + ":" + value.digest
        }
        for (name, why) in s.missing {
            environment[name] = nil
            stored[name] = nil
            missing[name] = why
            versions[name] = key + ":missing"
        }
        for f in s.files { noteRead(f) }
    }
}

extension BlockSnapshot {
    /// The values the block bound, each with its digest, for a store to keep
    /// in files of their own.
    public var values: [(digest: String, load: @Sendable () -> [UInt8]?)] { bound.map { ($0.value.digest, $0.value.load) } }

    /// The snapshot as bytes (ValueCodec for values and outputs); nil when a
    /// bound value has no stored form.
    public func encoded() -> [UInt8]? {
        var w = ByteWriter()
        w.string("lectern-block-4")
        w.string(run.status.rawValue)
        w.count(run.outputs.count)
        for o in run.outputs {
            switch o {
            case let .text(t, caption): w.tag("t"); w.string(t); w.optional(caption)
            // A label travels beside its figure or table: ValueCodec, inside
            // the engine fingerprint, has no place for it.
            case let .figure(f):
                if let label = f.label { w.tag("F"); w.string(label) } else { w.tag("f") }
                guard ValueCodec.write(.object(f), &w) else { return nil }
            case let .table(t):
                if let label = t.label { w.tag("B"); w.string(label) } else { w.tag("b") }
                guard ValueCodec.write(.object(t), &w) else { return nil }
            }
        }
        w.count(run.outputLocations.count)
        for l in run.outputLocations { w.count(l.line); w.count(l.column) }
        guard let claims = try? JSONEncoder().encode(run.claims.map(StoredClaim.init)),
              let diagnostics = try? JSONEncoder().encode(run.diagnostics) else { return nil }
        w.blob([UInt8](claims))
        w.blob([UInt8](diagnostics))
        w.optional(run.skipReason)
        w.word(run.seconds.bitPattern)
        w.count(bound.count)
        for (name, value) in bound {
            w.string(name)
            w.string(value.digest)
        }
        w.count(missing.count)
        for (name, why) in missing { w.string(name); w.string(why) }
        w.strings(files.map(\.path))
        w.count(firstLine)
        w.string(label)
        return w.bytes
    }

    /// `value` gives the stored value of a digest, to be read when needed.
    public static func decode(_ bytes: [UInt8], value: (String) -> StoredValue?) -> BlockSnapshot? {
        var r = ByteReader(bytes)
        guard r.string() == "lectern-block-4", let status = r.string().flatMap(BlockRun.Status.init(rawValue:)),
              let n = r.count() else { return nil }
        var outputs: [Output] = []
        for _ in 0..<n {
            switch r.tag() {
            case "t":
                guard let t = r.string(), let caption = r.optional() else { return nil }
                outputs.append(.text(t, caption: caption))
            case let tag where tag == "f" || tag == "F":
                let label = tag == "F" ? r.string() : nil
                guard tag == "f" || label != nil, case var .object(f as FigureValue)? = ValueCodec.read(&r, depth: 0) else { return nil }
                f.label = label
                outputs.append(.figure(f))
            case let tag where tag == "b" || tag == "B":
                let label = tag == "B" ? r.string() : nil
                guard tag == "b" || label != nil, case var .object(t as TableValue)? = ValueCodec.read(&r, depth: 0) else { return nil }
                t.label = label
                outputs.append(.table(t))
            default: return nil
            }
        }
        guard let ln = r.count(), ln == outputs.count else { return nil }
        var locations: [SourceLocation] = []
        for _ in 0..<ln {
            guard let line = r.natural(), let column = r.natural() else { return nil }
            locations.append(SourceLocation(line: line, column: column))
        }
        guard let claimBytes = r.blob(), let claims = try? JSONDecoder().decode([StoredClaim].self, from: Data(claimBytes)),
              let diagnosticBytes = r.blob(), let diagnostics = try? JSONDecoder().decode([Diagnostic].self, from: Data(diagnosticBytes)),
              let skip = r.optional(), let seconds = r.word(), let bn = r.count() else { return nil }
        var run = BlockRun(status: status, outputs: outputs, claims: claims.map(\.claim), diagnostics: diagnostics, skipReason: skip)
        run.seconds = Double(bitPattern: seconds)
        run.outputLocations = locations
        var bound: [(String, StoredValue)] = []
        for _ in 0..<bn {
            guard let name = r.string(), let digest = r.string(), let stored = value(digest) else { return nil }
            bound.append((name, stored))
        }
        guard let mn = r.count() else { return nil }
        var missing: [(String, String)] = []
        for _ in 0..<mn {
            guard let name = r.string(), let why = r.string() else { return nil }
            missing.append((name, why))
        }
        guard let files = r.strings(), let firstLine = r.word(), let label = r.string(), r.atEnd else { return nil }
        return BlockSnapshot(run: run, bound: bound, missing: missing, files: files.map { URL(fileURLWithPath: $0) },
                             firstLine: Int(truncatingIfNeeded: firstLine), label: label)
    }
}

/// A value in its stored form, waiting to be read.
public struct StoredValue: Sendable {
    /// SHA-256 of the value's bytes, as hex: the name of its file in a store.
    public let digest: String
    /// The bytes, verified against the digest; nil when they cannot be read back.
    public let load: @Sendable () -> [UInt8]?

    init(bytes: [UInt8]) {
        digest = StoredValue.digest(of: bytes)
        load = { bytes }
    }

    /// A value kept elsewhere (a store's file), read only when something reads it.
    public init(digest: String, load: @escaping @Sendable () -> [UInt8]?) {
        self.digest = digest
        self.load = load
    }

    public static func digest(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}

/// A claim's result as JSON, for snapshots.
struct StoredClaim: Codable {
    var line: Int, column: Int, source: String
    var kind: ClaimResult.Kind, status: ClaimResult.Status
    var documented: String?
    var number: Double?, text: String?
    var error: Diagnostic?
    var fill: String?
    var tolerance: Double?, warning: String?

    init(_ c: ClaimResult) {
        (line, column, source, kind, status, documented, error) =
            (c.location.line, c.location.column, c.source, c.kind, c.status, c.documented, c.error)
        (fill, tolerance, warning) = (c.fill, c.tolerance, c.warning)
        switch c.computed {
        case let .number(x)?: number = x.isFinite ? x : nil; text = x.isFinite ? nil : "\(x)"
        case let .text(t)?: text = t
        case nil: break
        }
    }

    var claim: ClaimResult {
        var computed: ClaimResult.Computed?
        if let number { computed = .number(number) } else if let text {
            computed = Double(text).map { .number($0) } ?? .text(text)
        }
        var result = ClaimResult(location: SourceLocation(line: line, column: column), source: source, kind: kind, status: status,
                                 documented: documented, computed: computed, error: error)
        (result.fill, result.tolerance, result.warning) = (fill, tolerance, warning)
        return result
    }
}

extension Value {
    /// Whether a labelled figure or table (format 1.1, section 9.1) is in
    /// the value. ValueCodec has no place for a label and changing it would
    /// change the engine fingerprint (every memoized network), so a block
    /// that binds one keeps no snapshot: it runs again, and figures are cheap.
    var holdsLabel: Bool {
        switch self {
        case let .object(f as FigureValue): return f.label != nil
        case let .object(t as TableValue): return t.label != nil
        case let .list(items): return items.contains { $0.holdsLabel }
        case let .record(r): return r.fields.contains { $0.value.holdsLabel }
        default: return false
        }
    }
}
