import Tensors

/// Running a trained network forward: outputs, a layer's activations, and
/// accuracy over a labelled set. Inputs are batched in chunks so memory
/// stays bounded whatever N is.
extension Network {
    /// Inputs per forward pass when a caller hands over a whole data set.
    public static let chunk = 256

    /// The output of layer `layer` (the last by default) for a batch
    /// (N × input shape) → N × that layer's shape, or for one input → its shape.
    public func forward(_ x: Tensor, through layer: Int? = nil) throws(NetworkError) -> Tensor {
        let single = Array(x.shape) == inputShape
        let batched = single ? Tensor(shape: [1] + x.shape, scalars: x.scalars) : x
        let n = try checkBatch(batched, what: "the input")
        let last = layer ?? layerCount - 1
        guard last >= -1, last < layerCount else { throw NetworkError("layer index \(last) is out of range") }
        let shape = outputShape(ofLayer: last), per = shape.reduce(1, *)
        var out = [Float](repeating: 0, count: n * per)
        do {
            try out.withUnsafeMutableBufferPointer { result in
                try forEachChunk(of: batched, through: last, chunk: Network.chunk) { first, _, output in
                    (result.baseAddress! + first * per).update(from: output.baseAddress!, count: output.count)
                }
            }
        } catch {
            // The copy cannot throw; only the pass's own checks can.
            throw error as? NetworkError ?? NetworkError("\(error)")
        }
        return Tensor(shape: (single ? [] : [n]) + shape, scalars: out)
    }

    /// Loss, accuracy and the predicted class of every input.
    public struct Evaluation: Sendable {
        public let loss: Double
        public let accuracy: Double
        public let predictions: [Int]
    }

    /// With `targets` (N × outputs, regression) the loss is against them
    /// and `labels` may be empty; accuracy and predictions then mean nothing.
    public func evaluate(images: Tensor, labels: [Int], loss: Loss = .crossEntropy,
                         targets: Tensor? = nil) throws(NetworkError) -> Evaluation {
        let n = try checkBatch(images, what: "the images")
        try checkLabels(labels, count: n, needed: targets == nil)
        if let targets, targets.shape != [n, outputCount] {
            throw NetworkError("targets must be (\(n), \(outputCount)) for this network, got \(Tensor.describe(targets.shape))")
        }
        guard n > 0, layerCount > 0 else { return Evaluation(loss: 0, accuracy: 0, predictions: []) }
        let tape = Tape(layerCount: layerCount)
        let d = inputCount, outputs = outputCount
        var total = 0.0, correct = 0
        var predictions = [Int](repeating: 0, count: n)
        let labels32 = labels.isEmpty ? [Int32](repeating: 0, count: n) : labels.map { Int32($0) }
        var stopped = false
        parameters.withUnsafeBufferPointer { params in
            images.scalars.withUnsafeBufferPointer { all in
                labels32.withUnsafeBufferPointer { l in
                  (targets?.scalars ?? []).withUnsafeBufferPointer { t in
                    for lo in stride(from: 0, to: n, by: Network.chunk) {
                        if Interruption.requested { stopped = true; break }
                        let size = min(Network.chunk, n - lo)
                        tape.forward(self, params: params.baseAddress!, input: all.baseAddress! + lo * d,
                                     batch: size, through: layerCount - 1, mode: .inference)
                        let r = loss.evaluate(self, tape: tape, labels: l.baseAddress! + lo,
                                              targets: targets == nil ? nil : t.baseAddress! + lo * outputs, grad: nil)
                        total += r.loss * Double(size)
                        correct += r.correct
                        let out = tape.output(of: layerCount - 1)
                        for e in 0..<size { predictions[lo + e] = Loss.argmax(out + e * outputs, count: outputs) }
                    }
                  }
                }
            }
        }
        if stopped { throw .stopped }
        return Evaluation(loss: total / Double(n), accuracy: Double(correct) / Double(n), predictions: predictions)
    }
}
