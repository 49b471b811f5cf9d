import Tensors

/// Points as rows of floats, the input of every method in this module: an
/// (N, D) tensor, or (N, ...) with each item flattened (images become
/// vectors of pixels).
struct Rows: Sendable {
    let count: Int
    let dim: Int
    let storage: Buffer<Float>

    /// `what` names the argument in errors ("x", "points").
    init(_ t: Tensor, what: String) throws(EmbeddingError) {
        guard t.rank >= 2 else {
            throw EmbeddingError("\(what) must hold one point a row (N×D, or N×… flattened), got shape \(Tensor.describe(t.shape))")
        }
        count = t.shape[0]
        dim = t.shape.dropFirst().reduce(1, *)
        guard count > 0, dim > 0 else { throw EmbeddingError("\(what) holds no values (shape \(Tensor.describe(t.shape)))") }
        if let bad = t.scalars.firstIndex(where: { !$0.isFinite }) {
            throw EmbeddingError("\(what) has a value that is not a finite number (\(t.scalars[bad]) in row \(bad / dim))")
        }
        storage = Buffer(t.scalars)
    }

    init(count: Int, dim: Int, values: [Float]) {
        self.count = count
        self.dim = dim
        storage = Buffer(values)
    }

    func row(_ i: Int) -> UnsafePointer<Float> { UnsafePointer(storage.pointer + i * dim) }

    func squaredDistance(_ i: Int, _ j: Int) -> Float { Rows.squaredDistance(row(i), row(j), dim) }

    /// Σ (a − b)² in a fixed order (sixteen lanes, folded, then the tail), so the
    /// distance between two points is the same bits whoever asks, and
    /// d(a, b) == d(b, a) exactly: ties stay ties.
    @inline(__always)
    static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dim: Int) -> Float {
        var i = 0
        var sum: Float = 0
        if dim >= 16 {
            var acc = SIMD16<Float>()
            let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
            while i + 16 <= dim {
                let d = ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                    - rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                acc += d * d
                i += 16
            }
            // Halving, not `sum()`: a fixed order that compiles to three adds.
            let eight = acc.lowHalf + acc.highHalf, four = eight.lowHalf + eight.highHalf
            let two = four.lowHalf + four.highHalf
            sum = two[0] + two[1]
        }
        while i < dim {
            let d = a[i] - b[i]
            sum += d * d
            i += 1
        }
        return sum
    }
}
