import Tensors

/// Bilinear resampling of every plane, pixel centres aligned (pixel i of an
/// image of size S sits at (i + 0.5) / S): DeepDream's octaves. The network's
/// input size is fixed by its FC layers, so here an octave changes the
/// resolution of the *steps*, not of the image: the gradient is resampled
/// down to the octave's size and back up, and a coarse octave paints only
/// coarse structure.
enum ImageResize {
    /// x: N × C × H × W → N × C × height × width.
    static func bilinear(_ x: Tensor, height: Int, width: Int) -> Tensor {
        let (n, planes, h, w) = PlaneLayout.dims(x)
        guard height != h || width != w else { return x }
        var out = [Float](repeating: 0, count: n * planes * height * width)
        let ys = taps(from: h, to: height), xs = taps(from: w, to: width)
        x.scalars.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for p in 0..<(n * planes) {
                    let s = src.baseAddress! + p * h * w, d = dst.baseAddress! + p * height * width
                    for (i, ty) in ys.enumerated() {
                        for (j, tx) in xs.enumerated() {
                            let top = s[ty.lo * w + tx.lo] * (1 - tx.t) + s[ty.lo * w + tx.hi] * tx.t
                            let bottom = s[ty.hi * w + tx.lo] * (1 - tx.t) + s[ty.hi * w + tx.hi] * tx.t
                            d[i * width + j] = top * (1 - ty.t) + bottom * ty.t
                        }
                    }
                }
            }
        }
        return Tensor(shape: Array(x.shape.dropLast(2)) + [height, width], scalars: out)
    }

    /// For each output index, the two source indices it lies between and
    /// the weight of the second.
    static func taps(from source: Int, to target: Int) -> [(lo: Int, hi: Int, t: Float)] {
        (0..<target).map { i in
            let at = min(max((Float(i) + 0.5) * Float(source) / Float(target) - 0.5, 0), Float(source - 1))
            let lo = Int(at)
            return (lo, min(lo + 1, source - 1), at - Float(lo))
        }
    }
}
