/// Matrix products with NumPy's `matmul` rules, computed by BLAS.
///
/// A 1-D left operand acts as a row (1, k) and a 1-D right operand as a
/// column (k, 1); the added axis is dropped from the result. Axes before
/// the last two are batch axes and broadcast.
extension Tensor {
    public func matmul(_ b: Tensor) throws(TensorError) -> Tensor {
        try product(b, op: "@")
    }

    /// The inner product for two vectors, a scaling when either side is a
    /// scalar (as NumPy's `dot`), and otherwise `matmul`.
    public func dot(_ b: Tensor) throws(TensorError) -> Tensor {
        if rank == 0 || b.rank == 0 { return try Tensor.elementwise(self, b, .mul) }
        return try product(b, op: "dot")
    }

    private func product(_ b: Tensor, op: String) throws(TensorError) -> Tensor {
        let a = self
        guard a.rank >= 1, b.rank >= 1 else {
            throw .invalidArgument("\(op) needs tensors with at least one axis, got shapes "
                + "\(Tensor.describe(a.shape)) and \(Tensor.describe(b.shape))")
        }
        if a.rank == 1 && b.rank == 1 {
            guard a.count == b.count else { throw .shapeMismatch(op: op, a.shape, b.shape) }
            let value = a.scalars.withUnsafeBufferPointer { x in
                b.scalars.withUnsafeBufferPointer { y in
                    guard let px = x.baseAddress, let py = y.baseAddress else { return Float(0) }
                    return BLAS.sdot(n: x.count, px, py)
                }
            }
            return Tensor(scalar: value)
        }
        let aShape = a.rank == 1 ? [1, a.shape[0]] : a.shape
        let bShape = b.rank == 1 ? [b.shape[0], 1] : b.shape
        let m = aShape[aShape.count - 2], k = aShape[aShape.count - 1]
        let n = bShape[bShape.count - 1]
        guard bShape[bShape.count - 2] == k else { throw .shapeMismatch(op: op, a.shape, b.shape) }
        let aBatch = Array(aShape.dropLast(2)), bBatch = Array(bShape.dropLast(2))
        let batch: [Int]
        do throws(TensorError) {
            batch = try Tensor.broadcastShape(aBatch, bBatch, op: op)
        } catch {
            if case .shapeMismatch = error { throw .shapeMismatch(op: op, a.shape, b.shape) }
            throw error
        }
        var outShape = batch
        if a.rank > 1 { outShape.append(m) }
        if b.rank > 1 { outShape.append(n) }

        if try Tensor.checkedCount(outShape) == 0 { return try Tensor(zeros: outShape) }
        let batchCount = Tensor.product(batch)
        let aStrides = Tensor.broadcastStrides(aBatch, to: batch).map { $0 * m * k }
        let bStrides = Tensor.broadcastStrides(bBatch, to: batch).map { $0 * k * n }
        // A stack of matrices times one matrix is one tall GEMM: (batch·m, k) @ (k, n).
        let fold = Tensor.product(bBatch) == 1 && Tensor.product(aBatch) == batchCount
        return try Tensor.make(outShape) { out in
            a.scalars.withUnsafeBufferPointer { x in
                b.scalars.withUnsafeBufferPointer { y in
                    guard let pa = x.baseAddress, let pb = y.baseAddress, let pc = out.baseAddress else {
                        out.initialize(repeating: 0)  // k == 0: empty sums
                        return
                    }
                    if fold {
                        Tensor.multiply(m: batchCount * m, n: n, k: k, pa, pb, pc)
                        return
                    }
                    for t in 0..<batchCount {
                        var offA = 0, offB = 0, rest = t
                        for d in stride(from: batch.count - 1, through: 0, by: -1) {
                            let i = rest % batch[d]
                            rest /= batch[d]
                            offA += i * aStrides[d]
                            offB += i * bStrides[d]
                        }
                        Tensor.multiply(m: m, n: n, k: k, pa + offA, pb + offB, pc + t * m * n)
                    }
                }
            }
        }
    }

    /// C (m×n) = A (m×k) · B (k×n), all contiguous. A row or a column of output
    /// is a matrix-vector product, which BLAS does faster through gemv.
    private static func multiply(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>
    ) {
        if m == 1 && n == 1 {
            c.pointee = BLAS.sdot(n: k, a, incX: 1, b, incY: 1)
        } else if m == 1 {
            BLAS.sgemv(trans: true, m: k, n: n, a: b, lda: n, x: a, y: c)
        } else if n == 1 {
            BLAS.sgemv(trans: false, m: m, n: k, a: a, lda: k, x: b, y: c)
        } else {
            BLAS.sgemm(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: c, ldc: n)
        }
    }
}
