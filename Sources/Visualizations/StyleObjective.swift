import NeuralNet
import Tensors

/// Gatys, Ecker and Bethge's neural style loss: match the Gram matrices of
/// a style image at several layers (its texture) and the feature maps of a
/// content image at one layer (its layout),
///
///     style   = mean over style layers l of ‖G_l(x) − G_l(s)‖² / ‖G_l(s)‖²
///     content = ‖F(x) − F(c)‖² / ‖F(c)‖²
///     loss    = style_weight · style + content_weight · content
///
/// Each term is relative to its target's size, so a layer with large
/// activations does not drown the others and the weights mean the same on
/// any network. All layers' gradients go down in one backward pass.
public struct StyleObjective: InputObjective {
    public let layers: [Int]
    public var componentNames: [String] { ["style", "content"] }
    let styleLayers: Int
    /// Per style layer: the target Gram matrices (one, shared, or one per image) and their squared norms.
    let grams: [(matrices: Tensor, norms: [Float])]
    let content: FeatureReconstruction?
    let styleWeight: Float, contentWeight: Float

    /// `style` is the style image (1 × input shape, or one per content
    /// image), `content` the content images (N × input shape).
    public init(_ network: Network, style: Tensor, content: Tensor, styleLayers: [Int], contentLayer: Int?,
                styleWeight: Float, contentWeight: Float) throws(NetworkError) {
        guard !styleLayers.isEmpty else { throw NetworkError("style transfer needs at least one style layer") }
        grams = try styleLayers.map { layer throws(NetworkError) in
            let g = GramMatrix.compute(try network.forward(style, through: layer))
            let (n, c) = (g.shape[0], g.shape[1])
            let norms = (0..<n).map { e in
                let sum = g.scalars[(e * c * c)..<((e + 1) * c * c)].reduce(Float(0)) { $0 + $1 * $1 }
                return sum > 0 ? sum : 1
            }
            return (g, norms)
        }
        self.content = try contentLayer.map { layer throws(NetworkError) in
            FeatureReconstruction(layer: layer, target: try network.forward(content, through: layer))
        }
        self.styleLayers = styleLayers.count
        layers = styleLayers + (contentLayer.map { [$0] } ?? [])
        self.styleWeight = styleWeight
        self.contentWeight = contentWeight
    }

    public func evaluate(_ outputs: [Tensor]) -> ObjectiveValue {
        let n = outputs[0].shape[0]
        var style = [Float](repeating: 0, count: n)
        var seeds: [Tensor] = []
        for (l, target) in grams.enumerated() {
            let g = GramMatrix.compute(outputs[l]), c = g.shape[1], cc = c * c
            var w = [Float](repeating: 0, count: g.count)
            for e in 0..<n {
                // One style image serves every content image.
                let t = target.matrices.shape[0] == 1 ? 0 : e
                let norm = target.norms[t], scale = 2 * styleWeight / (norm * Float(styleLayers))
                var sum: Float = 0
                for i in 0..<cc {
                    let d = g.scalars[e * cc + i] - target.matrices.scalars[t * cc + i]
                    sum += d * d
                    w[e * cc + i] = scale * d
                }
                style[e] += sum / norm / Float(styleLayers)
            }
            seeds.append(GramMatrix.backward(outputs[l], weights: w))
        }
        var contentLoss = [Float](repeating: 0, count: n)
        if let content {
            let value = content.evaluate([outputs[styleLayers]])
            contentLoss = value.loss
            seeds.append(Tensor(shape: value.seeds[0].shape, scalars: value.seeds[0].scalars.map { $0 * contentWeight }))
        }
        let loss = (0..<n).map { styleWeight * style[$0] + contentWeight * contentLoss[$0] }
        return ObjectiveValue(loss: loss, components: [style, contentLoss], seeds: seeds)
    }
}
