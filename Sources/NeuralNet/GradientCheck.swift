import Tensors

/// How far the backward pass is from finite differences of the forward
/// pass: the worst relative error over every checked value, and per layer.
public struct GradientCheckResult: Sendable {
    /// One layer's parameters (weights and biases together), or the input.
    public struct LayerCheck: Sendable, Equatable {
        /// The layer's name (`conv1`), or `input`.
        public let layer: String
        public let maxRelativeError: Double
        /// How many of its values were perturbed.
        public let checked: Int
    }

    /// The worst over `perLayer`; NaN if any check gave NaN.
    public let maxRelativeError: Double
    /// Every layer with parameters, in order, then `input`.
    public let perLayer: [LayerCheck]
    /// Values checked in all.
    public let checked: Int
}

extension Network {
    /// Compares `lossGradient` with central differences
    /// (L(θ + h) − L(θ − h)) / 2h on a sample of the parameters and inputs.
    ///
    /// The `samples` budget is shared as evenly as sizes allow between each
    /// parameter-bearing layer's weights, its biases, and the input; every
    /// one of these gets at least one value (so a network with more of them
    /// than `samples` checks one each). Within a group the values are drawn
    /// one per equal stretch, seeded, so the whole of a layer is covered.
    ///
    /// The default step is large for a gradient check because the network
    /// runs in Float32: a loss exact to about 1e-7 divided by 2h = 0.02 has
    /// about 1e-5 of noise, and the O(h²) truncation error is smaller than
    /// that on the smooth parts of a small network. A smaller step (1e-3)
    /// is safer near ReLU and max-pool kinks but noisier.
    public func gradientCheck(images: Tensor, labels: [Int], loss: Loss = .crossEntropy, targets: Tensor? = nil,
                              samples: Int = 200, epsilon: Float = 1e-2,
                              seed: UInt64 = 0) throws(NetworkError) -> GradientCheckResult {
        guard samples >= 1 else { throw NetworkError("a gradient check needs at least 1 sample, got \(samples)") }
        guard epsilon.isFinite, epsilon > 0 else {
            throw NetworkError("a gradient check needs a positive finite step, got \(epsilon)")
        }
        let analytic = try lossGradient(images: images, labels: labels, loss: loss, targets: targets)
        let n = try checkBatch(images, what: "the images")
        guard n > 0 else { throw NetworkError("a gradient check needs at least one image") }

        // Groups: (layer, first index, size) over the parameter store, then the input.
        var groups: [(layer: Int, start: Int, size: Int)] = []
        for (i, layer) in layers.enumerated() where layer.parameterCount > 0 {
            groups.append((i, offsets[i], layer.weightCount))
            if layer.biasCount > 0 { groups.append((i, offsets[i] + layer.weightCount, layer.biasCount)) }
        }
        groups.append((-1, 0, images.count))
        let shares = Network.shares(groups.map(\.size), budget: samples)

        let probe = LossProbe(network: self, loss: loss, batch: n, labels: labels, targets: targets?.scalars)
        var params = parameters, input = images.scalars
        var worst: [Int: (error: Double, count: Int)] = [:]
        params.withUnsafeMutableBufferPointer { p in
            input.withUnsafeMutableBufferPointer { x in
                let (p, x) = (p.baseAddress!, x.baseAddress!)
                for (g, group) in groups.enumerated() where shares[g] > 0 {
                    let stream = RandomStream(seed: RandomStream.seed(combining: seed, UInt64(g)))
                    for index in Network.picks(size: group.size, count: shares[g], stream: stream) {
                        let i = group.start + index
                        let isInput = group.layer < 0
                        let numeric = Network.centralDifference(isInput ? x : p, at: i, step: epsilon) {
                            probe.value(params: p, input: x)
                        }
                        let error = Network.relativeError(Double(isInput ? analytic.input.scalars[i] : analytic.parameters[i]),
                                                          numeric)
                        let old = worst[group.layer] ?? (0, 0)
                        worst[group.layer] = (Network.worse(old.error, error), old.count + 1)
                    }
                }
            }
        }

        let order = layers.indices.filter { layers[$0].parameterCount > 0 } + [-1]
        let perLayer = order.compactMap { i in
            worst[i].map { GradientCheckResult.LayerCheck(layer: i < 0 ? "input" : layers[i].spec.name,
                                                          maxRelativeError: $0.error, checked: $0.count) }
        }
        return GradientCheckResult(maxRelativeError: perLayer.map(\.maxRelativeError).reduce(0, Network.worse),
                                   perLayer: perLayer, checked: perLayer.reduce(0) { $0 + $1.checked })
    }

