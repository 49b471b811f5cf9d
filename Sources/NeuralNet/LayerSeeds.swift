import Tensors

/// Input gradients of objectives that read several layers at once (neural
/// style reads the Gram matrices of three layers and the content of one).
/// Running one backward pass per layer would repeat the lower layers' work;
/// instead the pass starts at the deepest layer and, on its way down, adds
/// each listed layer's seed to the gradient arriving at that layer's output.
extension Network {
    /// For a batch x (N × input shape): the outputs of `layers` (indices,
    /// any order; -1 is the input itself), and the gradient with respect to
    /// x of the objective whose gradient at each listed output `seeds`
    /// returns. `seeds` is called once, between the forward and the backward
    /// pass, with the outputs in the order of `layers`, and must answer with
    /// one tensor of the same shape for each.
    public func inputGradient(_ x: Tensor, layers: [Int], rule: ReLURule = .gradient,
                              seeds: ([Tensor]) -> [Tensor]) throws(NetworkError) -> (outputs: [Tensor], gradient: Tensor) {
        let n = try checkBatch(x, what: "the input")
        guard !layers.isEmpty else { throw NetworkError("an objective must read at least one layer") }
        if let bad = layers.first(where: { $0 < -1 || $0 >= layerCount }) {
            throw NetworkError("layer index \(bad) is out of range: the network has \(layerCount) layers")
        }
        let deepest = layers.max()!
        let shapes = layers.map { [n] + outputShape(ofLayer: $0) }
        let tape = Tape(layerCount: layerCount)
        var outputs: [Tensor] = []
        var gradient = [Float](repeating: 0, count: x.count)
        var given: [Tensor] = []
        BLAS.withSerialThreads {
            parameters.withUnsafeBufferPointer { params in
                x.scalars.withUnsafeBufferPointer { input in
                    tape.forward(self, params: params.baseAddress!, input: input.baseAddress!, batch: n,
                                 through: deepest, mode: .inference)
                }
                outputs = zip(layers, shapes).map { layer, shape in
                    Tensor(shape: shape, scalars: Array(UnsafeBufferPointer(start: tape.output(of: layer), count: shape.reduce(1, *))))
                }
                given = seeds(outputs)
                guard given.count == layers.count, zip(given, shapes).allSatisfy({ $0.shape == $1 }) else { return }
                // The gradient at the current layer's output, with every seed at or above it added.
                var current = seed(at: deepest, layers, given)
                let stops = Set(layers).sorted(by: >)
                for (top, below) in zip(stops, stops.dropFirst().map(Optional.some) + [nil]) where top >= 0 {
                    let down = (below ?? -1) + 1
                    var arrived = [Float](repeating: 0, count: n * outputShape(ofLayer: down - 1).reduce(1, *))
                    current.withUnsafeBufferPointer { dy in
                        // The tape's own buffers are reused by the next segment, so copy out.
                        if let dx = tape.backward(self, params: params.baseAddress!, dparams: nil,
                                                  from: top, gradient: dy.baseAddress!, down: down, rule: rule) {
                            arrived.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: dx, count: $0.count) }
                        }
                    }
                    if let below { add(seed(at: below, layers, given), to: &arrived) }
                    current = arrived
                }
                gradient = current
            }
        }
        guard given.count == layers.count else {
            throw NetworkError("the objective gave \(given.count) seed gradients for \(layers.count) layers")
        }
        for (seed, shape) in zip(given, shapes) where seed.shape != shape {
            throw NetworkError("a seed gradient must be \(Tensor.describe(shape)), got \(Tensor.describe(seed.shape))")
        }
        return (outputs, Tensor(shape: x.shape, scalars: gradient))
    }

    /// The sum of the seeds given for `layer` (it may be listed twice).
    private func seed(at layer: Int, _ layers: [Int], _ seeds: [Tensor]) -> [Float] {
        var total: [Float] = []
        for (l, s) in zip(layers, seeds) where l == layer {
            if total.isEmpty { total = s.scalars } else { add(s.scalars, to: &total) }
        }
        return total
    }

    private func add(_ a: [Float], to b: inout [Float]) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeMutableBufferPointer { b in for i in 0..<b.count { b[i] += a[i] } }
        }
    }
}
