import NeuralNet
import Tensors

/// The smallest change that makes the network change its answer, in the
/// spirit of Szegedy et al. (2014): minimize ‖r‖₂ subject to f(x + r) ≠
/// label (or = target) and x + r inside the box [0, 1].
///
/// Szegedy et al. solve it with box-constrained L-BFGS and a line search on
/// a penalty weight; we solve the same problem in two deterministic parts:
///
/// 1. Linearised steps toward the nearest decision boundary (DeepFool,
///    Moosavi-Dezfooli et al. 2016). With m(x) the margin of the label over
///    its strongest rival in score (before the softmax), each step moves by
///    −(m + overshoot·|m|)·∇m/‖∇m‖², the point where the linearised margin
///    crosses zero, then clips into the box, until the answer changes.
/// 2. A bisection on the perturbation's length: the smallest t in [0, 1]
///    for which clip(x + t·r) is still misclassified, so the result sits on
///    the boundary rather than past it.
public enum MinimalPerturbation {
    /// How far past the boundary, in score units, an image must be to count
    /// as moved. At a margin of a few ulps the sign depends on how the batch
    /// was split into products, so the step loop, the bisection and the
    /// final evaluation (each with its own batch) could disagree: an image
    /// counted as moved could then be answered as before.
    static let decisive: Float = 1e-4
    public struct Result: Sendable {
        /// N × C × H × W: the perturbed images, inside the box.
        public let images: Tensor
        /// images − x.
        public let perturbation: Tensor
        /// Whether each image's answer changed (false when `iterations` ran out).
        public let success: [Bool]
        /// The network's answer for each perturbed image.
        public let predictions: [Int]
        /// Linearised steps taken per image.
        public let steps: [Int]
    }

    /// `labels` are the answers to move away from; with `targets`, each image
    /// is instead moved until its answer is its target.
    public static func find(_ network: Network, images x: Tensor, labels: [Int], targets: [Int]? = nil,
                            iterations: Int = 50, overshoot: Float = 0.02, box: ClosedRange<Float> = 0...1,
                            checkpoint: (() throws -> Void)? = nil) throws -> Result {
        let batch = try ImageBatch(x, network: network)
        let layer = network.scoreLayer
        guard layer >= 0 else { throw NetworkError("the network has no layer to take a class score from") }
        let classes = network.outputShape(ofLayer: layer).reduce(1, *)
        try batch.check(classes: labels, outputs: classes)
        if let targets { try batch.check(classes: targets, outputs: classes) }
        let per = batch.imageSize
        var adversarial = x.scalars
        var success = [Bool](repeating: false, count: batch.count), steps = [Int](repeating: 0, count: batch.count)
        for lo in stride(from: 0, to: batch.count, by: ImageBatch.chunk) {
            let range = lo..<min(batch.count, lo + ImageBatch.chunk)
            var active = Array(range)
            for _ in 0...iterations where !active.isEmpty {
                try checkpoint?()
                let part = Tensor(shape: [active.count] + network.inputShape,
                                  scalars: active.flatMap { adversarial[($0 * per)..<(($0 + 1) * per)] })
                var margins = [Float](repeating: 0, count: active.count)
                let (_, g) = try network.inputGradient(part, layers: [layer]) { outputs in
                    var seed = [Float](repeating: 0, count: outputs[0].count)
                    for (row, image) in active.enumerated() {
                        let s = Array(outputs[0].scalars[(row * classes)..<((row + 1) * classes)])
                        let (up, down) = sides(s, label: labels[image], target: targets?[image])
                        margins[row] = s[up] - s[down]
                        seed[row * classes + up] = 1
                        seed[row * classes + down] = -1
                    }
                    return [Tensor(shape: outputs[0].shape, scalars: seed)]
                }
                var still: [Int] = []
                for (row, image) in active.enumerated() {
                    if margins[row] < -decisive { success[image] = true; continue }
                    guard steps[image] < iterations else { continue }
                    let grad = g.scalars[(row * per)..<((row + 1) * per)]
                    let norm = grad.reduce(Float(0)) { $0 + $1 * $1 }
                    guard norm > 0 else { continue }
                    let scale = (margins[row] * (1 + overshoot) + 2 * decisive) / norm
                    for (k, v) in grad.enumerated() {
                        let i = image * per + k
                        adversarial[i] = min(max(adversarial[i] - scale * v, box.lowerBound), box.upperBound)
                    }
                    steps[image] += 1
                    still.append(image)
                }
                active = still
            }
        }
        try shorten(network, x, &adversarial, success: success, labels: labels, targets: targets, box: box)
        let images = Tensor(shape: x.shape, scalars: adversarial)
        let predictions = try network.evaluate(images: images, labels: labels).predictions
        // Judged by the final answers, so `success` never disagrees with `predictions`.
        success = predictions.indices.map { i in targets.map { predictions[i] == $0[i] } ?? (predictions[i] != labels[i]) }
        let perturbation = Tensor(shape: x.shape, scalars: zip(adversarial, x.scalars).map { $0 - $1 })
        return Result(images: images, perturbation: perturbation, success: success, predictions: predictions, steps: steps)
    }

    /// The two scores whose difference is the margin: (label, strongest
    /// rival) when moving away from the label, (strongest rival, target)
    /// when moving toward a target.
    static func sides(_ s: [Float], label: Int, target: Int?) -> (Int, Int) {
        let avoid = target ?? label
        var rival = avoid == 0 ? 1 : 0
        for k in s.indices where k != avoid && s[k] > s[rival] { rival = k }
        return target == nil ? (label, rival) : (rival, avoid)
    }

    /// Bisects t in [0, 1] for each successful image: the shortest
    /// clip(x + t·r) that the network still answers as the attack wanted.
    static func shorten(_ network: Network, _ x: Tensor, _ adversarial: inout [Float], success: [Bool],
                        labels: [Int], targets: [Int]?, box: ClosedRange<Float>) throws {
        let per = x.count / max(success.count, 1)
        let chosen = success.indices.filter { success[$0] }
        guard !chosen.isEmpty else { return }
        var low = [Float](repeating: 0, count: chosen.count), high = [Float](repeating: 1, count: chosen.count)
        let delta = chosen.map { i in (0..<per).map { adversarial[i * per + $0] - x.scalars[i * per + $0] } }
        func images(_ t: [Float]) -> [Float] {
            chosen.indices.flatMap { row in
                (0..<per).map { min(max(x.scalars[chosen[row] * per + $0] + t[row] * delta[row][$0], box.lowerBound), box.upperBound) }
            }
        }
        let layer = network.scoreLayer
        for _ in 0..<12 {
            let middle = zip(low, high).map { ($0 + $1) / 2 }
            let trial = Tensor(shape: [chosen.count] + network.inputShape, scalars: images(middle))
            let scores = try network.forward(trial, through: layer).scalars
            let classes = scores.count / chosen.count
            for (row, image) in chosen.enumerated() {
                let s = Array(scores[(row * classes)..<((row + 1) * classes)])
                let (up, down) = sides(s, label: labels[image], target: targets?[image])
                if s[up] - s[down] < -decisive { high[row] = middle[row] } else { low[row] = middle[row] }
            }
        }
        let final = images(high)
        for (row, image) in chosen.enumerated() {
            for k in 0..<per { adversarial[image * per + k] = final[row * per + k] }
        }
    }
}
