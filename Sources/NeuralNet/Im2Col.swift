/// Unfolding an image batch into convolution columns and folding column
/// gradients back: what turns a convolution into one matrix product.
///
/// Legend: x is (N, C, H, W); columns are (K, N·P) with K = C·k·k rows,
/// row (c, i, j) holding x[n, c, oh·s − p + i, ow·s − p + j] at column
/// n·P + oh·OW + ow, P = OH·OW, and zero where the window leaves the image.
struct ConvGeometry: Sendable {
    let channels: Int, height: Int, width: Int
    let kernel: Int, stride: Int, padding: Int
    let outHeight: Int, outWidth: Int

    var rows: Int { channels * kernel * kernel }
    var positions: Int { outHeight * outWidth }
    var imageSize: Int { channels * height * width }

    /// The output columns [lo, hi) whose input column ow·s − p + j lies inside the image.
    @inline(__always) func validColumns(_ j: Int) -> (Int, Int) {
        // ow·s − p + j ≥ 0  ⇔  ow ≥ ceil((p − j) / s)
        let lo = max(0, (padding - j + stride - 1) / stride)
        // ow·s − p + j ≤ W − 1  ⇔  ow ≤ floor((W − 1 + p − j) / s)
        let top = width - 1 + padding - j
        let hi = top < 0 ? 0 : min(outWidth, top / stride + 1)
        return (lo, max(lo, hi))
    }

    func im2col(_ x: UnsafePointer<Float>, _ columns: UnsafeMutablePointer<Float>, batch: Int) {
        let total = batch * positions
        // Serial: the convolution already runs one group of images per worker.
        let cols = SharedPointer(columns)
        let source = SharedPointer(UnsafeMutablePointer(mutating: x))
        for n in 0..<batch {
            let image = UnsafePointer(source.base) + n * imageSize
            for c in 0..<channels {
                let plane = image + c * height * width
                for i in 0..<kernel {
                    for j in 0..<kernel {
                        let row = ((c * kernel + i) * kernel + j)
                        let out = cols.base + row * total + n * positions
                        let (lo, hi) = validColumns(j)
                        for oh in 0..<outHeight {
                            let dest = out + oh * outWidth
                            let ih = oh * stride - padding + i
                            guard ih >= 0, ih < height else {
                                dest.update(repeating: 0, count: outWidth)
                                continue
                            }
                            let line = plane + ih * width - padding + j
                            if lo > 0 { dest.update(repeating: 0, count: lo) }
                            if stride == 1 {
                                if hi > lo { dest.advanced(by: lo).update(from: line + lo, count: hi - lo) }
                            } else {
                                for ow in lo..<hi { dest[ow] = line[ow * stride] }
                            }
                            if hi < outWidth { dest.advanced(by: hi).update(repeating: 0, count: outWidth - hi) }
                        }
                    }
                }
            }
        }
    }

    /// dx = the sum of each column gradient into the pixel it was read from; dx is overwritten.
    func col2im(_ columns: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, batch: Int) {
        let total = batch * positions
        let grads = SharedPointer(dx)
        let cols = SharedPointer(UnsafeMutablePointer(mutating: columns))
        for n in 0..<batch {
            let image = grads.base + n * imageSize
            image.update(repeating: 0, count: imageSize)
            for c in 0..<channels {
                let plane = image + c * height * width
                for i in 0..<kernel {
                    for j in 0..<kernel {
                        let row = ((c * kernel + i) * kernel + j)
                        let source = UnsafePointer(cols.base) + row * total + n * positions
                        let (lo, hi) = validColumns(j)
                        guard hi > lo else { continue }
                        for oh in 0..<outHeight {
                            let ih = oh * stride - padding + i
                            guard ih >= 0, ih < height else { continue }
                            let line = plane + ih * width - padding + j
                            let from = source + oh * outWidth
                            if stride == 1 {
                                for ow in lo..<hi { line[ow] += from[ow] }
                            } else {
                                for ow in lo..<hi { line[ow * stride] += from[ow] }
                            }
                        }
                    }
                }
            }
        }
    }
}
