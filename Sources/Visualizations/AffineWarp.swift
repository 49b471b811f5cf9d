import Foundation
import Tensors

/// Moving, turning and resizing images for the invariance experiments
/// (Zeiler and Fergus's figure 5): every output pixel looks up where it
/// came from in the input and samples it bilinearly. Outside the image
/// counts as 0, Fashion-MNIST's background, so a garment shifted off the
/// edge fades out instead of smearing its border pixels across the frame.
public enum AffineWarp {
    /// out(p) = in(centre + A·(p − centre) + shift): A and shift map an
    /// output pixel back to the input, in (x, y) pixel units, y down.
    public struct Inverse: Sendable, Equatable {
        public var a: (Double, Double, Double, Double)
        public var shift: (Double, Double)

        public static func == (l: Inverse, r: Inverse) -> Bool { l.a == r.a && l.shift == r.shift }

        /// The image moved right by dx and down by dy pixels.
        public static func translation(dx: Double, dy: Double) -> Inverse { Inverse(a: (1, 0, 0, 1), shift: (-dx, -dy)) }

        /// The image turned counterclockwise (as seen on screen) by `degrees` about its centre.
        public static func rotation(degrees: Double) -> Inverse {
            let t = degrees * .pi / 180
            let (c, s) = (cos(t), sin(t))
            // Output offset (dx, dy) comes from (c·dx − s·dy, s·dx + c·dy): with y pointing down, a point
            // to the right of the centre ends up above it after +90°.
            return Inverse(a: (c, -s, s, c), shift: (0, 0))
        }

        /// The image enlarged by `factor` about its centre (below 1 shrinks it).
        public static func scaling(_ factor: Double) -> Inverse { Inverse(a: (1 / factor, 0, 0, 1 / factor), shift: (0, 0)) }
    }

    /// Applies `t` to every plane of x (… × H × W, at least 2-D).
    public static func apply(_ x: Tensor, _ t: Inverse) -> Tensor {
        let h = x.shape[x.rank - 2], w = x.shape[x.rank - 1]
        let planes = h * w == 0 ? 0 : x.count / (h * w)
        // Where each output pixel samples, worked out once for all planes:
        // four (source index, weight) taps a pixel, taps outside the image dropped.
        var taps: [(index: Int, weight: Float)] = []
        var starts = [0]
        let (cx, cy) = (Double(w - 1) / 2, Double(h - 1) / 2)
        for y in 0..<h {
            for xo in 0..<w {
                let (dx, dy) = (Double(xo) - cx, Double(y) - cy)
                let sx = cx + t.a.0 * dx + t.a.1 * dy + t.shift.0
                let sy = cy + t.a.2 * dx + t.a.3 * dy + t.shift.1
                let (x0, y0) = (Int(sx.rounded(.down)), Int(sy.rounded(.down)))
                let (fx, fy) = (Float(sx - Double(x0)), Float(sy - Double(y0)))
                for (tx, ty, weight) in [(x0, y0, (1 - fx) * (1 - fy)), (x0 + 1, y0, fx * (1 - fy)),
                                         (x0, y0 + 1, (1 - fx) * fy), (x0 + 1, y0 + 1, fx * fy)]
                where weight != 0 && tx >= 0 && tx < w && ty >= 0 && ty < h {
                    taps.append((ty * w + tx, weight))
                }
                starts.append(taps.count)
            }
        }
        var out = [Float](repeating: 0, count: x.count)
        x.scalars.withUnsafeBufferPointer { src in
            for p in 0..<planes {
                let base = p * h * w
                for pixel in 0..<(h * w) {
                    var v: Float = 0
                    for k in starts[pixel]..<starts[pixel + 1] { v += taps[k].weight * src[base + taps[k].index] }
                    out[base + pixel] = v
                }
            }
        }
        return Tensor(shape: x.shape, scalars: out)
    }
}
