import Foundation
import Tensors

/// The arithmetic and comparison operators on values. Numbers compute in
/// Double; anything involving a tensor (or a list standing for one) goes
/// through `Tensor.elementwise` in Float32 with NumPy broadcasting.
enum Operators {
    static func unary(_ op: UnaryOperator, _ v: Value, at loc: SourceLocation) throws -> Value {
        switch (op, v) {
        case let (.not, .bool(b)): return .bool(!b)
        case (.not, _): throw LabError("'not' needs true or false, got \(v.kindDescription)", at: loc)
        case let (.negate, .number(x)): return .number(-x)
        case (.negate, _):
            guard Coercion.isNumeric(v) else { throw LabError("cannot negate \(v.kindDescription)", at: loc) }
            return Coercion.value(try Coercion.tensor(v, at: loc).apply(.neg))
        }
    }

    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at loc: SourceLocation) throws -> Value {
        switch (a, b) {
        case let (.number(x), .number(y)):
            return try numbers(op, x, y, at: loc)
        case let (.string(x), .string(y)):
            if op == .add { return .string(x + y) }
            if let c = compare(op, x, y) { return c }
        case let (.bool(x), .bool(y)) where op == .equal || op == .notEqual:
            return .bool((x == y) == (op == .equal))
        case (.none, _), (_, .none):
            if op == .equal || op == .notEqual {
                let same: Bool
                if case .none = a, case .none = b { same = true } else { same = false }
                return .bool(same == (op == .equal))
            }
        case (.list, .list) where op == .add:
            // Python joins lists with +; element-wise addition would quietly give something else.
            throw LabError("'+' between two lists: join them with concat([a, b]), or add element by element "
                           + "with tensor(a) + b", at: loc)
        default:
            break
        }
        // Booleans count as 0 and 1; two scalars stay in Double, so `true < 2`
        // is a boolean like `1 < 2`, not a 0/1 number from the tensor path.
        if let x = scalar(a), let y = scalar(b) { return try numbers(op, x, y, at: loc) }
        if Coercion.isNumeric(a), Coercion.isNumeric(b) {
            return try tensors(op, try Coercion.tensor(a, at: loc), try Coercion.tensor(b, at: loc), at: loc)
        }
        if op == .equal || op == .notEqual {
            // Values of different kinds are simply unequal, as in Python.
            return .bool((Equality.same(a, b)) == (op == .equal))
        }
        throw LabError("'\(op.rawValue)' cannot combine \(a.kindDescription) and \(b.kindDescription)", at: loc)
    }

    private static func scalar(_ v: Value) -> Double? {
        switch v {
        case let .number(x): return x
        case let .bool(b): return b ? 1 : 0
        default: return nil
        }
    }

    /// A comparison of two numbers or two strings; nil for any other operator.
    static func compare<T: Comparable>(_ op: BinaryOperator, _ x: T, _ y: T) -> Value? {
        switch op {
        case .equal: return .bool(x == y)
        case .notEqual: return .bool(x != y)
        case .less: return .bool(x < y)
        case .lessEqual: return .bool(x <= y)
        case .greater: return .bool(x > y)
        case .greaterEqual: return .bool(x >= y)
        default: return nil
        }
    }

    static func numbers(_ op: BinaryOperator, _ x: Double, _ y: Double, at loc: SourceLocation) throws -> Value {
        switch op {
        case .add: return .number(x + y)
        case .subtract: return .number(x - y)
        case .multiply: return .number(x * y)
        case .divide: return .number(x / y)
        case .modulo:
            // Python's sign convention: the result takes the divisor's sign.
            let r = x.truncatingRemainder(dividingBy: y)
            return .number(r != 0 && (r < 0) != (y < 0) ? r + y : r)
        case .power: return .number(Foundation.pow(x, y))
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return compare(op, x, y)!
        case .matmul: throw LabError("'@' multiplies matrices; both sides here are numbers (use '*')", at: loc)
        case .and, .or: throw LabError("'\(op.rawValue)' needs true or false", at: loc)
        }
    }

    static func tensors(_ op: BinaryOperator, _ a: Tensor, _ b: Tensor, at loc: SourceLocation) throws -> Value {
        let t: Tensor
        do {
            switch op {
            case .matmul: t = try a.matmul(b)
            case .and, .or: throw LabError("'\(op.rawValue)' needs true or false, not tensors", at: loc)
            default: t = try Tensor.elementwise(a, b, elementwise(op))
            }
        } catch let e as TensorError {
            throw LabError(e.description, at: loc)
        }
        return Coercion.value(t)
    }

    static func elementwise(_ op: BinaryOperator) -> BinaryOp {
        switch op {
        case .add: return .add
        case .subtract: return .sub
        case .multiply: return .mul
        case .divide: return .div
        case .modulo: return .mod
        case .power: return .pow
        case .equal: return .eq
        case .notEqual: return .ne
        case .less: return .lt
        case .lessEqual: return .le
        case .greater: return .gt
        case .greaterEqual: return .ge
        case .matmul, .and, .or: return .add  // handled by the caller
        }
    }
}

/// Structural equality, for `==` claims and comparisons of unlike values.
enum Equality {
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case let (.number(x), .number(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case (.none, .none): return true
        case let (.tensor(x), .tensor(y)): return x == y
        case let (.list(x), .list(y)): return x.count == y.count && zip(x, y).allSatisfy(same)
        case let (.record(x), .record(y)):
            return x.names == y.names && zip(x.fields, y.fields).allSatisfy { same($0.value, $1.value) }
        case (.tensor, .list), (.list, .tensor), (.tensor, .number), (.number, .tensor):
            guard let x = try? Coercion.tensor(a, at: nil), let y = try? Coercion.tensor(b, at: nil) else { return false }
            return x == y || (x.count == 1 && y.count == 1 && x.scalars == y.scalars)
        case let (.object(x), .object(y)): return x.contentKey == y.contentKey
        default: return false
        }
    }
}
