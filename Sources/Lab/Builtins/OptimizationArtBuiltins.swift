import Datasets
import NeuralNet
import Tensors
import Visualizations

/// "Deep art": DeepDream, Gatys et al.'s neural style, and the Gram matrix
/// style is built on (with `shuffle_positions`, to show what it ignores).
enum OptimizationArtBuiltins {
    static let all: [Builtin] = [deepdream, styleTransfer, gram, shufflePositions]
    typealias A = OptimizationArguments

    static let deepdream = Builtin(
        "deepdream(net: model, x: tensor, layer: string = none, unit: int = none, steps: int = 20, octaves: int = 3, scale: number = 1.5, lr: number = 0.005, jitter: int = 2, seed = seed)",
        "DeepDream: raise ½‖a‖² of a layer (or of feature map unit=) by normalised, jittered gradient steps, "
            + "over octaves of coarser to finer steps; .image, .norm_before, .norm_after"
    , memo: .result) { args, context in
        let network = try args.network(takesImages: true, hasClassScores: true)
        let (x, single) = try args.images("x", for: network, limit: A.maxBatch)
        let layer = try args.layer(in: network, default: dreamLayer(network))
        let units = network.outputShape(ofLayer: layer)[0]
        let unit = try args.optionalInt("unit")
        if let unit, unit < 0 || unit >= units {
            let name = network.description.layers[layer].name
            throw LabError("deepdream: \(name) has \(units) units, numbered 0 to \(units - 1); there is no unit \(unit)",
                           at: args.location("unit"))
        }
        var o = try A.optimizer(args, context, momentum: false)
        o.normalization = .meanAbs
        o.momentum = 0
        o.jitter = try args.int("jitter", min: 0, max: max(0, network.inputShape[1] / 2))
        let octaves = try args.int("octaves", min: 1, max: 8)
        let scale = try Float(args.finiteNumber("scale", .positive))
        guard scale >= 1 else { throw LabError("deepdream: 'scale' must be at least 1, got \(scale)", at: args.location("scale")) }
        return .record(try args.run(at: "x") {
            let r = try DeepDream.run(network, images: x, layer: layer, channel: unit, octaves: octaves, scale: scale,
                                      optimizer: o, checkpoint: { try context.checkDeadline() })
            return Record([
                Batch.imageField(r.images, single: single),
                ("norm_before", Batch.perImage(r.normBefore, single: single)),
                ("norm_after", Batch.perImage(r.normAfter, single: single)),
                ("loss", Batch.curve(r.loss, final: r.normAfter.map { -$0 * $0 / 2 }, single: single)),
            ])
        })
    }

    static let styleTransfer = Builtin(
        "style_transfer(net: model, content: tensor, style: tensor, steps: int = 500, style_weight: number = 1, content_weight: number = 0.03, style_layers = none, content_layer: string = none, lr: number = 0.05, momentum: number = 0.9, jitter: int = 0, init: string = \"content\", seed = seed)",
        "Gatys et al.'s neural style: an image with the content's feature maps at content_layer and the style's Gram "
            + "matrices at style_layers; .image, .style_loss, .content_loss, .loss (curves)"
    , memo: .result) { args, context in
        let network = try args.network(takesImages: true, hasClassScores: true)
        let (content, single) = try args.images("content", for: network, limit: A.maxBatch)
        let (style, _) = try args.images("style", for: network, limit: A.maxBatch)
        guard style.shape[0] == 1 || style.shape[0] == content.shape[0] else {
            throw LabError("style_transfer: give one style image, or one per content image (\(content.shape[0])); got "
                           + "\(style.shape[0])", at: args.location("style"))
        }
        let styleLayers = try layerList(args, network)
        let contentLayer = try args.layer("content_layer", in: network, default: dreamLayer(network))
        var o = try A.optimizer(args, context)
        o.normalization = .adam
        o.finalLearningRate = o.learningRate / 20
        o.jitter = try args.int("jitter", min: 0, max: max(0, network.inputShape[1] / 2))
        let styleWeight = try Float(args.finiteNumber("style_weight", .nonNegative))
        let contentWeight = try Float(args.finiteNumber("content_weight", .nonNegative))
        let initial = try args.string("init")
        guard initial == "content" || initial == "noise" else {
            throw LabError("style_transfer: init must be \"content\" or \"noise\", got \"\(initial)\"", at: args.location("init"))
        }
        return .record(try args.run(at: "content") {
            let objective = try StyleObjective(network, style: style, content: content, styleLayers: styleLayers,
                                               contentLayer: contentLayer, styleWeight: styleWeight,
                                               contentWeight: contentWeight)
            let start = initial == "content" ? content
                : try Tensor.uniform(shape: content.shape, seed: RandomStream.seed(combining: o.seed, 1))
            let r = try o.run(network, from: start, objective: objective, checkpoint: { try context.checkDeadline() })
            return Record([
                Batch.imageField(r.images, single: single),
                ("style_loss", Batch.curve(r.components[0], final: r.final.components[0], single: single)),
                ("content_loss", Batch.curve(r.components[1], final: r.final.components[1], single: single)),
                ("loss", Batch.curve(r.loss, final: r.finalLoss, single: single)),
            ])
        })
    }

