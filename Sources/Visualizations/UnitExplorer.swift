import NeuralNet
import Tensors

/// The Deep Visualization Toolbox (Yosinski et al., 2015) computed ahead of
/// time for a few images, so that a page can answer every click without
/// computing anything: for each listed layer, every unit's activation on
/// each image; and for each unit its top k patches over a pool of images
/// (`TopPatches`), its deconvnet projection on each image (`Deconvnet`, from
/// the unit's strongest activation there), and, for a convolution that reads
/// the input, its filter.
///
/// Cost: one pass through each layer for the images, the pool's maxima
/// (passed in, so a lesson's other top-patch queries share them), and one
/// forward and backward pass of the few images per unit.
public struct UnitExplorer: Sendable {
    public struct Layer: Sendable {
        public let name: String
        /// (N, units, h, w): the layer's output on each image; a vector
        /// layer's is (N, units, 1, 1).
        public let activations: Tensor
        /// (units, k, C, s, s): each unit's top patches over the pool,
        /// strongest first, cropped to its receptive field (s its size).
        public let patches: Tensor
        /// (units, k): the unit's value on each of its top patches.
        public let patchValues: Tensor
        /// (units, N, C, H, W): each unit's deconvnet projection on each image, signed.
        public let projections: Tensor
        /// (units, C, kh, kw) for a convolution that reads the input, else nil.
        public let filters: Tensor?
        public let field: ReceptiveField

        public var units: Int { activations.shape[1] }
    }

    public let layers: [Layer]

    /// `images` (N, C, H, W) are the images a reader picks from; `layers`
    /// index the network's layers; `maxima(layer)` gives every unit's maxima
    /// over the pool `pool` (N', C, H, W) for that layer; `k` patches a unit.
    public init(network: Network, images: Tensor, layers: [Int], pool: Tensor,
                maxima: (Int) throws -> UnitMaxima, k: Int = 9,
                checkpoint: (() throws -> Void)? = nil) throws {
        guard network.inputShape.count == 3 else {
            throw NetworkError("the explorer shows images, and this network's INPUT is a vector")
        }
        guard images.rank == 4, Array(images.shape.dropFirst()) == network.inputShape, images.shape[0] > 0 else {
            throw NetworkError("the explorer's images must be (N, \(network.inputShape.map(String.init).joined(separator: ", "))), "
                               + "got \(Tensor.describe(images.shape))")
        }
        let readsInput = network.description.layers.firstIndex { spec in
            switch spec.kind { case .conv, .fc: true; default: false }
        }
        var out: [Layer] = []
        for index in layers {
            try checkpoint?()
            guard index >= 0, index < network.layerCount else {
                throw NetworkError("layer index \(index) is out of range: the network has \(network.layerCount) layers")
            }
            let spec = network.description.layers[index]
            let shape = network.outputShape(ofLayer: index)
            let (units, h, w) = shape.count == 3 ? (shape[0], shape[1], shape[2]) : (shape[0], 1, 1)
            let n = images.shape[0]
            let raw = try network.forward(images, through: index)
            let activations = Tensor(shape: [n, units, h, w], scalars: raw.scalars)

            let field = try TopPatches.field(network, spec.name)
            let found = try maxima(index)
            let kept = min(k, found.count)
            var patches: [Float] = [], values: [Float] = []
            for unit in 0..<units {
                let top = try TopPatches(maxima: found, images: pool, field: field, unit: unit, k: kept)
                patches += top.patches.scalars
                values += top.hits.map(\.value)
            }
            let c = images.shape[1]

            // One projection per unit for all N images; laid out (units, N, C, H, W).
            var projections: [Float] = []
            projections.reserveCapacity(units * images.count)
            for unit in 0..<units {
                if unit % 16 == 0 { try checkpoint?() }
                projections += try Deconvnet.project(network, images: images, layer: index,
                                                     unit: .strongest(channel: unit)).image.scalars
            }

            var filters: Tensor?
            if index == readsInput, case .conv = spec.kind { filters = try network.weights(layer: spec.name).w }
            out.append(Layer(name: spec.name, activations: activations,
                             patches: Tensor(shape: [units, kept, c, field.size, field.size], scalars: patches),
                             patchValues: Tensor(shape: [units, kept], scalars: values),
                             projections: Tensor(shape: [units] + images.shape, scalars: projections),
                             filters: filters, field: field))
        }
        self.layers = out
    }
}
