import Tensors

extension Network {
    /// How much of the loss's gradient reaches each step of a recurrent
    /// layer: the mean over examples of ‖∂L/∂h_t‖ for t = 0..<T, where h_t is
    /// the layer's state at step t and L is each example's own loss (the
    /// total gradient at h_t: what came from above at step t plus what
    /// flowed back from later steps). Vanishing gradients show as a curve
    /// that falls towards step 0, exploding ones as one that rises.
    ///
    /// Cross-entropy against `labels`, or MSE against `targets` when given.
    /// Inference mode (no dropout), in chunks, summed in example order.
    public func stepGradientNorms(images: Tensor, labels: [Int], targets: Tensor? = nil,
                                  layer name: String) throws(NetworkError) -> [Double] {
        let index = try layerIndex(name)
        guard index >= 0, let recurrence = layers[index].spec.kind.recurrence else {
            throw NetworkError("'\(name)' is not a recurrent layer (RNN or LSTM)")
        }
        let n = try checkBatch(images, what: "the sequences")
        try checkLabels(labels, count: n, needed: targets == nil)
        if let targets, targets.shape != [n, outputCount] {
            throw NetworkError("targets must be (\(n), \(outputCount)) for this network, got \(Tensor.describe(targets.shape))")
        }
        let loss: Loss = targets == nil ? .crossEntropy : .mse
        let start = loss.startLayer(of: self)
        let steps = layers[index].output.steps, units = recurrence.units
        var sums = [Double](repeating: 0, count: steps)
        guard n > 0 else { return sums }
        guard start >= index else { return sums }
        let tape = Tape(layerCount: layerCount)
        let d = inputCount, outputs = outputCount
        let dstart = FloatBuffer(count: Network.chunk * outputs)
        let labels32 = labels.isEmpty ? [Int32](repeating: 0, count: n) : labels.map { Int32($0) }
        parameters.withUnsafeBufferPointer { params in
            images.scalars.withUnsafeBufferPointer { all in
                labels32.withUnsafeBufferPointer { l in
                    (targets?.scalars ?? []).withUnsafeBufferPointer { t in
                        for lo in stride(from: 0, to: n, by: Network.chunk) {
                            let size = min(Network.chunk, n - lo)
                            tape.forward(self, params: params.baseAddress!, input: all.baseAddress! + lo * d,
                                         batch: size, through: layerCount - 1, mode: .inference)
                            _ = loss.evaluate(self, tape: tape, labels: l.baseAddress! + lo,
                                              targets: targets == nil ? nil : t.baseAddress! + lo * outputs,
                                              grad: dstart.pointer)
                            tape.backward(self, params: params.baseAddress!, dparams: nil, from: start,
                                          gradient: dstart.pointer, down: index, inputGradient: false)
                            // The loss is the chunk's mean; × size gives each example's own.
                            let dh = tape.memos[index].stepGradients.pointer
                            for e in 0..<size {
                                for s in 0..<steps {
                                    let row = dh + (e * steps + s) * units
                                    var squares = 0.0
                                    for j in 0..<units { squares += Double(row[j]) * Double(row[j]) }
                                    sums[s] += squares.squareRoot() * Double(size)
                                }
                            }
                        }
                    }
                }
            }
        }
        return sums.map { $0 / Double(n) }
    }
}
