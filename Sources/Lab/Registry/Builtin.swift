import Foundation

/// A built-in function declared as data: its name, its parameters with their
/// defaults and the kinds of value they take, a one-line summary, whether its
/// result is memoized, and the body that receives the bound arguments. The
/// evaluator binds calls against the declaration, so no body parses its own
/// arguments; the reference and `lectern help` are generated from it.
public struct Builtin: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        public var kind: ParameterKind
        public var fallback: Fallback
        var required: Bool { if case .required = fallback { true } else { false } }

        public init(_ name: String, kind: ParameterKind = .any, fallback: Fallback = .required) {
            self.name = name
            self.kind = kind
            self.fallback = fallback
        }
    }

    /// What a parameter is when the call leaves it out.
    public enum Fallback: Sendable {
        /// The call must give it.
        case required
        /// This value, as if written in the call.
        case value(Value)
        /// Left out: the body decides from the other arguments (the summary
        /// says how), or the feature stays off.
        case absent
        /// A seed derived from the lesson's seed and the call's position.
        case derivedSeed
    }

    /// Whether the evaluator stores the result in the memo, keyed by the
    /// call's bound arguments and the engine's fingerprint.
    public enum Memo: Sendable {
        case none
        case result
        /// Not stored (it is cheap), but a model it returns is named by the
        /// call's key, so whatever is computed from that model is keyed by it.
        case identity
    }

    public var name: String
    var parameters: [Parameter]
    /// Collects extra positional arguments under this name (as a list).
    var variadic: String?
    /// Accepts keywords it does not name (for `table(col=..., ...)`).
    var openKeywords: Bool
    /// One line for the reference and for `lectern help`.
    public var summary: String
    public var memo: Memo
    /// The declaring file under `Sources/`, whose code is part of the
    /// engine fingerprint of a memoized result.
    var sourcePath: String
    public var body: @Sendable (inout Arguments, CallContext) throws -> Value

    /// `signature` reads like a call with defaults and kinds:
    /// `"occlusion(net: model, x: tensor, class, size: int = 6, fill: number = 0.5)"`.
    /// A parameter with `= ...` is optional: `= none` leaves it out, `= seed`
    /// derives a seed; `*rest` collects extra positional arguments, `**`
    /// extra keywords. A malformed signature is a programming error caught by
    /// the registry's tests.
    public init(_ signature: String, _ summary: String, memo: Memo = .none, file: String = #filePath,
                body: @escaping @Sendable (inout Arguments, CallContext) throws -> Value) {
        let parsed = Signature.parse(signature)
        name = parsed.name
        parameters = parsed.parameters
        variadic = parsed.variadic
        openKeywords = parsed.openKeywords
        self.summary = summary
        self.memo = memo
        sourcePath = Builtin.underSources(file)
        self.body = body
    }

    static func underSources(_ path: String) -> String {
        guard let r = path.range(of: "/Sources/", options: .backwards) else { return path }
        return String(path[r.upperBound...])
    }

    public func parameter(_ name: String) -> Parameter? { parameters.first { $0.name == name } }

    /// The short form used in messages: `"sum(x, axis=)"`.
    public var signature: String {
        var parts = parameters.filter(\.required).map(\.name)
        if let v = variadic { parts.append("*" + v) }
        parts += parameters.filter { !$0.required }.map { $0.name + "=" }
        if openKeywords { parts.append("**") }
        return name + "(" + parts.joined(separator: ", ") + ")"
    }

    /// The documented form, with every default: `"sum(x, axis=none)"`.
    public var usage: String {
        var parts = parameters.filter(\.required).map(\.name)
        if let v = variadic { parts.append("*" + v) }
        parts += parameters.filter { !$0.required }.map { $0.name + "=" + $0.fallback.text }
        if openKeywords { parts.append("**") }
        return name + "(" + parts.joined(separator: ", ") + ")"
    }
}

extension Builtin.Fallback {
    /// How the default reads in the reference.
    public var text: String {
        switch self {
        case .required: return ""
        case let .value(v): return Signature.literal(v)
        case .absent: return "none"
        case .derivedSeed: return "auto"
        }
    }
}

/// What the current call needs from the run that called it.
public struct CallContext {
    public let session: Session
    public let location: SourceLocation
    public let builtin: String

    /// A seed for a random built-in called without `seed=`.
    func derivedSeed() -> UInt64 { session.nextSeed() }

    func checkDeadline() throws { try session.checkDeadline(at: location) }

    /// For the compute modules' `stop` parameters: true once the block's time is up.
    public var stop: @Sendable () -> Bool {
        let deadline = session.deadline
        return { deadline.map { Date() > $0 } ?? false }
    }
}

/// The lookup table of built-ins, in one place, in the groups the
/// reference lists them in.
public struct BuiltinRegistry: Sendable {
    public struct Group: Sendable {
        public var title: String
        public var builtins: [Builtin]
    }

    private var table: [String: Builtin] = [:]
    public private(set) var groups: [Group] = []

    public init(_ builtins: [Builtin] = []) {
        for b in builtins { table[b.name] = b }
        groups = [Group(title: "Built-ins", builtins: builtins)]
    }

    public init(groups: [Group]) {
        self.groups = groups
        for g in groups { for b in g.builtins { table[b.name] = b } }
    }

    public subscript(name: String) -> Builtin? { table[name] }
    public var names: [String] { table.keys.sorted() }
    public var all: [Builtin] { names.compactMap { table[$0] } }

    mutating func register(_ b: Builtin) {
        table[b.name] = b
        groups.append(Group(title: "Added", builtins: [b]))
    }

    /// Every built-in Lectern ships.
    public static let standard = BuiltinRegistry(groups: [
        Group(title: "Math", builtins: MathBuiltins.all + WhereBuiltin.all + CumsumBuiltin.all + SortingBuiltins.all
              + SpreadBuiltins.all + StatisticsBuiltins.all),
        Group(title: "Linear algebra", builtins: LinearAlgebraBuiltins.all),
        Group(title: "Data", builtins: DataBuiltins.all + TransformBuiltins.all),
        Group(title: "Models", builtins: ModelBuiltins.all + TrainingBuiltins.all + InspectionBuiltins.all),
        Group(title: "Sequences and recurrent networks", builtins: SequenceBuiltins.all),
        Group(title: "Understanding a trained network",
              builtins: AttributionBuiltins.all + UnitBuiltins.all + ExplorerBuiltin.all + ProbeBuiltins.all),
        Group(title: "Optimizing the input", builtins: OptimizationBuiltins.all),
        Group(title: "Embeddings", builtins: EmbeddingBuiltins.all),
        Group(title: "Figures, tables and text",
              builtins: FigureBuiltins.all + HistogramBuiltin.all + FigureRowBuiltin.all + TextBuiltins.all),
    ])
}
