import Foundation

/// An element-wise operation on two operands, the arithmetic and comparisons
/// of the experiment language plus `minimum` and `maximum`.
public enum BinaryOp: Sendable, CaseIterable {
    case add, sub, mul, div, pow, mod, eq, ne, lt, le, gt, ge, minimum, maximum

    /// How the experiment language spells the operation; used in error messages.
    public var symbol: String {
        switch self {
        case .add: "+"
        case .sub: "-"
        case .mul: "*"
        case .div: "/"
        case .pow: "^"
        case .mod: "%"
        case .eq: "=="
        case .ne: "!="
        case .lt: "<"
        case .le: "<="
        case .gt: ">"
        case .ge: ">="
        case .minimum: "minimum"
        case .maximum: "maximum"
        }
    }

    /// The operation on one pair of values. The tensor kernels do not call this
    /// (a switch per element would cost more than the arithmetic); they inline
    /// the same formulas through `BinaryOp.kernel`.
    public func callAsFunction(_ x: Float, _ y: Float) -> Float {
        switch self {
        case .add: x + y
        case .sub: x - y
        case .mul: x * y
        case .div: x / y
        case .pow: BinaryOp.power(x, y)
        case .mod: BinaryOp.floorMod(x, y)
        case .eq: x == y ? 1 : 0
        case .ne: x != y ? 1 : 0
        case .lt: x < y ? 1 : 0
        case .le: x <= y ? 1 : 0
        case .gt: x > y ? 1 : 0
        case .ge: x >= y ? 1 : 0
        case .minimum: BinaryOp.smaller(x, y)
        case .maximum: BinaryOp.larger(x, y)
        }
    }

    @inline(__always) static func power(_ x: Float, _ y: Float) -> Float {
        Foundation.pow(x, y)
    }

    /// Python's `%`: the result takes the divisor's sign, so `-1 % 3 == 2`.
    @inline(__always) static func floorMod(_ x: Float, _ y: Float) -> Float {
        let r = fmodf(x, y)
        return r != 0 && (r < 0) != (y < 0) ? r + y : r
    }

    /// NaN wins, as in NumPy's `minimum`: a NaN should not hide in a min.
    @inline(__always) static func smaller(_ x: Float, _ y: Float) -> Float {
        x <= y || x.isNaN ? x : y
    }

    @inline(__always) static func larger(_ x: Float, _ y: Float) -> Float {
        x >= y || x.isNaN ? x : y
    }
}
