import NeuralNet
import Tensors

/// One layer's output over a whole image set, a chunk of images at a time,
/// for statistics that reduce it as they go: conv1's maps for 10,000
/// Fashion-MNIST images are a gigabyte at once, a chunk's a few megabytes.
///
/// A unit is a channel of an image-shaped output (C, H, W), seen at H·W
/// positions, or an entry of a vector output, seen at one.
struct LayerScan {
    static let chunk = 256

    let network: Network
    let layer: Int
    let units: Int
    let height: Int
    let width: Int
    var positions: Int { height * width }

    init(network: Network, layer: Int) throws(NetworkError) {
        guard layer >= -1, layer < network.layerCount else {
            throw NetworkError("layer index \(layer) is out of range")
        }
        let shape = network.outputShape(ofLayer: layer)
        self.network = network
        self.layer = layer
        units = shape[0]
        (height, width) = shape.count == 3 ? (shape[1], shape[2]) : (1, 1)
    }

    /// The layer's name as a lesson writes it.
    var name: String { layer < 0 ? "input" : network.description.layers[layer].name }

    /// The number of images in `images`, which must be N × the network's
    /// input shape (or N × its size, flattened, as `Network.forward` takes).
    func count(_ images: Tensor) throws(NetworkError) -> Int {
        let shape = network.inputShape
        if images.rank == 2, images.shape[1] == network.inputCount { return images.shape[0] }
        guard images.rank == shape.count + 1, Array(images.shape.dropFirst()) == shape else {
            throw NetworkError("the images must be N × \(Tensor.describe(shape)) for this network's INPUT, "
                               + "got \(Tensor.describe(images.shape))")
        }
        return images.shape[0]
    }

    /// Calls `body(first, n, output)` for each chunk of n images starting at
    /// image `first`, with the layer's output laid out (n, units, positions).
    /// `checkpoint` runs before each chunk (a lesson's timeout throws there).
    func run(_ images: Tensor, checkpoint: (() throws -> Void)?,
             _ body: (_ first: Int, _ n: Int, _ output: UnsafeBufferPointer<Float>) -> Void) throws {
        _ = try count(images)
        try checkpoint?()
        try network.forEachChunk(of: images, through: layer, chunk: LayerScan.chunk) { first, n, output in
            body(first, n, output)
            if first + n < images.shape[0] { try checkpoint?() }
        }
    }
}
