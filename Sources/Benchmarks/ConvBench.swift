import NeuralNet

/// The convolution layers of a small ConvNet, timed on the real `ConvLayer`
/// (im2col and GEMMs) and set against sgemm's GFLOP/s on the same machine.
public enum ConvBench {
    /// A 3×3 convolution, stride 1, padding 1, over a batch of square images.
    public struct Shape: Sendable, Hashable {
        public let batch: Int, channels: Int, filters: Int, side: Int

        public init(batch: Int, channels: Int, filters: Int, side: Int) {
            self.batch = batch
            self.channels = channels
            self.filters = filters
            self.side = side
        }

        /// `64x1x28x28 -> 32`.
        public var label: String { "\(batch)x\(channels)x\(side)x\(side) -> \(filters)" }

        var description: String { "INPUT \(side)x\(side)x\(channels) -> CONV3-\(filters)/1/1" }
    }

    /// The three stages of a Fashion-MNIST network: many pixels and few
    /// channels, then the reverse, which stress im2col and GEMM differently.
    public static let shapes = [
        Shape(batch: 64, channels: 1, filters: 32, side: 28),
        Shape(batch: 64, channels: 32, filters: 64, side: 14),
        Shape(batch: 64, channels: 64, filters: 128, side: 7),
    ]

    /// Forward, and forward plus backward, in GFLOP/s: 2 FLOPs a
    /// multiply-accumulate forward, and the backward's two GEMMs (weight and
    /// input gradients) as many again each, so 3× the forward's FLOPs in all.
    public static func measure(_ shape: Shape, repeats: Int, sgemmGFLOPS: Double) throws(BenchError) -> BenchReport.Conv {
        let (network, summary) = try BenchNetwork.build(shape.description)
        let timings = try BenchNetwork.timeLayers(network, batch: shape.batch, repeats: repeats)
        guard let conv = timings.first, summary.rows.count > 1 else {
            throw BenchError("the convolution \(shape.label) produced no timing")
        }
        let forwardFlops = 2 * Double(summary.rows[1].macs) * Double(shape.batch)
        let forward = Stopwatch.gflops(forwardFlops, seconds: conv.forward)
        let both = Stopwatch.gflops(3 * forwardFlops, seconds: conv.forward + conv.backward)
        func fraction(_ gflops: Double) -> Double { sgemmGFLOPS > 0 ? (gflops / sgemmGFLOPS).rounded(places: 4) : 0 }
        return BenchReport.Conv(shape: shape.label,
                                forwardMs: (conv.forward * 1e3).rounded(places: 3),
                                backwardMs: (conv.backward * 1e3).rounded(places: 3),
                                forwardGflops: forward.rounded(places: 3),
                                forwardBackwardGflops: both.rounded(places: 3),
                                forwardFractionOfSgemm: fraction(forward),
                                forwardBackwardFractionOfSgemm: fraction(both))
    }
}
