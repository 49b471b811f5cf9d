/// The one kernel behind transposes and slices: copy the elements that a
/// (shape, strides, offset) view of a buffer visits into a fresh row-major
/// tensor. Strides may be negative (reversed slices) or permuted (transposes).
extension Tensor {
    static func gather(_ source: [Float], offset: Int, shape: [Int], strides: [Int]) throws(TensorError) -> Tensor {
        let total = try checkedCount(shape)
        if total == 0 { return Tensor(shape: shape, scalars: []) }
        // Drop size-1 axes, then merge neighbours that the view walks contiguously.
        var sizes: [Int] = [], steps: [Int] = []
        for (size, step) in zip(shape, strides) where size != 1 {
            if let last = sizes.indices.last, steps[last] == step * size {
                sizes[last] *= size
                steps[last] = step
            } else {
                sizes.append(size)
                steps.append(step)
            }
        }
        if total == source.count, offset == 0, sizes.count <= 1, steps.first ?? 1 == 1 {
            return Tensor(shape: shape, scalars: source)  // the view is the whole buffer, in order
        }
        if sizes.isEmpty, total == 1 { sizes = [1]; steps = [1] }
        if sizes.count == 1 { sizes.insert(1, at: 0); steps.insert(0, at: 0) }

        let rows = sizes[sizes.count - 2], cols = sizes[sizes.count - 1]
        let rowStep = steps[steps.count - 2], colStep = steps[steps.count - 1]
        let outerSizes = Array(sizes.dropLast(2)), outerSteps = Array(steps.dropLast(2))
        return try make(shape) { out in
            source.withUnsafeBufferPointer { src in
                var index = [Int](repeating: 0, count: outerSizes.count)
                var base = offset, o = 0
                while o < total {
                    copyPlane(src, from: base, rows: rows, cols: cols, rowStep: rowStep, colStep: colStep, out, at: o)
                    o += rows * cols
                    var d = outerSizes.count - 1
                    while d >= 0 {
                        index[d] += 1
                        base += outerSteps[d]
                        if index[d] < outerSizes[d] { break }
                        base -= outerSteps[d] * outerSizes[d]
                        index[d] = 0
                        d -= 1
                    }
                }
            }
        }
    }

    /// One rows×cols plane. When the source walks columns with a stride, the
    /// plane is copied in square tiles so both sides stay in cache.
    @inline(__always)
    private static func copyPlane(
        _ src: UnsafeBufferPointer<Float>, from base: Int, rows: Int, cols: Int, rowStep: Int, colStep: Int,
        _ out: UnsafeMutableBufferPointer<Float>, at o: Int
    ) {
        guard let s = src.baseAddress, let d = out.baseAddress else { return }
        let from = s + base, to = d + o
        if colStep == 1 {
            for r in 0..<rows { (to + r * cols).update(from: from + r * rowStep, count: cols) }
            return
        }
        let tile = 32
        for r0 in stride(from: 0, to: rows, by: tile) {
            let r1 = Swift.min(r0 + tile, rows)
            for c0 in stride(from: 0, to: cols, by: tile) {
                let c1 = Swift.min(c0 + tile, cols)
                for r in r0..<r1 {
                    let srcRow = from + r * rowStep, dstRow = to + r * cols
                    for c in c0..<c1 { dstRow[c] = srcRow[c &* colStep] }
                }
            }
        }
    }
}
