import Tensors

/// The settings of `train`; every one is part of the result's cache key.
public struct TrainingOptions: Sendable, Hashable {
    public var epochs = 1
    public var batch = 128
    public var learningRate = 1e-3
    public var optimizer = OptimizerKind.adam
    /// SGD's momentum; Adam ignores it.
    public var momentum = 0.9
    public var weightDecay = 0.0
    public var seed: UInt64 = 0
    public var loss = Loss.crossEntropy

    public init() {}
}

/// Loss and accuracy per step (one batch) and per epoch (the mean over its
/// steps, weighted by batch size).
public struct TrainingHistory: Sendable, Hashable, Codable {
    public var stepLoss: [Double] = []
    public var stepAccuracy: [Double] = []
    public var epochLoss: [Double] = []
    public var epochAccuracy: [Double] = []
    /// Loss and accuracy on the validation set after each epoch, when one is given.
    public var validationLoss: [Double] = []
    public var validationAccuracy: [Double] = []
    public init() {}
}

/// Where training is, for a progress display. Throwing from the callback
/// stops training (a block's timeout does this).
public struct TrainingProgress: Sendable {
    public let epoch: Int, epochs: Int
    /// Steps done in this epoch, and the epoch's total.
    public let step: Int, steps: Int
    /// Examples seen in this epoch.
    public let examples: Int
    /// Running means over this epoch so far.
    public let loss: Double, accuracy: Double
}

extension Network {
    /// Trains a copy of the network on `images` (N × the input shape) with
    /// their labels, or with `targets` (N × outputs) for regression with MSE.
    /// Deterministic: the order of examples, dropout masks and the result
    /// depend only on the network, the data and the options.
    /// With `validation`, the network is evaluated on it after every epoch
    /// (Keras's `validation_data`), which costs one forward pass over it.
    public func trained(images: Tensor, labels: [Int], targets: Tensor? = nil, options: TrainingOptions,
                        validation: (images: Tensor, labels: [Int])? = nil,
                        progress: ((TrainingProgress) throws -> Void)? = nil) throws -> (Network, TrainingHistory) {
        let n = try checkBatch(images, what: "training images")
        if let validation {
            let m = try checkBatch(validation.images, what: "validation images")
            try checkLabels(validation.labels, count: m, needed: true)
        }
        try checkLabels(labels, count: n, needed: options.loss == .crossEntropy || targets == nil)
        if let targets, targets.shape != [n, outputCount] {
            throw NetworkError("targets must be (\(n), \(outputCount)) for this network, got \(Tensor.describe(targets.shape))")
        }
        guard options.epochs >= 0, options.batch >= 1 else {
            throw NetworkError("training needs epochs ≥ 0 and batch ≥ 1")
        }
        guard options.learningRate.isFinite, options.learningRate > 0 else {
            throw NetworkError("the learning rate must be a positive number, got \(options.learningRate)")
        }
        var parameters = self.parameters
        var history = TrainingHistory()
        guard n > 0, layerCount > 0 else { return (self, history) }

        let d = inputCount, outputs = outputCount, batch = min(options.batch, n)
        let tape = Tape(layerCount: layerCount)
        var grads = [Float](repeating: 0, count: parameterCount)
        let dstart = FloatBuffer(count: batch * outputs)
        var optimizer = Optimizer(kind: options.optimizer, count: parameterCount, learningRate: Float(options.learningRate),
                                  momentum: Float(options.momentum), weightDecay: Float(options.weightDecay))
        let start = options.loss.startLayer(of: self)
        var batchLabels = [Int32](repeating: 0, count: batch)
        let batchTargets = FloatBuffer(count: targets == nil ? 1 : batch * outputs)
        let steps = (n + batch - 1) / batch
        var globalStep: UInt64 = 0

        try BLAS.withSerialThreads {
        for epoch in 0..<options.epochs {
            let order = Network.permutation(n, seed: RandomStream.seed(combining: options.seed, UInt64(epoch)))
            var epochLoss = 0.0, epochCorrect = 0, seen = 0
            for step in 0..<steps {
                // Callers without a progress closure (a linear probe) still stop when asked.
                if Interruption.requested { throw NetworkError.stopped }
                let lo = step * batch, size = min(batch, n - lo)
                let x = tape.inputBuffer(batch: size, count: d)
                images.scalars.withUnsafeBufferPointer { all in
                    for e in 0..<size {
                        let src = order[lo + e]
                        (x + e * d).update(from: all.baseAddress! + src * d, count: d)
                        batchLabels[e] = Int32(labels.isEmpty ? 0 : labels[src])
                    }
                }
                if let targets {
                    targets.scalars.withUnsafeBufferPointer { all in
                        for e in 0..<size {
                            (batchTargets.pointer + e * outputs).update(from: all.baseAddress! + order[lo + e] * outputs, count: outputs)
                        }
                    }
                }
                let passSeed = RandomStream.seed(combining: options.seed ^ 0x5EED_D409_0000_0000, globalStep)
                globalStep += 1
                let result = parameters.withUnsafeMutableBufferPointer { params -> Loss.Result in
                    grads.withUnsafeMutableBufferPointer { g in
                        let p = UnsafePointer(params.baseAddress!), dp = g.baseAddress!
                        dp.update(repeating: 0, count: g.count)
                        tape.forwardFromInput(self, params: p, through: layerCount - 1, mode: .training(seed: passSeed))
                        let result = batchLabels.withUnsafeBufferPointer { l in
                            options.loss.evaluate(self, tape: tape, labels: l.baseAddress!,
                                                  targets: targets == nil ? nil : UnsafePointer(batchTargets.pointer),
                                                  grad: dstart.pointer)
                        }
                        if start >= 0 {
                            tape.backward(self, params: p, dparams: dp, from: start, gradient: dstart.pointer,
                                          inputGradient: false)
                        }
                        optimizer.update(params.baseAddress!, dp, count: g.count)
                        return result
                    }
                }
                history.stepLoss.append(result.loss)
                history.stepAccuracy.append(Double(result.correct) / Double(size))
                epochLoss += result.loss * Double(size)
                epochCorrect += result.correct
                seen += size
                try progress?(TrainingProgress(epoch: epoch + 1, epochs: options.epochs, step: step + 1, steps: steps,
                                               examples: seen, loss: epochLoss / Double(seen),
                                               accuracy: Double(epochCorrect) / Double(seen)))
            }
            history.epochLoss.append(epochLoss / Double(n))
            history.epochAccuracy.append(Double(epochCorrect) / Double(n))
            if let validation {
                let snapshot = try replacingParameters(parameters)
                let result = try snapshot.evaluate(images: validation.images, labels: validation.labels, loss: options.loss)
                history.validationLoss.append(result.loss)
                history.validationAccuracy.append(result.accuracy)
            }
        }
        }
        var network = self
        network.parameters = parameters
        return (network, history)
    }

