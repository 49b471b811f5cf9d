import Tensors

/// A described network with numbers: its layers, and every weight and bias
/// in one flat store (layer by layer, each layer's weights then biases).
///
/// A value: training returns a new network, so a lesson's `net` never
/// changes behind its back.
public struct Network: Sendable {
    public let description: NetworkDescription
    /// All parameters, at `offsets[i]` for layer i.
    public internal(set) var parameters: [Float]
    let layers: [any Layer]
    let offsets: [Int]
    /// Each layer's identity for random draws: see `identity(of:)`.
    let identities: [UInt64]

    /// Builds the layers and draws the weights from `seed` (He for layers
    /// a ReLU follows, Glorot for the others; biases zero). Each layer's
    /// weights come from the seed and the layer's identity, not its
    /// position, so adding a layer without weights (a DROPOUT, a RELU)
    /// leaves every other layer's starting weights as they were.
    public init(_ description: NetworkDescription, seed: UInt64) {
        let (layers, offsets, total) = Network.build(description)
        let identities = layers.map(Network.identity)
        var parameters = [Float](repeating: 0, count: total)
        parameters.withUnsafeMutableBufferPointer { store in
            for (i, layer) in layers.enumerated() where layer.parameterCount > 0 {
                let followedByReLU = description.layers[(i + 1)...].first { !$0.kind.isElementWise || $0.kind == .relu }?.kind == .relu
                layer.initialize(store.baseAddress! + offsets[i], scheme: followedByReLU ? .he : .glorot,
                                 seed: RandomStream.seed(combining: seed, identities[i]))
            }
        }
        self.description = description
        self.parameters = parameters
        self.layers = layers
        self.offsets = offsets
        self.identities = identities
    }

    /// A layer's name (`fc1`), its token (`FC-128`) and the shape it reads,
    /// hashed: what a layer's random draws (starting weights, dropout
    /// masks) are tied to. Two networks that share a layer by all three
    /// draw the same numbers for it.
    static func identity(of layer: any Layer) -> UInt64 {
        FNV1a.hash("\(layer.spec.name) \(layer.spec.kind.token) \(tensorShape(layer.input))")
    }

    /// A network whose parameters are `parameters` (layer by layer, each
    /// layer's weights then biases), drawing no random weights first: for
    /// networks rebuilt from stored or borrowed weights.
    public init(_ description: NetworkDescription, parameters: [Float]) throws(NetworkError) {
        let (layers, offsets, total) = Network.build(description)
        guard parameters.count == total else {
            throw NetworkError("this network has \(total) parameters, got \(parameters.count)")
        }
        self.description = description
        self.parameters = parameters
        self.layers = layers
        self.offsets = offsets
        self.identities = layers.map(Network.identity)
    }

    /// The layers of a description, where each one's parameters start, and their total.
    private static func build(_ description: NetworkDescription) -> (layers: [any Layer], offsets: [Int], total: Int) {
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
        return (layers, offsets, total)
    }

    static func makeLayer(_ spec: LayerSpec, input: OutputShape, output: OutputShape) -> any Layer {
        switch spec.kind {
        case let .conv(k, _, s, p):
            return ConvLayer(spec: spec, input: input, output: output, kernel: k, stride: s, padding: p)
        case let .maxPool(k, s): return MaxPoolLayer(spec: spec, input: input, output: output, kernel: k, stride: s)
        case let .avgPool(k, s): return AvgPoolLayer(spec: spec, input: input, output: output, kernel: k, stride: s)
        case .fc: return FCLayer(spec: spec, input: input, output: output)
        case .relu: return ActivationLayer(spec: spec, input: input, function: .relu)
        case .tanh: return ActivationLayer(spec: spec, input: input, function: .tanh)
        case .sigmoid: return ActivationLayer(spec: spec, input: input, function: .sigmoid)
        case let .dropout(p): return DropoutLayer(spec: spec, input: input, probability: p)
        case .lrn: return LRNLayer(spec: spec, input: input)
        case .softmax: return SoftmaxLayer(spec: spec, input: input)
        case .rnn: return RNNLayer(spec: spec, input: input, output: output)
        case .lstm: return LSTMLayer(spec: spec, input: input, output: output)
        case .last: return LastLayer(spec: spec, input: input, output: output)
        }
    }

    public var parameterCount: Int { parameters.count }
    public var layerCount: Int { layers.count }

    /// Values in one input: C·H·W, or n for a vector input.
    public var inputCount: Int { description.input.shape.count }
    /// The per-example input shape as a tensor shape: [C, H, W] or [n].
    public var inputShape: [Int] { Network.tensorShape(description.input.shape) }
    /// The per-example output shape of layer `index` (-1 for the input).
    public func outputShape(ofLayer index: Int) -> [Int] {
        Network.tensorShape(index < 0 ? description.input.shape : layers[index].output)
    }
    public var outputCount: Int { layers.last?.output.count ?? inputCount }

    /// [C, H, W] for an image, [n] for a vector, [T, F] for a sequence.
    static func tensorShape(_ s: OutputShape) -> [Int] {
        if s.isSequence { return [s.steps, s.features] }
        return s.isVector ? [s.channels] : [s.channels, s.height, s.width]
    }

    /// Index of a layer by name (`conv1`; `input` is -1), or an error listing the names.
    public func layerIndex(_ name: String) throws(NetworkError) -> Int {
        do { return try description.index(ofLayer: name) } catch { throw NetworkError(error.message) }
    }

    /// Whether the last layer turns scores into probabilities.
    var endsInSoftmax: Bool { description.layers.last?.kind == .softmax }
}
