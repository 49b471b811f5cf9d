extension Network {
    /// A network whose parameters are `parameters` (layer by layer, each
    /// layer's weights then biases, as `parameters` holds them), drawing no
    /// random weights first: for networks rebuilt from stored or borrowed
    /// weights, where drawing hundreds of thousands of normals only to
    /// overwrite them costs more than the work they are wanted for.
    ///
    /// The layers are built as `init(_:seed:)` builds them.
    public init(_ description: NetworkDescription, parameters: [Float]) throws(NetworkError) {
        var shape = description.input.shape
        var layers: [any Layer] = []
        var offsets: [Int] = []
        var total = 0
        for spec in description.layers {
            // `parse` has checked every shape, so this cannot fail.
            let next = (try? spec.outputShape(for: shape, producer: nil)) ?? shape
            let layer = Network.makeLayer(spec, input: shape, output: next)
            offsets.append(total)
            total += layer.parameterCount
            layers.append(layer)
            shape = next
        }
        guard parameters.count == total else {
            throw NetworkError("this network has \(total) parameters, got \(parameters.count)")
        }
        self.description = description
        self.parameters = parameters
        self.layers = layers
        self.offsets = offsets
    }
}
