/// Joining tensors: `concat` along an existing axis, `stack` along a new one.
extension Tensor {
    /// Tensors of equal rank whose shapes agree except along `axis`.
    public static func concat(_ ts: [Tensor], axis: Int = 0) throws(TensorError) -> Tensor {
        guard let first = ts.first else { throw .invalidArgument("concat needs at least one tensor") }
        guard first.rank > 0 else {
            throw .invalidArgument("concat cannot join scalars (rank-0 tensors); use stack")
        }
        let a = try normalizeAxis(axis, rank: first.rank)
        var shape = first.shape
        shape[a] = 0
        for t in ts {
            var other = t.shape
            if other.count == shape.count { other[a] = 0 }
            guard other == shape else { throw .shapeMismatch(op: "concat", first.shape, t.shape) }
        }
        // Sum in a way that cannot overflow before checkedCount sees it.
        var total = 0
        for t in ts {
            let (s, overflow) = total.addingReportingOverflow(t.shape[a])
            total = overflow ? Int.max : s
        }
        shape[a] = total
        let outer = product(Array(shape[..<a]))
        let inner = product(Array(shape[(a + 1)...]))
        return try make(shape) { out in
            guard !out.isEmpty, let dst = out.baseAddress else { return }
            let rowLength = total * inner  // only now known not to overflow
            var column = 0
            for t in ts {
                let chunk = t.shape[a] * inner
                t.scalars.withUnsafeBufferPointer { src in
                    guard let s = src.baseAddress, chunk > 0 else { return }
                    for o in 0..<outer {
                        (dst + o * rowLength + column).update(from: s + o * chunk, count: chunk)
                    }
                }
                column += chunk
            }
        }
    }

    /// Tensors of one shape, joined along a new axis at `axis` (0...rank;
    /// negative counts from the end of the result's axes).
    public static func stack(_ ts: [Tensor], axis: Int = 0) throws(TensorError) -> Tensor {
        guard let first = ts.first else { throw .invalidArgument("stack needs at least one tensor") }
        let a = try normalizeAxis(axis, rank: first.rank + 1)
        var shape = first.shape
        shape.insert(1, at: a)
        var rows: [Tensor] = []
        rows.reserveCapacity(ts.count)
        for t in ts {
            guard t.shape == first.shape else { throw .shapeMismatch(op: "stack", first.shape, t.shape) }
            rows.append(Tensor(shape: shape, scalars: t.scalars))
        }
        return try concat(rows, axis: a)
    }
}
