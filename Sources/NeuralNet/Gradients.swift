import Tensors

/// The loss of a batch and its gradient with respect to every parameter
/// and to the input: what training follows, exposed for gradient checks
/// and for visualizations that differentiate the input.
extension Network {
    public struct LossGradient: Sendable {
        public let loss: Double
        /// Same layout as `parameters`.
        public let parameters: [Float]
        /// Same shape as the input batch.
        public let input: Tensor
    }

    /// Loss (averaged over the batch) in inference mode, and its gradients.
    public func lossGradient(images: Tensor, labels: [Int], loss: Loss = .crossEntropy,
                             targets: Tensor? = nil) throws(NetworkError) -> LossGradient {
        let n = try checkBatch(images, what: "the images")
        try checkLabels(labels, count: n, needed: loss == .crossEntropy || targets == nil)
        if let targets, targets.shape != [n, outputCount] {
            throw NetworkError("targets must be (\(n), \(outputCount)) for this network, got \(Tensor.describe(targets.shape))")
        }
        guard layerCount > 0 else { throw NetworkError("the network has no layers") }
        let tape = Tape(layerCount: layerCount)
        let start = loss.startLayer(of: self)
        var grads = [Float](repeating: 0, count: parameterCount)
        var dx = [Float](repeating: 0, count: images.count)
        let dstart = FloatBuffer(count: n * outputCount)
        let labels32 = labels.isEmpty ? [Int32](repeating: 0, count: n) : labels.map { Int32($0) }
        let value = parameters.withUnsafeBufferPointer { params in
            grads.withUnsafeMutableBufferPointer { g in
                images.scalars.withUnsafeBufferPointer { x in
                    tape.forward(self, params: params.baseAddress!, input: x.baseAddress!, batch: n,
                                 through: layerCount - 1, mode: .inference)
                    let result = labels32.withUnsafeBufferPointer { l in
                        (targets?.scalars ?? []).withUnsafeBufferPointer { t in
                            loss.evaluate(self, tape: tape, labels: l.baseAddress!,
                                          targets: targets == nil ? nil : t.baseAddress, grad: dstart.pointer)
                        }
                    }
                    if start < 0 {
                        // A lone SOFTMAX under cross-entropy: p − onehot is already the input's gradient.
                        dx.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: dstart.pointer, count: images.count) }
                    } else if let input = tape.backward(self, params: params.baseAddress!, dparams: g.baseAddress!,
                                                        from: start, gradient: dstart.pointer) {
                        dx.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: input, count: images.count) }
                    }
                    return result.loss
                }
            }
        }
        return LossGradient(loss: value, parameters: grads, input: Tensor(shape: images.shape, scalars: dx))
    }
}
