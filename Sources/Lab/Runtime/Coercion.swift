import Tensors

/// Where the language turns one kind of value into another: a list of
/// numbers, or of equal-shape tensors, is a tensor wherever one is expected;
/// a one-element tensor is a number.
enum Coercion {
    static func tensor(_ v: Value, at loc: SourceLocation?, what: String = "value") throws -> Tensor {
        switch v {
        case let .tensor(t): return t
        case let .number(x): return Tensor(scalar: Float(x))
        case let .bool(b): return Tensor(scalar: b ? 1 : 0)
        case let .list(items): return try stack(items, at: loc, what: what)
        default:
            throw LabError("expected a tensor or a list of numbers for the \(what), got \(v.kindDescription)", at: loc)
        }
    }

    private static func stack(_ items: [Value], at loc: SourceLocation?, what: String) throws -> Tensor {
        if items.isEmpty { return Tensor(shape: [0], scalars: []) }
        // Fast path: a flat list of numbers.
        var flat: [Float] = []
        flat.reserveCapacity(items.count)
        var allNumbers = true
        for item in items {
            switch item {
            case let .number(x): flat.append(Float(x))
            case let .bool(b): flat.append(b ? 1 : 0)
            default: allNumbers = false
            }
            if !allNumbers { break }
        }
        if allNumbers { return Tensor(flat) }
        let parts = try items.map { try tensor($0, at: loc, what: what) }
        let shape = parts[0].shape
        for (i, p) in parts.enumerated() where p.shape != shape {
            throw LabError("items of a list used as a tensor must have one shape: item 0 has shape "
                           + "\(Tensor.describe(shape)), item \(i) has \(Tensor.describe(p.shape))", at: loc)
        }
        do { return try Tensor.stack(parts, axis: 0) } catch { throw LabError("\(error)", at: loc) }
    }

    /// A tensor result as a value: rank 0 becomes a number.
    static func value(_ t: Tensor) -> Value {
        t.isScalar ? .number(Double(t.scalars[0])) : .tensor(t)
    }

    static func isNumeric(_ v: Value) -> Bool {
        switch v {
        case .number, .tensor, .bool: return true
        case let .list(items): return items.allSatisfy(isNumeric)
        default: return false
        }
    }

    static func number(_ v: Value, at loc: SourceLocation?, what: String = "value") throws -> Double {
        switch v {
        case let .number(x): return x
        case let .bool(b): return b ? 1 : 0
        case let .tensor(t) where t.count == 1: return Double(t.scalars[0])
        default: throw LabError("expected a number for the \(what), got \(v.kindDescription)", at: loc)
        }
    }
}
