/// One entry of a subscript such as `t[i, 2:5, ::-1]`.
///
/// `.at` picks one position and drops the axis; `.range` is a Python slice
/// (`nil` parts take Python's defaults, which depend on the step's sign).
public enum TensorIndex: Sendable, Equatable {
    case at(Int)
    case range(start: Int?, end: Int?, step: Int?)

    /// `:` — the whole axis.
    public static let all = TensorIndex.range(start: nil, end: nil, step: nil)
}

extension Tensor {
    /// NumPy basic indexing. Fewer indices than axes leave the trailing axes
    /// whole; a slice never fails for being out of range (it is clamped, as
    /// in Python), but a single index does.
    public func subscripted(_ index: [TensorIndex]) throws(TensorError) -> Tensor {
        guard index.count <= rank else {
            throw .invalidArgument("too many indices: the tensor of shape \(Tensor.describe(shape)) has "
                + "\(rank) ax\(rank == 1 ? "is" : "es") but \(index.count) indices were given")
        }
        let own = strides
        var offset = 0
        var outShape: [Int] = [], outStrides: [Int] = []
        for axis in 0..<rank {
            let size = shape[axis]
            switch axis < index.count ? index[axis] : .all {
            case let .at(i):
                let j = i < 0 ? i + size : i
                guard j >= 0, j < size else { throw .indexOutOfRange(index: i, size: size, axis: axis) }
                offset += j * own[axis]
            case let .range(start, end, step):
                let (first, count, step) = try Tensor.slice(start: start, end: end, step: step, size: size)
                if count > 0 { offset += first * own[axis] }
                outShape.append(count)
                // A stride only matters when the axis is walked; this also keeps
                // a huge step on a one-element slice from overflowing.
                outStrides.append(count > 1 ? step * own[axis] : 0)
            }
        }
        return try Tensor.gather(scalars, offset: offset, shape: outShape, strides: outStrides)
    }

    /// Python's `slice.indices` followed by the length of the range.
    static func slice(start: Int?, end: Int?, step: Int?, size: Int) throws(TensorError) -> (first: Int, count: Int, step: Int) {
        let step = step ?? 1
        guard step != 0 else { throw .invalidArgument("slice step cannot be zero") }
        // Bounds of a valid position: [0, size] going forward, [-1, size-1] going back.
        let (low, high) = step > 0 ? (0, size) : (-1, size - 1)
        func clamp(_ v: Int?, default d: Int) -> Int {
            guard let v else { return d }
            return v < 0 ? Swift.max(v + size, low) : Swift.min(v, high)
        }
        let first = clamp(start, default: step > 0 ? low : high)
        let stop = clamp(end, default: step > 0 ? high : low)
        let count: Int
        if step > 0 {
            count = stop > first ? (stop - first - 1) / step + 1 : 0
        } else {
            count = first > stop ? Int(UInt(first - stop - 1) / step.magnitude) + 1 : 0
        }
        return (first, count, step)
    }
}