    /// |a − n| / max(|a|, |n|, 1e-3). The floor is there because the loss is
    /// only as exact as the Float32 pass (see `gradientCheck`): a gradient
    /// near zero is compared absolutely, so its rounding noise cannot pass
    /// for a 100% error.
    static func relativeError(_ a: Double, _ n: Double) -> Double {
        abs(a - n) / max(abs(a), abs(n), 1e-3)
    }

    /// The larger, where NaN counts as the worst of all.
    static func worse(_ a: Double, _ b: Double) -> Double {
        a.isNaN || b.isNaN ? .nan : max(a, b)
    }

    /// (L(v + h) − L(v − h)) / (the step actually taken): dividing by the
    /// Float difference rather than 2h removes the rounding of v ± h.
    static func centralDifference(_ values: UnsafeMutablePointer<Float>, at i: Int, step: Float,
                                  loss: () -> Double) -> Double {
        let saved = values[i]
        let up = saved + step, down = saved - step
        values[i] = up
        let above = loss()
        values[i] = down
        let below = loss()
        values[i] = saved
        // A step below the value's precision moves nothing: say so with NaN.
        return up > down ? (above - below) / Double(up - down) : .nan
    }

    /// Splits `budget` over groups of these sizes as evenly as they allow:
    /// small groups are filled first and what they leave goes to the rest.
    /// Every nonempty group gets at least one.
    static func shares(_ sizes: [Int], budget: Int) -> [Int] {
        var shares = [Int](repeating: 0, count: sizes.count)
        let order = sizes.indices.filter { sizes[$0] > 0 }.sorted { (sizes[$0], $0) < (sizes[$1], $1) }
        var remaining = budget
        for (k, g) in order.enumerated() {
            shares[g] = min(sizes[g], max(1, remaining / (order.count - k)))
            remaining = max(0, remaining - shares[g])
        }
        return shares
    }

    /// `count` distinct indices in 0..<size, one drawn from each of `count`
    /// equal stretches (all of them when count ≥ size).
    static func picks(size: Int, count: Int, stream: RandomStream) -> [Int] {
        guard count < size else { return Array(0..<size) }
        return (0..<count).map { k in
            let lo = k * size / count, hi = (k + 1) * size / count
            return lo + Int(stream.value(at: UInt64(k)) % UInt64(hi - lo))
        }
    }
}

/// The loss of one batch for any parameter store and input, in inference
/// mode, on one reused tape: a gradient check evaluates it twice per sample
/// and should not copy the network or reallocate activations each time.
struct LossProbe {
    let network: Network
    let loss: Loss
    let batch: Int
    let labels: [Int32]
    let targets: [Float]?
    let tape: Tape

    init(network: Network, loss: Loss, batch: Int, labels: [Int], targets: [Float]?) {
        self.network = network
        self.loss = loss
        self.batch = batch
        // Labels may be omitted for MSE with targets, as in `lossGradient`.
        self.labels = labels.isEmpty ? [Int32](repeating: 0, count: batch) : labels.map { Int32($0) }
        self.targets = targets
        tape = Tape(layerCount: network.layerCount)
    }

    func value(params: UnsafePointer<Float>, input: UnsafePointer<Float>) -> Double {
        tape.forward(network, params: params, input: input, batch: batch, through: network.layerCount - 1,
                     mode: .inference)
        return labels.withUnsafeBufferPointer { l in
            (targets ?? []).withUnsafeBufferPointer { t in
                loss.evaluate(network, tape: tape, labels: l.baseAddress!,
                              targets: targets == nil ? nil : t.baseAddress, grad: nil).loss
            }
        }
    }
}
