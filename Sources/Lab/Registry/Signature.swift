import Foundation

/// The kinds of value a parameter declares it takes. The evaluator checks
/// them when it binds a call, so every built-in words a wrong kind the same
/// way; finer rules (ranges, shapes that depend on the network) stay with
/// the argument readers.
public enum ParameterKind: String, Sendable, CaseIterable {
    case any, number, int, bool, string, tensor, shape, list, record, model, dataset

    /// How the reference and the error messages name it.
    var noun: String {
        switch self {
        case .any: return "a value"
        case .number: return "a number"
        case .int: return "a whole number"
        case .bool: return "true or false"
        case .string: return "a string"
        case .tensor: return "a tensor or a list of numbers"
        case .shape: return "a shape list such as [2, 3]"
        case .list: return "a list"
        case .record: return "a record"
        case .model: return "a model made by cnn(...)"
        case .dataset: return "a dataset"
        }
    }

    func accepts(_ v: Value) -> Bool {
        switch (self, v) {
        case (.any, _): return true
        case (.number, .number), (.bool, .bool), (.string, .string), (.record, .record): return true
        case let (.number, .tensor(t)): return t.count == 1
        case let (.int, .number(x)): return x == x.rounded() && abs(x) < 1e15
        case let (.int, .tensor(t)): return t.count == 1 && Double(t.scalars[0]) == Double(t.scalars[0]).rounded()
        case (.tensor, .number), (.tensor, .tensor), (.tensor, .list): return true
        case (.shape, .number), (.shape, .list), (.shape, .tensor): return true
        case (.list, .list), (.list, .tensor): return true
        case let (.model, .object(o)): return o is ModelValue
        case let (.dataset, .object(o)): return o is DatasetValue
        default: return false
        }
    }
}

/// Reads a built-in's declaration, written like a call:
/// `name(p1, p2: kind, p3: kind = default, *rest, **)`.
enum Signature {
    struct Parsed {
        var name: String
        var parameters: [Builtin.Parameter]
        var variadic: String?
        var openKeywords: Bool
    }

    static func parse(_ text: String) -> Parsed {
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else {
            preconditionFailure("built-in signature '\(text)' is not name(...)")
        }
        var parsed = Parsed(name: String(text[..<open]), parameters: [], variadic: nil, openKeywords: false)
        let inside = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        for part in splitTopLevel(inside) {
            if part == "**" { parsed.openKeywords = true; continue }
            if part.hasPrefix("*") { parsed.variadic = String(part.dropFirst()); continue }
            var head = part, fallback = Builtin.Fallback.required
            if let eq = part.firstIndex(of: "=") {
                head = part[..<eq].trimmingCharacters(in: .whitespaces)
                fallback = defaultValue(part[part.index(after: eq)...].trimmingCharacters(in: .whitespaces), in: text)
            }
            var name = head, kind = ParameterKind.any
            if let colon = head.firstIndex(of: ":") {
                name = head[..<colon].trimmingCharacters(in: .whitespaces)
                let k = head[head.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                guard let known = ParameterKind(rawValue: k) else { preconditionFailure("unknown kind '\(k)' in '\(text)'") }
                kind = known
            }
            parsed.parameters.append(Builtin.Parameter(name, kind: kind, fallback: fallback))
        }
        return parsed
    }

    /// Splits at commas outside brackets and quotes.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0, quoted = false
        for c in text {
            if c == "\"" { quoted.toggle() }
            if !quoted, c == "[" { depth += 1 }
            if !quoted, c == "]" { depth -= 1 }
            if c == ",", depth == 0, !quoted {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(c)
            }
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { parts.append(last) }
        return parts
    }

    static func defaultValue(_ text: String, in signature: String) -> Builtin.Fallback {
        switch text {
        case "": return .absent  // the older `name=` form: optional, decided by the body
        case "none": return .absent
        case "seed": return .derivedSeed
        default:
            guard let v = literalValue(text) else { preconditionFailure("default '\(text)' in '\(signature)' is not a literal") }
            return .value(v)
        }
    }

    static func literalValue(_ text: String) -> Value? {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { return .string(String(text.dropFirst().dropLast())) }
        if text.hasPrefix("["), text.hasSuffix("]") {
            let items = splitTopLevel(String(text.dropFirst().dropLast())).map(literalValue)
            guard !items.contains(where: { $0 == nil }) else { return nil }
            return .list(items.compactMap { $0 })
        }
        return Double(text).map(Value.number)
    }

    /// A default as the reference writes it.
    static func literal(_ v: Value) -> String {
        switch v {
        case let .number(x): return ValueFormat.plain(x)
        case let .bool(b): return b ? "true" : "false"
        case let .string(s): return "\"" + s + "\""
        case let .list(items): return "[" + items.map(literal).joined(separator: ", ") + "]"
        case .none: return "none"
        default: return v.typeName
        }
    }
}
