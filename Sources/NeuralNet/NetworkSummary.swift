/// One row of a network summary: a layer's output shape and what it costs.
public struct LayerSummary: Sendable, Hashable {
    /// `input`, `conv1`, ...
    public let name: String
    /// The layer's canonical token (`CONV3-64`, `INPUT 224x224x3`).
    public let layer: String
    public let output: OutputShape
    /// Values the layer stores for one input: its output for INPUT, CONV,
    /// POOL and FC; 0 for element-wise layers, which work in place.
    public let activations: Int
    public let weights: Int
    public let biases: Int
    /// weights + biases.
    public let params: Int
    /// Multiply-accumulates in one forward pass of one input.
    public let macs: Int
}

/// The lecture's table of a network (the VGG-16 memory and parameter
/// count): one row per layer, the input first, and the totals.
///
/// Row `i + 1` belongs to `layers[i]`, and its input is row `i`'s output,
/// which is how code that builds the layers learns their input shapes.
public struct NetworkSummary: Sendable, Hashable {
    public let rows: [LayerSummary]
    public let params: Int
    public let weights: Int
    public let biases: Int
    public let activations: Int
    public let macs: Int
    /// 2 × macs: a multiply-accumulate is a multiply and an add.
    public let flops: Int
}

extension NetworkDescription {
    public func summary() throws(DescriptionError) -> NetworkSummary {
        var shape = input.shape
        var producer: String? = nil
        var rows = [LayerSummary(name: "input", layer: input.token, output: shape,
                                 activations: shape.count, weights: 0, biases: 0, params: 0, macs: 0)]
        var totals = (params: 0, weights: 0, biases: 0, activations: shape.count, macs: 0)
        for layer in layers {
            let output = try layer.outputShape(for: shape, producer: producer)
            let costs = try layer.costs(input: shape, output: output)
            let activations = layer.kind.isElementWise ? 0 : output.count
            guard let params = costs.weights.addingOrNil(costs.biases),
                  let t1 = totals.params.addingOrNil(params),
                  let t2 = totals.weights.addingOrNil(costs.weights),
                  let t3 = totals.biases.addingOrNil(costs.biases),
                  let t4 = totals.activations.addingOrNil(activations),
                  let t5 = totals.macs.addingOrNil(costs.macs),
                  t5.multipliedOrNil(by: 2) != nil else {
                throw DescriptionError(column: layer.column, message:
                    "the network's totals overflow at \(layer.label); the sizes are too large to count")
            }
            totals = (t1, t2, t3, t4, t5)
            rows.append(LayerSummary(name: layer.name, layer: layer.kind.token, output: output,
                                     activations: activations, weights: costs.weights,
                                     biases: costs.biases, params: params, macs: costs.macs))
            if !layer.kind.isElementWise { producer = layer.name }
            shape = output
        }
        return NetworkSummary(rows: rows, params: totals.params, weights: totals.weights,
                              biases: totals.biases, activations: totals.activations,
                              macs: totals.macs, flops: totals.macs * 2)
    }
}
