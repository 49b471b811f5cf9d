import NeuralNet
import Tensors

/// The gradient-descent engine every input-optimizing method shares (class
/// models, inversion, DeepDream, neural style, fooling images): it moves a
/// batch of images downhill on an objective plus image priors, through the
/// network's own backward pass, with the tricks that make the result
/// readable. Each step, for each image:
///
///     g  = ∇ objective(roll(x, jitter)) rolled back
///          + 2·l2·x + tv·∇TV_β(x) + alpha·∇‖x‖_α^α     (Simonyan's λ‖x‖², Mahendran's priors)
///     g  ← g resampled down by `resolution` and back   (DeepDream's octaves)
///     g  ← g / rms(g) or g / mean|g|                    (step-size normalisation)
///     v  ← μ v − η_t g;  x ← clip(x + v, box)           (heavy-ball momentum, η falling linearly)
///                        (or Adam's per-pixel step, with μ as β₁)
///     every `blurEvery` steps: x ← Gaussian blur of x
///
/// Every random choice (the jitter) comes from `seed`, and nothing depends
/// on threads, so the same settings give the same bytes.
public struct InputOptimizer: Sendable {
    public enum Normalization: Sendable, Equatable {
        /// The raw gradient: η is in the objective's own units.
        case none
        /// g / mean|g| over the image (DeepDream's choice): η is about the
        /// mean change of a pixel per step.
        case meanAbs
        /// g / rms(g): the same idea, less swayed by a few quiet pixels.
        case rms
        /// Adam (Kingma and Ba): each pixel's step is its own running mean
        /// of g over the root of its running mean of g², with `momentum`
        /// as β₁ and β₂ = 0.999. It settles into a minimum where a
        /// normalised step of fixed size would keep circling it, which is
        /// what matching Gram matrices to 1% needs.
        case adam
    }

    public var steps = 100
    public var learningRate: Float = 0.05
    /// η at the last step; η falls linearly to it. Nil keeps η constant.
    public var finalLearningRate: Float?
    public var momentum: Float = 0.9
    public var normalization = Normalization.rms
    /// Largest roll in pixels per step (0: none).
    public var jitter = 0
    public var blurEvery = 0
    public var blurSigma: Float = 0.5
    /// Pixel values are clipped into this range after every step; nil leaves them free.
    public var box: ClosedRange<Float>? = 0...1
    /// Weight λ of λ‖x‖².
    public var l2: Float = 0
    public var tvWeight: Float = 0
    public var totalVariation = TotalVariation(beta: 2)
    public var alphaWeight: Float = 0
    public var alphaNorm = AlphaNorm(alpha: 6)
    /// Steps are computed at 1/resolution of the image's size (1: native).
    public var resolution: Float = 1
    public var seed: UInt64 = 0

    public init() {}

    public struct Result: Sendable {
        /// The optimized images, shaped as the start.
        public let images: Tensor
        /// steps × N: objective plus priors at each step's (jittered) image.
        public let loss: Tensor
        /// steps × N: the objective alone.
        public let objective: Tensor
        /// One steps × N tensor per component of the objective.
        public let components: [Tensor]
        /// The objective (with its components) at the returned images, unjittered.
        public let final: ObjectiveValue
        /// Objective plus priors at the returned images.
        public let finalLoss: [Float]
    }

