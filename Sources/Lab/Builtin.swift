import Foundation

/// A built-in function: its name, its parameters (the contract of section 6:
/// keywords may be added, never renamed) and its body.
public struct Builtin: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        public var required: Bool
        public init(_ name: String, required: Bool = true) {
            self.name = name
            self.required = required
        }
    }

    public var name: String
    public var parameters: [Parameter]
    /// Collects extra positional arguments under this name (as a list).
    public var variadic: String?
    /// Accepts keywords it does not name (for `table(col=..., ...)`).
    public var openKeywords: Bool
    /// One line for the reference and for `--help`.
    public var summary: String
    public var body: @Sendable (inout Arguments, CallContext) throws -> Value

    /// `signature` reads like a call: `"sum(x, axis=)"`; a trailing `=`
    /// marks an optional parameter, `*rest` a variadic one, `**` open keywords.
    public init(_ signature: String, _ summary: String,
                body: @escaping @Sendable (inout Arguments, CallContext) throws -> Value) {
        let open = signature.firstIndex(of: "(")!
        name = String(signature[..<open])
        let inside = signature[signature.index(after: open)..<signature.index(before: signature.endIndex)]
        var params: [Parameter] = []
        var variadic: String?
        var openKeywords = false
        for raw in inside.split(separator: ",") {
            let p = raw.trimmingCharacters(in: .whitespaces)
            if p == "**" { openKeywords = true }
            else if p.hasPrefix("*") { variadic = String(p.dropFirst()) }
            else if p.hasSuffix("=") { params.append(Parameter(String(p.dropLast()), required: false)) }
            else { params.append(Parameter(p)) }
        }
        self.parameters = params
        self.variadic = variadic
        self.openKeywords = openKeywords
        self.summary = summary
        self.body = body
    }

    public var signature: String {
        var parts = parameters.filter(\.required).map(\.name)
        if let v = variadic { parts.append("*" + v) }
        parts += parameters.filter { !$0.required }.map { $0.name + "=" }
        if openKeywords { parts.append("**") }
        return name + "(" + parts.joined(separator: ", ") + ")"
    }
}

/// What a built-in needs from the run that called it.
public struct CallContext {
    public let session: Session
    public let location: SourceLocation
    public let builtin: String

    /// A seed for a random built-in called without `seed=`.
    public func derivedSeed() -> UInt64 { session.nextSeed() }

    public func checkDeadline() throws { try session.checkDeadline(at: location) }

    /// For the compute modules' `stop` parameters: true once the block's time is up.
    public var stop: @Sendable () -> Bool {
        let deadline = session.deadline
        return { deadline.map { Date() > $0 } ?? false }
    }
}

/// The lookup table of built-ins, in one place.
public struct BuiltinRegistry: Sendable {
    private var table: [String: Builtin] = [:]

    public init(_ builtins: [Builtin] = []) {
        for b in builtins { table[b.name] = b }
    }

    public subscript(name: String) -> Builtin? { table[name] }
    public var names: [String] { table.keys.sorted() }
    public var all: [Builtin] { names.compactMap { table[$0] } }

    public mutating func register(_ b: Builtin) { table[b.name] = b }

    /// Every built-in Lectern ships.
    public static let standard = BuiltinRegistry(
        MathBuiltins.all + TextBuiltins.all + ModelBuiltins.all + TrainingBuiltins.all + InspectionBuiltins.all
            + AttributionBuiltins.all + UnitBuiltins.all + StatisticsBuiltins.all + ProbeBuiltins.all + TransformBuiltins.all + EmbeddingBuiltins.all + OptimizationBuiltins.all
            + FigureBuiltins.all + DataBuiltins.all
    )
}
