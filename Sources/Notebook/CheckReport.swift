import Lab

/// The JSON of `lectern check --json` (LESSON-FORMAT.md section 8). Also
/// what the page cache keeps of a lesson, so a cached lesson reports the same.
public struct CheckReport: Codable, Sendable {
    public var passed: Int
    public var failed: Int
    public var errors: Int
    public var lessons: [LessonReport]
    /// `K/N` in a shard's report (`--shard`); absent from a whole run's and a merged one.
    public var shard: String?

    public init(passed: Int, failed: Int, errors: Int, lessons: [LessonReport], shard: String? = nil) {
        self.passed = passed
        self.failed = failed
        self.errors = errors
        self.lessons = lessons
        self.shard = shard
    }

    /// The report of lessons run together: their sums.
    public init(_ lessons: [LessonReport], shard: String? = nil) {
        self.init(passed: lessons.reduce(0) { $0 + $1.passed }, failed: lessons.reduce(0) { $0 + $1.failed },
                  errors: lessons.reduce(0) { $0 + $1.errors }, lessons: lessons, shard: shard)
    }
}

public struct LessonReport: Codable, Sendable {
    public struct Block: Codable, Sendable {
        public var id: String?
        public var line: Int
        public var status: BlockRun.Status
        public var seconds: Double
        public var error: Diagnostic?
        public var reason: String?
        /// Whether it ran (`computed`) or came from the `local` or `remote` cache; nil without a cache.
        public var from: CacheOrigin?

        /// `id` is always present (null for a block without one), so tools
        /// can read `blocks[].id` as section 8 shows it.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(line, forKey: .line)
            try c.encode(status, forKey: .status)
            try c.encode(seconds, forKey: .seconds)
            try c.encodeIfPresent(error, forKey: .error)
            try c.encodeIfPresent(reason, forKey: .reason)
            try c.encodeIfPresent(from, forKey: .from)
        }
    }

    public enum Computed: Codable, Sendable, Equatable {
        case number(Double)
        case text(String)

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let x = try? c.decode(Double.self) { self = .number(x) } else { self = .text(try c.decode(String.self)) }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            // JSON has no NaN or infinity; such values travel as text.
            case let .number(x) where x.isFinite: try c.encode(x)
            case let .number(x): try c.encode(ValueFormat.plain(x))
            case let .text(t): try c.encode(t)
            }
        }
    }

    public struct Claim: Codable, Sendable {
        public var line: Int
        public var column: Int
        public var source: String
        public var kind: ClaimResult.Kind
        public var status: ClaimResult.Status
        public var documented: String?
        public var computed: Computed?
        public var error: Diagnostic?
        /// A placeholder's filled claim (`~ ?.2` → `0.91`): what `check --fix` writes.
        public var fill: String?
        /// The absolute tolerance after the multiplier (format 1.1, section 9.4).
        public var tolerance: Double?
        /// Why a `~` claim cannot meaningfully fail, if it cannot.
        public var warning: String?
    }

    /// A value the lesson shows: a bare expression's output or an inline
    /// value span, for `check --show`.
    public struct Shown: Codable, Sendable {
        public var line: Int
        public var column: Int
        public var source: String
        public var value: String
    }

    public var path: String
    public var title: String
    public var seconds: Double
    public var blocks: [Block]
    /// How many blocks ran (the others were reused); nil in a report from an older build.
    public var ran: Int?
    public var claims: [Claim]
    /// Every value the lesson shows, in file order; nil in a report from an older build.
    public var shown: [Shown]?
    /// Errors outside blocks and claims (a lesson that failed to load); not in section 8's minimum, allowed by "more may be added".
    public var problems: [Diagnostic]?
    /// Where the lesson's results came from (the page, blocks, spans and
    /// memoized built-ins: local cache, remote cache or computed); nil without a cache.
    public var cache: CacheUse?
    /// Figures and tables without a caption (see `CaptionLint`); nil in a report from an older build.
    public var warnings: [Warning]?
    public var passed: Int
    public var failed: Int
    public var errors: Int

    public var tally: Tally {
        Tally(passed: passed, failed: failed, errors: errors,
              errata: claims.filter { $0.kind == .erratum && $0.status == .pass }.count)
    }

    init(_ run: LessonRun) {
        path = run.source.path
        title = run.title
        seconds = run.seconds
        ran = run.blocksRun
        blocks = run.blocks.map { b in
            Block(id: b.id, line: b.line, status: b.run.status, seconds: b.run.seconds,
                  error: b.run.status == .error ? b.run.diagnostics.first : nil, reason: b.run.skipReason,
                  from: run.cache == nil ? nil : b.from)
        }
        claims = run.claims.map { c in
            Claim(line: c.location.line, column: c.location.column, source: c.source, kind: c.kind,
                  status: c.status, documented: c.documented,
                  computed: c.computed.map { if case let .number(x) = $0 { return .number(x) } else { return .text(c.computedText) } },
                  error: c.error, fill: c.fill, tolerance: c.tolerance, warning: c.warning)
        }
        var shown: [Shown] = []
        for b in run.blocks {
            let lines = b.source.split(separator: "\n", omittingEmptySubsequences: false)
            for (output, at) in zip(b.run.outputs, b.run.outputLocations) {
                let i = at.line - b.origin.firstLine
                let text = lines.indices.contains(i) ? String(lines[i]).trimmingCharacters(in: .whitespaces) : ""
                shown.append(Shown(line: at.line, column: at.column, source: text, value: output.plainText))
            }
        }
        for r in run.inlines where r.claim == nil && r.diagnostic == nil {
            guard let at = r.location else { continue }
            shown.append(Shown(line: at.line, column: at.column, source: r.source ?? "", value: r.text))
        }
        self.shown = shown.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        let inlineErrors = run.inlines.filter { $0.claim == nil }.compactMap(\.diagnostic)
        let others = inlineErrors + run.diagnostics.filter { $0.severity == .error }
        problems = others.isEmpty ? nil : others
        cache = run.cache
        let uncaptioned = CaptionLint.warnings(run)
        warnings = uncaptioned.isEmpty ? nil : uncaptioned
        let t = run.tally
        passed = t.passed
        failed = t.failed
        errors = t.errors
    }

    /// The report of a page read whole from a cache: everything in it came from there.
    func served(from origin: CacheOrigin) -> LessonReport {
        var r = self
        r.cache = CacheUse(page: origin)
        for i in r.blocks.indices { r.blocks[i].from = origin }
        return r
    }

    /// A lesson that could not even be read or parsed.
    init(failedToLoad path: String, title: String, _ d: Diagnostic) {
        self.path = path
        self.title = title
        seconds = 0
        blocks = []
        claims = []
        shown = nil
        problems = [d]
        passed = 0
        failed = 0
        errors = 1
    }
}

extension Output {
    /// The output as a line of text: a value's text, or what a figure or table is.
    var plainText: String {
        switch self {
        case let .text(t, _): return t
        case let .figure(f): return "a figure" + (f.title.map { ": \($0)" } ?? "")
        case let .table(t): return "a table of \(t.rows.count) row\(t.rows.count == 1 ? "" : "s")" + (t.title.map { ": \($0)" } ?? "")
        }
    }
}
