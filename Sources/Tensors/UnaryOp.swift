import Foundation

/// An element-wise function of one tensor.
public enum UnaryOp: Sendable, CaseIterable {
    case neg, abs, exp, log, sqrt, sign, sigmoid, tanh, relu, round

    /// The built-in's name in the experiment language (`neg` is unary minus).
    public var name: String {
        switch self {
        case .neg: "-"
        case .abs: "abs"
        case .exp: "exp"
        case .log: "log"
        case .sqrt: "sqrt"
        case .sign: "sign"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .relu: "relu"
        case .round: "round"
        }
    }
}

extension Tensor {
    public func apply(_ op: UnaryOp) -> Tensor {
        // One specialized loop per operation: the closure is inlined into `mapped`.
        switch op {
        case .neg: mapped { -$0 }
        case .abs: mapped { Swift.abs($0) }
        case .exp: mapped { Foundation.exp($0) }
        case .log: mapped { Foundation.log($0) }
        case .sqrt: mapped { $0.squareRoot() }
        case .sign: mapped { $0 > 0 ? 1 : $0 < 0 ? -1 : $0 }  // keeps 0 and NaN
        case .sigmoid: mapped { Tensor.sigmoid($0) }
        case .tanh: mapped { Foundation.tanh($0) }
        case .relu: mapped { $0 < 0 ? 0 : $0 }  // a NaN stays visible
        case .round: mapped { $0.rounded(.toNearestOrAwayFromZero) }
        }
    }

    /// Never evaluates exp of a large positive number, so no inf/inf = NaN.
    @inline(__always) static func sigmoid(_ x: Float) -> Float {
        if x >= 0 {
            return 1 / (1 + Foundation.exp(-x))
        }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }

    /// Values below `min` become `min`, above `max` become `max` (NumPy's
    /// order: with min > max everything is `max`); NaN stays NaN.
    public func clipped(min low: Float, max high: Float) -> Tensor {
        mapped { x in
            let y = x < low ? low : x
            return y > high ? high : y
        }
    }
}
