/// Text for labels and captions: numbers formatted as inline spans format
/// them (`:.2f`, `:.1%`, `:,d`, ...), any value as its inline text.
enum TextBuiltins {
    static let all: [Builtin] = [format]

    static let format = Builtin("format(value, spec: string = none)",
                                "a value as text; numbers take an inline format spec such as \".2f\", \".1%\", \",d\"") { args, _ in
        guard let value = args.value("value") else { throw LabError("format: needs a value", at: args.location("value")) }
        guard let spec = try args.optionalString("spec") else { return .string(value.inlineText) }
        guard ValueFormat.isValidSpec(spec) else {
            throw LabError("format: unknown spec \"\(spec)\"; use .Nf, .Ne, .N%, .Ns, ,d or d", at: args.location("spec"))
        }
        guard let x = try? Coercion.number(value, at: nil) else {
            throw LabError("format: a spec formats a number, got \(value.kindDescription)", at: args.location("value"))
        }
        return .string(ValueFormat.format(x, spec: spec) ?? value.inlineText)
    }
}
