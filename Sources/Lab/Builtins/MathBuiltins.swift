import Foundation
import Tensors

/// Section 6's math built-ins. On plain numbers they compute in Double (so
/// `sigmoid(-3)` is exact to print); on tensors in Float32 through Tensors.
enum MathBuiltins {
    static var all: [Builtin] { unary + reductions + creation + shaping + misc }

    static func unaryFunction(_ name: String, _ op: UnaryOp, _ summary: String,
                              _ f: @escaping @Sendable (Double) -> Double) -> Builtin {
        Builtin("\(name)(x)", summary) { args, _ in
            if case let .number(x)? = args.value("x") { return .number(f(x)) }
            return Coercion.value(try args.tensor("x").apply(op))
        }
    }

    static let unary: [Builtin] = [
        unaryFunction("abs", .abs, "absolute value, element-wise") { Swift.abs($0) },
        unaryFunction("exp", .exp, "e^x, element-wise") { Foundation.exp($0) },
        unaryFunction("log", .log, "natural logarithm, element-wise") { Foundation.log($0) },
        Builtin("log10(x)", "base-10 logarithm, element-wise (log10(1000) is 3; 0 gives -inf, negative values NaN)") { args, _ in
            if case let .number(x)? = args.value("x") { return .number(Foundation.log10(x)) }
            return Coercion.value(try args.tensor("x").map { Foundation.log10($0) })
        },
        unaryFunction("sqrt", .sqrt, "square root, element-wise") { $0.squareRoot() },
        unaryFunction("sign", .sign, "-1, 0 or 1, element-wise") { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) },  // NaN stays NaN, as on tensors
        unaryFunction("sigmoid", .sigmoid, "the logistic function 1/(1+e^-x), element-wise") {
            $0 >= 0 ? 1 / (1 + Foundation.exp(-$0)) : Foundation.exp($0) / (1 + Foundation.exp($0))
        },
        unaryFunction("tanh", .tanh, "hyperbolic tangent, element-wise") { Foundation.tanh($0) },
        unaryFunction("relu", .relu, "max(0, x), element-wise") { Swift.max(0, $0) },
    ]

    static func reduction(_ name: String, _ op: ReduceOp, _ summary: String) -> Builtin {
        Builtin("\(name)(x: tensor, axis: int = none)", summary) { args, _ in
            let t = try args.tensor("x")
            return Coercion.value(try t.reduce(op, axis: try args.axis()))
        }
    }

    static let reductions: [Builtin] = [
        reduction("sum", .sum, "sum of all elements, or along axis="),
        reduction("mean", .mean, "mean of all elements, or along axis="),
        reduction("max", .max, "largest element, or along axis="),
        reduction("min", .min, "smallest element, or along axis="),
        reduction("argmax", .argmax, "index of the largest element (flat), or along axis="),
        reduction("argmin", .argmin, "index of the smallest element (flat), or along axis="),
        reduction("norm", .norm, "Euclidean (L2) norm, or along axis="),
        Builtin("dot(a: tensor, b: tensor)", "inner product of two vectors; matrix product otherwise") { args, _ in
            Coercion.value(try args.tensor("a").dot(try args.tensor("b")))
        },
        Builtin("softmax(x: tensor, axis: int = -1)", "exp(x) / sum(exp(x)) along the last axis (or axis=)") { args, _ in
            Coercion.value(try args.tensor("x").softmax(axis: try args.int("axis")))
        },
    ]

    static let creation: [Builtin] = [
        Builtin("zeros(shape: shape)", "a tensor of zeros") { args, _ in .tensor(try Tensor(zeros: try args.shape("shape"))) },
        Builtin("ones(shape: shape)", "a tensor of ones") { args, _ in
            .tensor(try Tensor(repeating: 1, shape: try args.shape("shape")))
        },
        Builtin("full(shape: shape, value: number)", "a tensor filled with one value") { args, _ in
            .tensor(try Tensor(repeating: Float(try args.number("value")), shape: try args.shape("shape")))
        },
        Builtin("rand(shape: shape, seed = seed)", "uniform random numbers in [0, 1)") { args, ctx in
            let seed = try args.seed(ctx)
            return .tensor(try Tensor.uniform(shape: try args.shape("shape"), seed: seed))
        },
        Builtin("randn(shape: shape, seed = seed)", "standard normal random numbers") { args, ctx in
            let seed = try args.seed(ctx)
            return .tensor(try Tensor.normal(shape: try args.shape("shape"), seed: seed))
        },
        Builtin("arange(start: number, stop: number = none, step: number = 1)", "evenly spaced values in [start, stop); arange(n) is 0..n-1") { args, _ in
            let a = try args.number("start")
            if !args.has("stop") { return .tensor(try Tensor.arange(0, a, try args.number("step"))) }
            return .tensor(try Tensor.arange(a, try args.number("stop"), try args.number("step")))
        },
        Builtin("linspace(start: number, stop: number, count: int = 50)", "count evenly spaced values from start to stop inclusive") { args, _ in
            .tensor(try Tensor.linspace(try args.number("start"), try args.number("stop"),
                                        count: try args.int("count", min: 0)))
        },
    ]

    static let shaping: [Builtin] = [
        Builtin("reshape(x: tensor, shape)", "the same values in a new shape (one -1 is inferred)") { args, _ in
            guard case let .list(items)? = args.value("shape") else { throw args.fail("shape", "a list such as [2, -1]") }
            let dims = try items.map { try Indexing.integer($0, at: args.location("shape")) }
            return Coercion.value(try args.tensor("x").reshaped(dims))
        },
        Builtin("transpose(x: tensor, axes = none)", "reverses the axes (or permutes them by axes=)") { args, _ in
            let perm = try args.value("axes").map { _ in try args.shape("axes") }
            return Coercion.value(try args.tensor("x").transposed(perm))
        },
        Builtin("concat(items: list, axis: int = 0)", "joins tensors along an existing axis") { args, _ in
            let ts = try args.list("items").map { try Coercion.tensor($0, at: args.location("items")) }
            guard !ts.isEmpty else { throw args.fail("items", "a non-empty list of tensors") }
            return Coercion.value(try Tensor.concat(ts, axis: try args.int("axis")))
        },
        Builtin("stack(items: list, axis: int = 0)", "joins equal-shape tensors along a new axis") { args, _ in
            let ts = try args.list("items").map { try Coercion.tensor($0, at: args.location("items")) }
            guard !ts.isEmpty else { throw args.fail("items", "a non-empty list of tensors") }
            return Coercion.value(try Tensor.stack(ts, axis: try args.int("axis")))
        },
        Builtin("tensor(x: tensor)", "a list of numbers (or of equal-shape lists) as a tensor, as NumPy's array") { args, _ in
            Coercion.value(try args.tensor("x"))
        },
        Builtin("shape(x)", "the dimensions of a tensor, as a list") { args, _ in
            guard let v = args.value("x") else { throw args.fail("x", "a tensor") }
            if case let .tensor(t) = v { return .list(t.shape.map { .number(Double($0)) }) }
            return .list(try Coercion.tensor(v, at: args.location("x")).shape.map { .number(Double($0)) })
        },
    ]

    static let misc: [Builtin] = [
        Builtin("len(x)", "the number of items of a list or string, or the first dimension of a tensor") { args, _ in
            switch args.value("x") {
            case let .list(xs)?: return .number(Double(xs.count))
            case let .string(s)?: return .number(Double(s.count))
            case let .tensor(t)?:
                guard let n = t.shape.first else { throw args.fail("x", "a tensor with at least one axis") }
                return .number(Double(n))
            case let .record(r)?: return .number(Double(r.fields.count))
            default: throw args.fail("x", "a list, string or tensor")
            }
        },
        Builtin("round(x, digits: int = 0)", "rounds half away from zero, to digits= decimals") { args, _ in
            let digits = try args.int("digits", min: -15, max: 15)
            let scale = Foundation.pow(10, Double(digits))
            if case let .number(x)? = args.value("x") { return .number((x * scale).rounded() / scale) }
            let t = try args.tensor("x")
            return Coercion.value(digits == 0 ? t.apply(.round) : t.map { Float((Double($0) * scale).rounded() / scale) })
        },
        Builtin("clip(x, low: number, high: number)", "limits values to [low, high]") { args, _ in
            let lo = try args.number("low"), hi = try args.number("high")
            guard lo <= hi else { throw LabError("clip: low (\(ValueFormat.plain(lo))) is above high (\(ValueFormat.plain(hi)))", at: args.location("low")) }
            if case let .number(x)? = args.value("x") { return .number(Swift.min(Swift.max(x, lo), hi)) }
            return Coercion.value(try args.tensor("x").clipped(min: Float(lo), max: Float(hi)))
        },
    ]
}
