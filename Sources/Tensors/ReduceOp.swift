import Foundation

/// A reduction over one axis or over all elements. `norm` is the L2 norm;
/// `argmax` and `argmin` give indices (as Float, exact up to 2^24), the
/// first one on ties.
public enum ReduceOp: Sendable, CaseIterable {
    case sum, mean, max, min, argmax, argmin, norm

    /// The built-in's name in the experiment language.
    public var name: String {
        switch self {
        case .sum: "sum"
        case .mean: "mean"
        case .max: "max"
        case .min: "min"
        case .argmax: "argmax"
        case .argmin: "argmin"
        case .norm: "norm"
        }
    }
}

extension Tensor {
    /// Reduces along `axis` (negative counts from the end), or over every
    /// element when `axis` is nil, giving a rank-0 tensor (argmax/argmin then
    /// give the flat index). `keepDims` leaves the reduced axes as size 1.
    public func reduce(_ op: ReduceOp, axis: Int? = nil, keepDims: Bool = false) throws(TensorError) -> Tensor {
        // View the tensor as (outer, n, inner) and reduce the middle axis.
        let outer: Int, n: Int, inner: Int, outShape: [Int]
        if let axis {
            let a = try Tensor.normalizeAxis(axis, rank: rank)
            outer = Tensor.product(Array(shape[..<a]))
            n = shape[a]
            inner = Tensor.product(Array(shape[(a + 1)...]))
            var s = shape
            if keepDims { s[a] = 1 } else { s.remove(at: a) }
            outShape = s
        } else {
            (outer, n, inner) = (1, count, 1)
            outShape = keepDims ? [Int](repeating: 1, count: rank) : []
        }
        if Tensor.product(outShape) == 0 { return try Tensor(zeros: outShape) }
        if n == 0, op != .sum, op != .norm {
            let over = axis.map { "along axis \($0) of a tensor of shape \(Tensor.describe(shape))" }
                ?? "of a tensor of shape \(Tensor.describe(shape))"
            throw .invalidArgument("\(op.name) of an empty tensor is undefined: no values \(over)")
        }
        return try Tensor.make(outShape) { out in
            scalars.withUnsafeBufferPointer { x in
                switch op {
                case .sum, .mean, .norm:
                    Tensor.accumulate(x, out, outer: outer, n: n, inner: inner, squares: op == .norm) { sum in
                        switch op {
                        case .mean: Float(sum / Double(n))
                        case .norm: Float(sum.squareRoot())
                        default: Float(sum)
                        }
                    }
                case .max: Tensor.select(x, out, outer: outer, n: n, inner: inner, index: false) { $0 > $1 }
                case .min: Tensor.select(x, out, outer: outer, n: n, inner: inner, index: false) { $0 < $1 }
                case .argmax: Tensor.select(x, out, outer: outer, n: n, inner: inner, index: true) { $0 > $1 }
                case .argmin: Tensor.select(x, out, outer: outer, n: n, inner: inner, index: true) { $0 < $1 }
                }
            }
        }
    }

    /// Sums (of squares, for the norm) in Double, so the mean of a million
    /// values is as accurate as its inputs. Rows are walked in memory order,
    /// through pointers: checked `row + i` arithmetic would stop vectorization.
    private static func accumulate(
        _ x: UnsafeBufferPointer<Float>, _ out: UnsafeMutableBufferPointer<Float>,
        outer: Int, n: Int, inner: Int, squares: Bool, finish: (Double) -> Float
    ) {
        guard let px = x.baseAddress else {
            for i in 0..<out.count { out[i] = finish(0) }  // n == 0: empty sums
            return
        }
        if inner == 1 {
            for o in 0..<outer { out[o] = finish(squares ? sumOfSquares(px + o * n, n) : sum(px + o * n, n)) }
            return
        }
        var accStore = [Double](repeating: 0, count: inner)
        accStore.withUnsafeMutableBufferPointer { accBuffer in
            guard let acc = accBuffer.baseAddress else { return }
            for o in 0..<outer {
                acc.update(repeating: 0, count: inner)
                for k in 0..<n {
                    let row = px + (o * n + k) * inner
                    if squares {
                        for i in 0..<inner { let v = Double(row[i]); acc[i] += v * v }
                    } else {
                        for i in 0..<inner { acc[i] += Double(row[i]) }
                    }
                }
                for i in 0..<inner { out[o * inner + i] = finish(acc[i]) }
            }
        }
    }

    /// Four independent partial sums, so the adds pipeline instead of waiting on each other.
    private static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= n {
            s0 += Double(p[i]); s1 += Double(p[i + 1]); s2 += Double(p[i + 2]); s3 += Double(p[i + 3])
            i += 4
        }
        while i < n { s0 += Double(p[i]); i += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    private static func sumOfSquares(_ p: UnsafePointer<Float>, _ n: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= n {
            let a = Double(p[i]), b = Double(p[i + 1]), c = Double(p[i + 2]), d = Double(p[i + 3])
            s0 += a * a; s1 += b * b; s2 += c * c; s3 += d * d
            i += 4
        }
        while i < n { let v = Double(p[i]); s0 += v * v; i += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// Max/min and their positions. A NaN wins over any number (as in NumPy)
    /// and the first occurrence wins a tie, because only a strictly better
    /// value replaces the current one.
    @inline(__always)
    private static func select(
        _ x: UnsafeBufferPointer<Float>, _ out: UnsafeMutableBufferPointer<Float>,
        outer: Int, n: Int, inner: Int, index: Bool, better: (Float, Float) -> Bool
    ) {
        guard let px = x.baseAddress, n > 0 else { return }
        if inner == 1 {
            for o in 0..<outer {
                let row = px + o * n
                var best = row[0], position = 0
                for k in 1..<n where better(row[k], best) || (row[k].isNaN && !best.isNaN) {
                    best = row[k]
                    position = k
                }
                out[o] = index ? Float(position) : best
            }
            return
        }
        var bestStore = [Float](repeating: 0, count: inner)
        var whereStore = [Int](repeating: 0, count: inner)
        bestStore.withUnsafeMutableBufferPointer { bestBuffer in
            whereStore.withUnsafeMutableBufferPointer { positionBuffer in
                guard let best = bestBuffer.baseAddress, let position = positionBuffer.baseAddress else { return }
                for o in 0..<outer {
                    let block = px + o * n * inner
                    best.update(from: block, count: inner)
                    position.update(repeating: 0, count: inner)
                    for k in 1..<n {
                        let row = block + k * inner
                        for i in 0..<inner {
                            let v = row[i], b = best[i]
                            if better(v, b) || (v.isNaN && !b.isNaN) { best[i] = v; position[i] = k }
                        }
                    }
                    for i in 0..<inner { out[o * inner + i] = index ? Float(position[i]) : best[i] }
                }
            }
        }
    }
}
