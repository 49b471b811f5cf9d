import Tensors

/// How far the backward pass is from finite differences of the forward
/// pass: the worst relative error over every checked value, and per layer.
public struct GradientCheckResult: Sendable {
    /// One layer's parameters (weights and biases together), or the input.
    public struct LayerCheck: Sendable, Equatable {
        /// The layer's name (`conv1`), or `input`.
        public let layer: String
        public let maxRelativeError: Double
        /// How many of its values were compared.
        public let checked: Int
        /// How many of its share of `samples` were left out because every
        /// candidate value straddled a kink.
        public let skipped: Int
    }

    /// The worst over `perLayer`; NaN if any check gave NaN.
    public let maxRelativeError: Double
    /// Every layer with parameters, in order, then `input`.
    public let perLayer: [LayerCheck]
    /// Values compared in all.
    public let checked: Int
    public let skipped: Int
}

extension Network {
    /// Compares `lossGradient` with central differences
    /// (L(θ + h) − L(θ − h)) / 2h on a sample of the parameters and inputs.
    ///
    /// The `samples` budget is shared as evenly as sizes allow between each
    /// parameter-bearing layer's weights, its biases, and the input; each
    /// gets at least one value. Within a group, values are drawn one per
    /// equal stretch, seeded, so the whole of a layer is covered.
    ///
    /// The step is large for a gradient check because the network runs in
    /// Float32: a loss exact to about 1e-7 gives 1e-7 / 2h of noise, 5e-6 at
    /// h = 1e-2, against an O(h²) truncation error that grows with the step;
    /// on small networks 1e-2 balances the two (relative errors of 1e-4 to
    /// 5e-3 where the backward pass is right). Near a kink
    /// (a ReLU input or a max-pool runner-up within h of switching) the
    /// difference mixes two pieces of the loss and means nothing, so a value
    /// whose ±h passes change any ReLU sign or pooling switch is replaced by
    /// another of its group; a group left with no value at all tries its
    /// first candidate once more with h/10 (noisier, but better than none).
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

        // Groups: (layer, first index, size) in the parameter store, then the input (layer -1).
        var groups: [(layer: Int, start: Int, size: Int)] = []
        for (i, layer) in layers.enumerated() where layer.parameterCount > 0 {
            groups.append((i, offsets[i], layer.weightCount))
            if layer.biasCount > 0 { groups.append((i, offsets[i] + layer.weightCount, layer.biasCount)) }
        }
        groups.append((-1, 0, images.count))
        let shares = Network.shares(groups.map(\.size), budget: samples)

        let probe = LossProbe(network: self, loss: loss, batch: n, labels: labels, targets: targets?.scalars)
        var params = parameters, input = images.scalars
        var tally: [Int: (error: Double, checked: Int, skipped: Int)] = [:]
        params.withUnsafeMutableBufferPointer { p in
            input.withUnsafeMutableBufferPointer { x in
                let (p, x) = (p.baseAddress!, x.baseAddress!)
                _ = probe.value(params: p, input: x)
                let unperturbed = probe.kinks()
                let pass = { (probe.value(params: p, input: x), probe.kinks() == unperturbed) }
                for (g, group) in groups.enumerated() where shares[g] > 0 {
                    let isInput = group.layer < 0
                    var entry = tally[group.layer] ?? (0, 0, 0)
                    func compare(_ i: Int, step: Float) -> Bool {
                        guard let numeric = Network.centralDifference(isInput ? x : p, at: i, step: step, pass: pass)
                        else { return false }
                        let a = isInput ? analytic.input.scalars[i] : analytic.parameters[i]
                        entry.error = Network.worse(entry.error, Network.relativeError(Double(a), numeric))
                        return true
                    }
                    let stream = RandomStream(seed: RandomStream.seed(combining: seed, UInt64(g)))
                    let candidates = Network.candidates(size: group.size, count: shares[g], stream: stream)
                    var checked = 0
                    for index in candidates where checked < shares[g] {
                        if compare(group.start + index, step: epsilon) { checked += 1 }
                    }
                    if checked == 0, compare(group.start + candidates[0], step: epsilon / 10) { checked = 1 }
                    entry.checked += checked
                    entry.skipped += shares[g] - checked
                    tally[group.layer] = entry
                }
            }
        }

        let order = layers.indices.filter { layers[$0].parameterCount > 0 } + [-1]
        let perLayer = order.compactMap { i in
            tally[i].map { GradientCheckResult.LayerCheck(layer: i < 0 ? "input" : layers[i].spec.name,
                                                          maxRelativeError: $0.error, checked: $0.checked,
                                                          skipped: $0.skipped) }
        }
        return GradientCheckResult(maxRelativeError: perLayer.map(\.maxRelativeError).reduce(0, Network.worse),
                                   perLayer: perLayer, checked: perLayer.reduce(0) { $0 + $1.checked },
                                   skipped: perLayer.reduce(0) { $0 + $1.skipped })
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

    /// (L(v + h) − L(v − h)) / (the step actually taken), or nil when either
    /// pass leaves the unperturbed pass's smooth piece. Dividing by the Float
    /// difference rather than 2h removes the rounding of v ± h.
    static func centralDifference(_ values: UnsafeMutablePointer<Float>, at i: Int, step: Float,
                                  pass: () -> (loss: Double, smooth: Bool)) -> Double? {
        let saved = values[i]
        defer { values[i] = saved }
        let up = saved + step, down = saved - step
        // A step below the value's precision moves nothing: say so with NaN.
        guard up > down else { return .nan }
        values[i] = up
        let above = pass()
        values[i] = down
        let below = pass()
        guard above.smooth, below.smooth else { return nil }
        return (above.loss - below.loss) / Double(up - down)
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

    /// Indices in 0..<size to try, in order: `count` drawn one from each of
    /// `count` equal stretches, then two more such rounds as stand-ins for
    /// values that straddle a kink (without repeats); all of them when
    /// count ≥ size.
    static func candidates(size: Int, count: Int, stream: RandomStream) -> [Int] {
        guard count < size else { return Array(0..<size) }
        var seen = Set<Int>(), order: [Int] = []
        for k in 0..<(3 * count) {
            let stretch = k % count
            let lo = stretch * size / count, hi = (stretch + 1) * size / count
            let index = lo + Int(stream.value(at: UInt64(k)) % UInt64(hi - lo))
            if seen.insert(index).inserted { order.append(index) }
        }
        return order
    }
}

/// The loss of one batch for any parameter store and input, in inference
/// mode, on one reused tape: a gradient check evaluates it twice per value
/// and should neither copy the network nor reallocate activations each time.
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

    /// Which side of every kink the last pass was on: the sign of each ReLU
    /// input and the switch of each max-pool output. Passes with the same
    /// signature lie on one smooth piece of the loss.
    func kinks() -> [Int32] {
        var signature: [Int32] = []
        for (i, layer) in network.layers.enumerated() {
            switch layer.spec.kind {
            case .relu:
                let x = tape.output(of: i - 1)
                for j in 0..<(batch * layer.input.count) { signature.append(x[j] > 0 ? 1 : 0) }
            case .maxPool:
                let switches = tape.memos[i].switches.pointer
                signature.append(contentsOf: UnsafeBufferPointer(start: switches, count: batch * layer.output.count))
            default:
                continue
            }
        }
        return signature
    }
}
