/// Changing how the same values are laid out: reshape and transpose.
extension Tensor {
    /// The same values in row-major order under a new shape. One dimension
    /// may be -1 and is then inferred. No values are copied.
    public func reshaped(_ newShape: [Int]) throws(TensorError) -> Tensor {
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        guard unknown.count <= 1 else {
            throw .invalidShape(newShape, "only one dimension may be -1")
        }
        guard newShape.allSatisfy({ $0 >= -1 }) else {
            throw .invalidShape(newShape, "dimensions must not be negative (except one -1)")
        }
        let known = try Tensor.checkedCount(newShape.filter { $0 != -1 })
        var shape = newShape
        if let u = unknown.first {
            guard known > 0, count % known == 0 else {
                throw .invalidShape(newShape, "cannot hold the \(count) values of a tensor of shape "
                    + "\(Tensor.describe(self.shape)) whatever replaces the -1")
            }
            shape[u] = count / known
        } else if known != count {
            throw .invalidShape(newShape, "holds \(known) values but the tensor of shape "
                + "\(Tensor.describe(self.shape)) has \(count)")
        }
        return Tensor(shape: shape, scalars: scalars)
    }

    /// Axes reordered so that axis i of the result is axis `permutation[i]`
    /// of this tensor (negative entries count from the end). Without a
    /// permutation the axes are reversed, which transposes a matrix.
    public func transposed(_ permutation: [Int]? = nil) throws(TensorError) -> Tensor {
        let given = permutation ?? Array((0..<rank).reversed())
        let perm = given.map { $0 < 0 ? $0 + rank : $0 }
        guard perm.count == rank, Set(perm) == Set(0..<rank) else {
            throw .invalidArgument("transpose needs a permutation of the axes 0..<\(rank) of a tensor of shape "
                + "\(Tensor.describe(shape)), got \(given)")
        }
        let own = strides
        return try Tensor.gather(scalars, offset: 0, shape: perm.map { shape[$0] }, strides: perm.map { own[$0] })
    }
}