    /// A shuffle of 0..<n (Fisher–Yates) from a seed.
    static func permutation(_ n: Int, seed: UInt64) -> [Int] {
        var order = Array(0..<n)
        var stream = RandomStream(seed: seed)
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(stream.nextUInt64() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        return order
    }

    /// The batch size of `x`, which must be N × the input shape.
    func checkBatch(_ x: Tensor, what: String) throws(NetworkError) -> Int {
        let shape = inputShape
        if x.rank == 2, x.shape[1] == inputCount { return x.shape[0] }
        // Sizes of 1 carry no layout: `dataset` stores (N, T, F) sequences and
        // (N, H, W) images as (N, 1, ·, ·), which is the same memory.
        let squeezed = x.shape.dropFirst().filter { $0 != 1 }
        if x.rank >= 2, squeezed == shape.filter({ $0 != 1 }) { return x.shape[0] }
        guard x.rank == shape.count + 1, Array(x.shape.dropFirst()) == shape else {
            throw NetworkError("\(what) must be N × \(Tensor.describe(shape)) for this network's INPUT, got \(Tensor.describe(x.shape))")
        }
        return x.shape[0]
    }

    func checkLabels(_ labels: [Int], count: Int, needed: Bool) throws(NetworkError) {
        guard needed else { return }
        guard labels.count == count else {
            throw NetworkError("there are \(count) images but \(labels.count) labels")
        }
        if let bad = labels.first(where: { $0 < 0 || $0 >= outputCount }) {
            throw NetworkError("label \(bad) is not a class of this network, which has \(outputCount) outputs")
        }
    }
}
