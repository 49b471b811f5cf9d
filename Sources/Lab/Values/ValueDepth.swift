/// How deeply lists and records nest inside a value.
///
/// Equality, arithmetic, coercion to a tensor, display and the built-ins
/// walk values recursively, so a value tens of thousands of levels deep
/// (built one `a = [a]` at a time, which the source limits cannot see)
/// would overflow the stack. Every list and record is measured where it is
/// made, so no value deeper than the limit ever exists.
enum ValueDepth {
    /// The same as the source's bracket limit: a literal that parses can
    /// always be built.
    static let limit = Lexer.maxDepth

    /// Lists and records around the deepest leaf: 0 for a number or a
    /// tensor, 1 for `[1, 2]`; a function counts as the record of what it captured. Stops counting just past the limit, and walks
    /// without recursion, so measuring is safe whatever it is given.
    static func of(_ value: Value) -> Int {
        var deepest = 0
        var pending: [(Value, Int)] = [(value, 0)]
        while let (v, level) = pending.popLast() {
            deepest = max(deepest, level)
            if deepest > limit { break }
            switch v {
            case let .list(items):
                deepest = max(deepest, level + 1)
                for item in items where item.isContainer { pending.append((item, level + 1)) }
            case let .record(r):
                deepest = max(deepest, level + 1)
                for f in r.fields where f.value.isContainer { pending.append((f.value, level + 1)) }
            case let .object(f as FunctionValue):
                deepest = max(deepest, level + f.depth)
            default: break
            }
        }
        return deepest
    }

    /// `value` itself, or a located error when it nests past the limit.
    static func checked(_ value: Value, at loc: SourceLocation, _ what: @autoclosure () -> String) throws -> Value {
        let depth = of(value)
        guard depth <= limit else {
            throw LabError("\(what()) is nested more than \(limit) levels deep; values may nest at most \(limit)", at: loc)
        }
        return value
    }
}

private extension Value {
    var isContainer: Bool {
        switch self {
        case .list, .record: return true
        case let .object(o): return o is FunctionValue
        default: return false
        }
    }
}