    /// Runs `steps` steps from `start` (N × the network's input shape).
    /// `checkpoint` is called before every step, and may throw to stop.
    public func run(_ network: Network, from start: Tensor, objective: any InputObjective,
                    checkpoint: (() throws -> Void)? = nil) throws -> Result {
        let n = start.shape.first ?? 0, per = n == 0 ? 0 : start.count / n
        var x = start.scalars
        var velocity = [Float](repeating: 0, count: x.count)
        var adam = AdamMoments(count: normalization == .adam ? x.count : 0)
        var loss: [Float] = [], values: [Float] = [], parts = [[Float]](repeating: [], count: objective.componentNames.count)
        let jitter = Jitter(pixels: self.jitter, seed: seed), blur = GaussianBlur(sigma: blurSigma)
        for step in 0..<steps {
            try checkpoint?()
            let image = Tensor(shape: start.shape, scalars: x)
            let (dy, dx) = jitter.offset(step: step)
            let (value, rolled) = try network.objectiveGradient(Jitter.roll(image, dy: dy, dx: dx), objective)
            var g = Jitter.roll(rolled, dy: -dy, dx: -dx).scalars
            let total = priors(image, value.loss, gradient: &g)
            loss += total
            values += value.loss
            for (k, c) in value.components.enumerated() where k < parts.count { parts[k] += c }
            if resolution > 1, start.rank == 4 { g = smoothed(g, shape: start.shape) }
            let eta = rate(at: step)
            if normalization == .adam {
                adam.step(&x, gradient: g, rate: eta, beta1: momentum)
            } else {
                normalize(&g, count: n, per: per)
                for i in 0..<x.count {
                    velocity[i] = momentum * velocity[i] - eta * g[i]
                    x[i] += velocity[i]
                }
            }
            if let box { for i in 0..<x.count { x[i] = min(max(x[i], box.lowerBound), box.upperBound) } }
            if blurEvery > 0, (step + 1) % blurEvery == 0 {
                x = blur.apply(Tensor(shape: start.shape, scalars: x)).scalars
            }
        }
        let images = Tensor(shape: start.shape, scalars: x)
        var final = try network.objectiveValue(images, objective)
        var unused = [Float](repeating: 0, count: x.count)
        let finalLoss = priors(images, final.loss, gradient: &unused)
        final.seeds = []
        func history(_ v: [Float]) -> Tensor { Tensor(shape: [steps, n], scalars: v) }
        return Result(images: images, loss: history(loss), objective: history(values), components: parts.map(history),
                      final: final, finalLoss: finalLoss)
    }

    /// Adds the priors' values to `objective` (per image) and their gradients to `gradient`.
    func priors(_ x: Tensor, _ objective: [Float], gradient g: inout [Float]) -> [Float] {
        var total = objective
        let n = total.count, per = n == 0 ? 0 : x.count / n
        if l2 != 0 {
            for e in 0..<n {
                var sum: Float = 0
                for i in (e * per)..<((e + 1) * per) {
                    sum += x.scalars[i] * x.scalars[i]
                    g[i] += 2 * l2 * x.scalars[i]
                }
                total[e] += l2 * sum
            }
        }
        g.withUnsafeMutableBufferPointer { buffer in
            if tvWeight != 0 {
                let tv = totalVariation.run(x, weight: tvWeight, gradient: buffer.baseAddress!)
                for e in 0..<n { total[e] += tvWeight * tv[e] }
            }
            if alphaWeight != 0 {
                let a = alphaNorm.run(x, weight: alphaWeight, gradient: buffer.baseAddress!)
                for e in 0..<n { total[e] += alphaWeight * a[e] }
            }
        }
        return total
    }

    /// The gradient at 1/resolution of the image's size, brought back up.
    func smoothed(_ g: [Float], shape: [Int]) -> [Float] {
        let (h, w) = (shape[2], shape[3])
        let small = (max(1, Int((Float(h) / resolution).rounded())), max(1, Int((Float(w) / resolution).rounded())))
        let down = ImageResize.bilinear(Tensor(shape: shape, scalars: g), height: small.0, width: small.1)
        return ImageResize.bilinear(down, height: h, width: w).scalars
    }

    /// Each image's gradient divided by its own scale, so η means the same
    /// on every image and at every layer.
    func normalize(_ g: inout [Float], count n: Int, per: Int) {
        guard normalization != .none, per > 0 else { return }
        for e in 0..<n {
            let range = (e * per)..<((e + 1) * per)
            var scale: Float = 0
            for i in range { scale += normalization == .rms ? g[i] * g[i] : abs(g[i]) }
            scale = normalization == .rms ? (scale / Float(per)).squareRoot() : scale / Float(per)
            guard scale > 0, scale.isFinite else { continue }
            for i in range { g[i] /= scale }
        }
    }

    /// η at `step`, falling linearly from `learningRate` to `finalLearningRate`.
    func rate(at step: Int) -> Float {
        guard let last = finalLearningRate, steps > 1 else { return learningRate }
        let t = Float(step) / Float(steps - 1)
        return learningRate + (last - learningRate) * t
    }
}
