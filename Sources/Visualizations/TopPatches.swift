import NeuralNet
import Tensors

/// The inputs that excite one unit most, each cropped to the unit's
/// receptive field where it fired: Zeiler and Fergus's top-9 and Girshick
/// et al.'s pool5 units. Deeper units see larger fields, so their patches
/// grow with the layer.
///
/// The crop for a hit at map position (row, column) starts at input pixel
/// (offset + row · stride, offset + column · stride) and is size × size,
/// from the layer's `ReceptiveField`; where it leaves the image (padding
/// makes offsets negative and fields may outgrow the input) it is filled
/// with 0, so every patch has the same size and they stack into one tensor.
/// An FC unit (and any layer after one) sees the whole input: its patch is
/// the image, padded to a square.
public struct TopPatches: Sendable {
    /// The images ranked, strongest first.
    public let hits: [UnitMaxima.Hit]
    /// (k, channels, size, size).
    public let patches: Tensor
    public let field: ReceptiveField

    /// Ranks `images` (N, C, H, W) for `unit` of the layer called `layer`,
    /// running the network through that layer only, a chunk at a time.
    public init(network: Network, images: Tensor, layer: String, unit: Int, k: Int = 9,
                checkpoint: (() throws -> Void)? = nil) throws {
        let index = try network.layerIndex(layer)
        let field = try TopPatches.field(network, layer)
        let maxima = try UnitMaxima(network: network, images: images, layer: index, checkpoint: checkpoint)
        try self.init(maxima: maxima, images: images, field: field, unit: unit, k: k)
    }

    /// The same from maxima already computed over `images`.
    public init(maxima: UnitMaxima, images: Tensor, field: ReceptiveField, unit: Int, k: Int) throws(NetworkError) {
        guard images.rank == 4, images.shape[0] == maxima.count else {
            throw NetworkError("top patches need the \(maxima.count) images ranked, as (N, C, H, W); "
                               + "got \(Tensor.describe(images.shape))")
        }
        guard maxima.count > 0 else { throw NetworkError("the dataset has no images to rank") }
        guard k >= 1 else { throw NetworkError("k must be at least 1, got \(k)") }
        guard field.size >= 1, field.stride >= 1 else { throw NetworkError("the receptive field is empty") }
        let hits = try maxima.top(unit: unit, k: k)
        let (c, h, w, s) = (images.shape[1], images.shape[2], images.shape[3], field.size)
        let (patchSize, o1) = (c * s).multipliedReportingOverflow(by: s)
        let (total, o2) = patchSize.multipliedReportingOverflow(by: hits.count)
        guard !o1, !o2, total <= Tensor.maxElements else {
            throw NetworkError("\(hits.count) patches of \(s)×\(s) pixels are too many values to hold")
        }
        var out = [Float](repeating: 0, count: total)
        images.scalars.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (i, hit) in hits.enumerated() {
                    let top = field.offset + hit.row * field.stride, left = field.offset + hit.column * field.stride
                    let image = hit.image * c * h * w
                    // Only the rows and columns inside the image are copied; the rest stays 0.
                    let x0 = max(0, -left), x1 = min(s, w - left)
                    guard x0 < x1 else { continue }
                    for ch in 0..<c {
                        for y in 0..<s where top + y >= 0 && top + y < h {
                            let from = image + (ch * h + top + y) * w + left
                            let to = ((i * c + ch) * s + y) * s
                            for x in x0..<x1 { dst[to + x] = src[from + x] }
                        }
                    }
                }
            }
        }
        self.hits = hits
        patches = Tensor(shape: [hits.count, c, s, s], scalars: out)
        self.field = field
    }

    /// The receptive field of `layer`, as a network error.
    static func field(_ network: Network, _ layer: String) throws(NetworkError) -> ReceptiveField {
        guard network.inputShape.count == 3 else {
            throw NetworkError("top patches crop images, and this network's INPUT is a vector")
        }
        do { return try network.description.receptiveField(layer: layer) } catch {
            throw NetworkError(error.message)
        }
    }
}
