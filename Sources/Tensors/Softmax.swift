import Foundation

extension Tensor {
    /// exp(x) / sum(exp(x)) along `axis`, each lane shifted by its maximum
    /// first so that large inputs (logits of 1000) give probabilities, not NaN.
    /// A rank-0 tensor counts as one lane of one value.
    public func softmax(axis: Int = -1) throws(TensorError) -> Tensor {
        let lanes: (outer: Int, n: Int, inner: Int)
        if rank == 0 {
            guard axis == 0 || axis == -1 else { throw .axisOutOfRange(axis: axis, rank: 0) }
            lanes = (1, 1, 1)
        } else {
            let a = try Tensor.normalizeAxis(axis, rank: rank)
            lanes = (Tensor.product(Array(shape[..<a])), shape[a], Tensor.product(Array(shape[(a + 1)...])))
        }
        let (outer, n, inner) = lanes
        if count == 0 { return self }
        // Per outer block, keep one running max and sum per inner position, so
        // both the last axis and channel axes are read in memory order.
        var maxStore = [Float](repeating: 0, count: inner)
        var sumStore = [Double](repeating: 0, count: inner)
        return try Tensor.make(shape) { out in
            scalars.withUnsafeBufferPointer { xBuffer in
                maxStore.withUnsafeMutableBufferPointer { mBuffer in
                    sumStore.withUnsafeMutableBufferPointer { sBuffer in
                        guard let x = xBuffer.baseAddress, let y = out.baseAddress,
                              let m = mBuffer.baseAddress, let s = sBuffer.baseAddress else { return }
                        for o in 0..<outer {
                            let xs = x + o * n * inner, ys = y + o * n * inner
                            m.update(from: xs, count: inner)
                            s.update(repeating: 0, count: inner)
                            for k in 1..<n {
                                let row = xs + k * inner
                                for i in 0..<inner { m[i] = BinaryOp.larger(m[i], row[i]) }
                            }
                            for k in 0..<n {
                                let row = xs + k * inner, dst = ys + k * inner
                                for i in 0..<inner {
                                    let e = Foundation.exp(row[i] - m[i])
                                    dst[i] = e
                                    s[i] += Double(e)
                                }
                            }
                            for i in 0..<inner { m[i] = Float(1 / s[i]) }
                            for k in 0..<n {
                                let dst = ys + k * inner
                                for i in 0..<inner { dst[i] *= m[i] }
                            }
                        }
                    }
                }
            }
        }
    }
}
