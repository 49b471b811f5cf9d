import Tensors

/// Reading and replacing one layer's parameters, in the shapes a lesson
/// sees: a convolution's w is (filters, channels, k, k), an FC layer's is
/// (outputs, inputs), each b is a vector.
extension Network {
    public func weights(layer name: String) throws(NetworkError) -> (w: Tensor, b: Tensor) {
        let index = try parametrizedLayer(name)
        let layer = layers[index], start = offsets[index]
        let w = Array(parameters[start..<(start + layer.weightCount)])
        let b = Array(parameters[(start + layer.weightCount)..<(start + layer.parameterCount)])
        return (Tensor(shape: weightShape(index), scalars: w), Tensor(b))
    }

    /// A copy with layer `name`'s weights and/or biases replaced.
    public func replacingWeights(layer name: String, w: Tensor?, b: Tensor?) throws(NetworkError) -> Network {
        let index = try parametrizedLayer(name)
        let layer = layers[index], start = offsets[index]
        var copy = self
        if let w {
            let shape = weightShape(index)
            guard w.shape == shape else {
                throw NetworkError("\(name)'s weights must be \(Tensor.describe(shape)), got \(Tensor.describe(w.shape))")
            }
            copy.parameters.replaceSubrange(start..<(start + layer.weightCount), with: w.scalars)
        }
        if let b {
            guard b.count == layer.biasCount, b.rank <= 1 else {
                throw NetworkError("\(name)'s biases must be (\(layer.biasCount)), got \(Tensor.describe(b.shape))")
            }
            copy.parameters.replaceSubrange((start + layer.weightCount)..<(start + layer.parameterCount), with: b.scalars)
        }
        return copy
    }

    /// A copy whose whole parameter store is `values` (same length).
    public func replacingParameters(_ values: [Float]) throws(NetworkError) -> Network {
        guard values.count == parameterCount else {
            throw NetworkError("expected \(parameterCount) parameters, got \(values.count)")
        }
        var copy = self
        copy.parameters = values
        return copy
    }

    /// Where layer `index`'s parameters sit in `parameters`.
    public func parameterRange(ofLayer index: Int) -> Range<Int> {
        offsets[index]..<(offsets[index] + layers[index].parameterCount)
    }

    func weightShape(_ index: Int) -> [Int] {
        let layer = layers[index]
        if case let .conv(k, f, _, _) = layer.spec.kind { return [f, layer.input.channels, k, k] }
        // [W_x W_h], one row a unit (of each LSTM gate): see `RecurrentGEMMs`.
        if let (units, gates) = layer.spec.kind.recurrence { return [gates * units, layer.input.features + units] }
        return [layer.output.count, layer.input.count]
    }

    private func parametrizedLayer(_ name: String) throws(NetworkError) -> Int {
        let index = try layerIndex(name)
        guard index >= 0, layers[index].parameterCount > 0 else {
            let with = zip(description.layers, layers).filter { $0.1.parameterCount > 0 }.map(\.0.name)
            throw NetworkError("'\(name)' has no weights; the layers with weights are \(with.joined(separator: ", "))")
        }
        return index
    }
}
