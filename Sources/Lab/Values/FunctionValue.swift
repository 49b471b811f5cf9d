/// A function written in a lesson, `square = fn(x) => x^2`: parameters and
/// one expression. The names its expression reads are captured when `fn`
/// is evaluated, so a later `y = ...` does not change what it computes
/// (its result depends on its arguments and what it captured, which keeps
/// block reuse exact). A function can call only built-ins and functions
/// that existed when it was written, never itself: no function loops.
struct FunctionValue: LabObject {
    let parameters: [String]
    let body: Expr
    /// `fn(x) => x^2` as written, and where: enough to parse it again.
    let source: String
    let origin: SourceOrigin
    let captured: Record
    /// Nesting as `ValueDepth` counts it: the captures are a record, so a
    /// function built on a function built on ... is as deep as a list of lists.
    let depth: Int

    init(parameters: [String], body: Expr, source: String, origin: SourceOrigin, captured: Record) {
        self.parameters = parameters
        self.body = body
        self.source = source
        self.origin = origin
        self.captured = captured
        depth = ValueDepth.of(.record(captured))
    }

    var typeName: String { "function" }
    var display: Output { .text(source, caption: nil) }
    var contentKey: String { "fn \(parameters.joined(separator: ",")) \(source) \(MemoKey.digest(.record(captured)))" }

    /// `fn(x, y)`, for messages.
    var signature: String { "fn(\(parameters.joined(separator: ", ")))" }
}
