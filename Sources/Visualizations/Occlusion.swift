import NeuralNet
import Tensors

/// Zeiler and Fergus's occlusion experiment (2014): slide a grey square over
/// the image and watch the class probability. Where covering the image
/// makes p(class) fall is what the decision rests on.
///
/// The occluder lies wholly inside the image: its top-left corner steps by
/// `stride` from (0, 0), so there are (H − size) / stride + 1 positions down
/// and as many across (12 × 12 for a 6-pixel square at stride 2 on 28 × 28);
/// when the stride does not divide H − size, the last rows and columns are
/// never covered. It covers every channel with `fill`. Fashion-MNIST's
/// background is exactly 0, so the default 0.5 grey hides something
/// everywhere, where a black square would hide nothing on the background.
public enum Occlusion {
    public struct Result: Sendable {
        /// (N, PY, PX): the network's output for each image's class with the
        /// occluder at each position (its probability when the network ends in SOFTMAX).
        public let probability: Tensor
        /// (N, PY, PX): the most probable class at each position (first on ties).
        public let predicted: Tensor

        public init(probability: Tensor, predicted: Tensor) {
            self.probability = probability
            self.predicted = predicted
        }
    }

    /// Values per forward call (64 MB), at most: one image's positions
    /// always go together, and several images' when they fit. Each
    /// `forward` call allocates its layers' buffers afresh, which costs as
    /// much as a third of the arithmetic, so fewer, larger calls are faster
    /// (16 Fashion-MNIST images at 144 positions make one).
    static let budget = 1 << 24

    /// x (N, C, H, W) and one class per image. The trunk's windows are
    /// recomputed where the occluder reaches (`OcclusionPlan`); a network
    /// that starts with an FC layer has whole occluded images run instead.
    public static func maps(_ network: Network, images x: Tensor, classes: [Int], size: Int, stride: Int,
                            fill: Float = 0.5) throws(NetworkError) -> Result {
        try maps(network, images: x, classes: classes, size: size, stride: stride, fill: fill, windows: true)
    }

    /// `windows: false` runs every occluded image whole: the reference the plan is tested against.
    static func maps(_ network: Network, images x: Tensor, classes: [Int], size: Int, stride: Int,
                     fill: Float, windows: Bool) throws(NetworkError) -> Result {
        let batch = try ImageBatch(x, network: network)
        let outputs = network.outputCount
        try batch.check(classes: classes, outputs: outputs)
        guard size >= 1, stride >= 1 else { throw NetworkError("the occluder's size and stride must be at least 1") }
        guard size <= min(batch.height, batch.width) else {
            throw NetworkError("a \(size)×\(size) occluder does not fit in a \(batch.height)×\(batch.width) image")
        }
        let py = (batch.height - size) / stride + 1, px = (batch.width - size) / stride + 1
        let positions = py * px
        let plan = windows ? OcclusionPlan(network, size: size, stride: stride, rows: py, columns: px) : nil
        var probability = [Float](repeating: 0, count: batch.count * positions)
        var predicted = [Float](repeating: 0, count: batch.count * positions)
        let group = max(1, budget / (positions * max(batch.imageSize, plan?.valuesPerPosition ?? 0)))
        for lo in Swift.stride(from: 0, to: batch.count, by: group) {
            let images = lo..<min(batch.count, lo + group)
            let out: [Float]
            if let plan {
                out = try plan.outputs(network, images: batch.slice(x, images), fill: fill)
            } else {
                out = try network.forward(occlude(x, images, batch: batch, size: size, stride: stride, fill: fill,
                                                  py: py, px: px)).scalars
            }
            out.withUnsafeBufferPointer { o in
                for (k, image) in images.enumerated() {
                    for p in 0..<positions {
                        let row = o.baseAddress! + (k * positions + p) * outputs
                        var best = 0
                        for j in 1..<max(1, outputs) where row[j] > row[best] { best = j }
                        probability[image * positions + p] = row[classes[image]]
                        predicted[image * positions + p] = Float(best)
                    }
                }
            }
        }
        return Result(probability: Tensor(shape: [batch.count, py, px], scalars: probability),
                      predicted: Tensor(shape: [batch.count, py, px], scalars: predicted))
    }

    /// For each image of `images`, a copy per occluder position (row-major
    /// over positions) with the square filled: (images·PY·PX, C, H, W).
    static func occlude(_ x: Tensor, _ images: Range<Int>, batch: ImageBatch, size: Int, stride: Int, fill: Float,
                        py: Int, px: Int) -> Tensor {
        let d = batch.imageSize, (h, w) = (batch.height, batch.width), positions = py * px
        let count = images.count * positions
        let values = [Float](unsafeUninitializedCapacity: count * d) { buffer, initialized in
            x.scalars.withUnsafeBufferPointer { source in
                let dst = buffer.baseAddress!
                for (k, image) in images.enumerated() {
                    let original = source.baseAddress! + image * d
                    for p in 0..<positions {
                        let copy = dst + (k * positions + p) * d
                        copy.initialize(from: original, count: d)
                        let (top, left) = (p / px * stride, p % px * stride)
                        for c in 0..<batch.channels {
                            for r in top..<(top + size) {
                                (copy + (c * h + r) * w + left).update(repeating: fill, count: size)
                            }
                        }
                    }
                }
            }
            initialized = count * d
        }
        return Tensor(shape: [count, batch.channels, h, w], scalars: values)
    }
}
