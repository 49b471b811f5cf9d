import Tensors

/// Gradients with respect to the input: what the visualizations (saliency,
/// guided backprop, the deconvnet, class models, inversion, adversarial
/// examples) are built on. The backward pass is the training one; only the
/// ReLU rule changes.
extension Network {
    /// For a batch x (N × input shape): the output of layer `layer` (N × its
    /// shape), and the gradient of Σ seed ⊙ output with respect to x, sent
    /// back with `rule` at every ReLU. `seed` has the output's shape, or is
    /// nil for all ones. Max pooling routes through the forward pass's
    /// switches, so `.deconv` is Zeiler and Fergus's unpooling.
    public func inputGradient(_ x: Tensor, layer: Int, seed: Tensor?, rule: ReLURule = .gradient)
        throws(NetworkError) -> (output: Tensor, gradient: Tensor) {
        let n = try checkBatch(x, what: "the input")
        guard layer >= 0, layer < layerCount else { throw NetworkError("layer index \(layer) is out of range") }
        let shape = outputShape(ofLayer: layer), per = shape.reduce(1, *)
        if let seed, seed.count != n * per {
            throw NetworkError("the seed gradient must be \(Tensor.describe([n] + shape)), got \(Tensor.describe(seed.shape))")
        }
        let tape = Tape(layerCount: layerCount)
        var output = [Float](repeating: 0, count: n * per)
        var gradient = [Float](repeating: 0, count: x.count)
        let ones = seed == nil ? [Float](repeating: 1, count: n * per) : []
        BLAS.withSerialThreads {
            parameters.withUnsafeBufferPointer { params in
                x.scalars.withUnsafeBufferPointer { input in
                    tape.forward(self, params: params.baseAddress!, input: input.baseAddress!, batch: n,
                                 through: layer, mode: .inference)
                    output.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: tape.output(of: layer), count: n * per) }
                    (seed?.scalars ?? ones).withUnsafeBufferPointer { dy in
                        // No parameter gradients: a visualization would throw them away.
                        if let dx = tape.backward(self, params: params.baseAddress!, dparams: nil,
                                                  from: layer, gradient: dy.baseAddress!, rule: rule) {
                            gradient.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: dx, count: x.count) }
                        }
                    }
                }
            }
        }
        return (Tensor(shape: [n] + shape, scalars: output), Tensor(shape: x.shape, scalars: gradient))
    }

    /// The layer whose output is the class scores: the one before a final
    /// SOFTMAX, else the last (Simonyan et al. differentiate the score, not
    /// the probability, so other classes cannot raise it by falling).
    public var scoreLayer: Int { endsInSoftmax ? layerCount - 2 : layerCount - 1 }

    /// The layer whose output is the network's code: the input of the last
    /// FC layer (the 128 numbers before the classifier), or the last layer
    /// when there is no FC layer.
    public var codeLayer: Int {
        let lastFC = description.layers.lastIndex { if case .fc = $0.kind { true } else { false } }
        return (lastFC ?? layerCount) - 1
    }
}
