import Tensors

/// Random jitter: before each step the image is rolled (shifted with wrap
/// around) by a few pixels, and the gradient rolled back. The network then
/// never sees the same pixel grid twice, so the optimizer cannot build the
/// high-frequency patterns that exploit one grid (Mordvintsev et al.'s
/// DeepDream, Yosinski et al. 2015).
public struct Jitter: Sendable, Equatable {
    /// The largest shift, in pixels, along each axis.
    public let pixels: Int
    public let seed: UInt64

    public init(pixels: Int, seed: UInt64) {
        self.pixels = max(0, pixels)
        self.seed = seed
    }

    /// The shift of step `step`, each axis uniform in −pixels...pixels.
    public func offset(step: Int) -> (dy: Int, dx: Int) {
        guard pixels > 0 else { return (0, 0) }
        let stream = RandomStream(seed: seed), span = UInt64(2 * pixels + 1)
        let dy = Int(stream.value(at: UInt64(2 * step)) % span) - pixels
        let dx = Int(stream.value(at: UInt64(2 * step + 1)) % span) - pixels
        return (dy, dx)
    }

    /// Every H × W plane of x rolled by (dy, dx): the pixel at (i, j) moves
    /// to ((i + dy) mod H, (j + dx) mod W). Rolling by (−dy, −dx) undoes it.
    public static func roll(_ x: Tensor, dy: Int, dx: Int) -> Tensor {
        let (n, planes, h, w) = PlaneLayout.dims(x)
        guard h > 0, w > 0, dy % h != 0 || dx % w != 0 else { return x }
        var out = [Float](repeating: 0, count: x.count)
        x.scalars.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for p in 0..<(n * planes) {
                    let base = p * h * w
                    for i in 0..<h {
                        let row = ((i + dy) % h + h) % h
                        for j in 0..<w { dst[base + row * w + ((j + dx) % w + w) % w] = src[base + i * w + j] }
                    }
                }
            }
        }
        return Tensor(shape: x.shape, scalars: out)
    }
}