    static let gram = Builtin(
        "gram(net, x: tensor = none, layer: string = none)",
        "the Gram matrix F·Fᵀ/M of a layer's feature maps for x (C×C, N×C×C for a batch); gram(t) of feature maps t itself"
    ) { args, _ in
        guard case .object(let o)? = args.value("net"), o is ModelValue else {
            guard let t = try? args.tensor("net") else {
                throw args.fail("net", "a model made by cnn(...), or a tensor of feature maps")
            }
            guard !args.has("x"), !args.has("layer") else {
                throw LabError("gram: with feature maps as the first argument, leave out x= and layer=", at: args.location("net"))
            }
            guard (2...4).contains(t.rank), t.count > 0 else {
                throw LabError("gram: feature maps must be C×H×W (or C×M, or a batch N×C×H×W), got \(Tensor.describe(t.shape))",
                               at: args.location("net"))
            }
            let g = GramMatrix.compute(t.rank == 4 ? t : t.asBatch)
            return .tensor(t.rank == 4 ? g : g.droppingBatch)
        }
        let network = try args.network(takesImages: true, hasClassScores: true)
        guard args.has("x") else { throw LabError("gram: give x, the image(s) to take the Gram matrix of", at: args.callLocation) }
        let (x, single) = try args.images("x", for: network)
        let layer = try args.layer(in: network, default: dreamLayer(network))
        let g = GramMatrix.compute(try args.run(at: "x") { try network.forward(x, through: layer) })
        return .tensor(single ? g.droppingBatch : g)
    }

    static let shufflePositions = Builtin(
        "shuffle_positions(x: tensor, seed = seed)",
        "the positions of C×H×W maps (or of each N×C×H×W image) shuffled by one random permutation shared by every channel"
    ) { args, context in
        let x = try args.tensor("x")
        guard x.rank == 3 || x.rank == 4 else {
            throw LabError("shuffle_positions: x must be C×H×W or N×C×H×W, got \(Tensor.describe(x.shape))", at: args.location("x"))
        }
        let seed = try args.seed(context)
        let positions = x.shape[x.rank - 1] * x.shape[x.rank - 2]
        var order = Array(0..<positions)
        let stream = RandomStream(seed: seed)
        for i in stride(from: positions - 1, to: 0, by: -1) {
            order.swapAt(i, Int(stream.value(at: UInt64(i)) % UInt64(i + 1)))
        }
        var out = x.scalars
        for plane in 0..<(positions == 0 ? 0 : x.count / positions) {
            for (to, from) in order.enumerated() { out[plane * positions + to] = x.scalars[plane * positions + from] }
        }
        return .tensor(Tensor(shape: x.shape, scalars: out))
    }

    // MARK: - Layers

    /// The layer DeepDream and the content loss read by default: the output
    /// of the last CONV layer, after its ReLU when one follows (a ReLU's
    /// output is what the next layer sees, and its norm cannot be raised by
    /// making responses more negative; as the content layer it lets the
    /// style loss fall further than the raw convolution does).
    static func dreamLayer(_ network: Network) -> Int {
        let layers = network.description.layers
        guard let conv = layers.lastIndex(where: { if case .conv = $0.kind { true } else { false } }) else {
            return network.scoreLayer
        }
        return conv + 1 < layers.count && layers[conv + 1].kind == .relu ? conv + 1 : conv
    }

    /// The CONV layers, first to last.
    static func convLayers(_ network: Network) -> [Int] {
        network.description.layers.indices.filter {
            if case .conv = network.description.layers[$0].kind { true } else { false }
        }
    }

    /// `style_layers=`: a list of layer names; by default every CONV layer,
    /// one Gram matrix at each depth as Gatys et al. take conv1_1 ...
    /// conv5_1. Before the ReLU, so the Gram matrix also sees the negative
    /// half of each response; on the lessons' network that lets the style
    /// loss fall hundreds of times where the rectified maps stall near 50×.
    static func layerList(_ args: Arguments, _ network: Network) throws -> [Int] {
        guard args.has("style_layers") else {
            let convs = convLayers(network)
            return convs.isEmpty ? [network.scoreLayer] : convs
        }
        let items = try args.list("style_layers")
        guard !items.isEmpty else { throw LabError("style_transfer: style_layers= names no layer", at: args.location("style_layers")) }
        return try items.map { item in
            guard case let .string(name) = item else { throw args.fail("style_layers", "a list of layer names") }
            return try args.layer(named: name, at: "style_layers", in: network)
        }
    }
}
