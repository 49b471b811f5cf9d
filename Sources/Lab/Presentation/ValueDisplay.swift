import Tensors

extension Value {
    /// The text of a value inline in prose: numbers with 4 significant
    /// digits, strings bare, tensors summarised.
    var inlineText: String {
        switch self {
        case let .number(x): return ValueFormat.plain(x)
        case let .bool(b): return b ? "true" : "false"
        case let .string(s): return s
        case .none: return "none"
        case let .tensor(t): return Value.tensorText(t, edge: 3)
        case let .list(items): return "[" + items.map(\.reprText).joined(separator: ", ") + "]"
        case let .record(r): return "{" + r.fields.map { "\($0.name): \($0.value.reprText)" }.joined(separator: ", ") + "}"
        case let .object(o):
            if case let .text(t, _) = o.display { return t }
            return "<\(o.typeName)>"
        }
    }

    /// Like `inlineText`, but strings quoted, as inside lists and records.
    var reprText: String {
        if case let .string(s) = self {
            return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return inlineText
    }

    /// What a bare expression statement shows below its block.
    public var output: Output {
        switch self {
        case let .object(o): return o.display
        case let .tensor(t):
            return .text(Value.tensorText(t, edge: 6), caption: "tensor " + Tensor.describe(t.shape))
        case let .list(items): return .text(reprText, caption: "list of \(items.count)")
        case .string: return .text(reprText, caption: nil)
        default: return .text(inlineText, caption: nil)
        }
    }

    /// NumPy-like printing: nested brackets, long axes elided in the middle.
    static func tensorText(_ t: Tensor, edge: Int) -> String {
        if t.isScalar { return ValueFormat.plain(Double(t.scalars[0])) }
        let strides = t.strides
        func render(_ axis: Int, _ offset: Int, _ indent: String) -> String {
            let n = t.shape[axis]
            var indices = Array(0..<n)
            var elided = false
            if n > 2 * edge + 1 { indices = Array(0..<edge) + Array(n - edge..<n); elided = true }
            var parts: [String] = []
            for (k, i) in indices.enumerated() {
                if elided, k == edge { parts.append("...") }
                let off = offset + i * strides[axis]
                parts.append(axis == t.rank - 1 ? ValueFormat.plain(Double(t.scalars[off]))
                                                : render(axis + 1, off, indent + " "))
            }
            let separator = axis == t.rank - 1 ? ", " : ",\n" + indent + " "
            return "[" + parts.joined(separator: separator) + "]"
        }
        return render(0, 0, "")
    }
}
