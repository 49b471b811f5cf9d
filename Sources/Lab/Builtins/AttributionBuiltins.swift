import NeuralNet
import Tensors
import Visualizations

/// Which pixels a decision rests on: saliency, guided backprop, the
/// deconvnet, occlusion (and `heatmap`, in HeatmapBuiltin.swift, to show
/// them). Each takes one image (C×H×W) or a batch (N×C×H×W) and answers in
/// the same form: a map for one image, a stack of maps for a batch.
enum AttributionBuiltins {
    static let all: [Builtin] = [saliency, guidedBackprop, deconv, occlusion, HeatmapBuiltin.heatmap]

    static let saliency = Builtin("saliency(net: model, x: tensor, class)",
                                  "H×W map of max over channels of |∂S_c/∂x| (S_c the class score before the softmax); "
                                  + "N×H×W for a batch with a class per image") { args, _ in
        let network = try args.network(takesImages: true, hasClassScores: true)
        let (x, single) = try args.images("x", for: network)
        let (classes, _) = try args.classes(for: network, count: x.shape[0])
        let maps = try args.run(at: "x") { try Saliency.maps(network, images: x, classes: classes) }
        return .tensor(single ? maps.droppingBatch : maps)
    }

    static let guidedBackprop = Builtin("guided_backprop(net: model, x: tensor, class, signed: bool = false)",
                                        "guided backpropagation: the saliency map with every ReLU passing only positive gradient; "
                                        + "signed=true gives the signed C×H×W gradient") { args, _ in
        let network = try args.network(takesImages: true, hasClassScores: true)
        let (x, single) = try args.images("x", for: network)
        let (classes, _) = try args.classes(for: network, count: x.shape[0])
        let signed = try args.bool("signed")
        let result = try args.run(at: "x") { try GuidedBackprop.compute(network, images: x, classes: classes) }
        let chosen = signed ? result.gradient : result.map
        return .tensor(single ? chosen.droppingBatch : chosen)
    }

    static let deconv = Builtin("deconv(net: model, x: tensor, layer: string, unit: int, at = none)",
                                "Zeiler–Fergus deconvnet projection of one unit of a layer (its strongest activation, "
                                + "or the one at=[y, x]) down to the pixels, C×H×W") { args, _ in
        let network = try args.network(takesImages: true)
        let (x, single) = try args.images("x", for: network)
        let layer = try args.layer(in: network)
        let name = network.description.layers[layer].name
        let shape = network.outputShape(ofLayer: layer)
        let channel = try args.int("unit")
        guard (0..<shape[0]).contains(channel) else {
            let what = shape.count == 3 ? "feature maps" : "outputs"
            throw LabError("deconv: \(name) has no unit \(channel); its \(shape[0]) \(what) are numbered 0 to \(shape[0] - 1)",
                           at: args.location("unit"))
        }
        var unit = Deconvnet.Unit.strongest(channel: channel)
        if args.has("at") {
            guard shape.count == 3 else {
                throw LabError("deconv: \(name) gives a vector, so its units have no position; leave out at=",
                               at: args.location("at"))
            }
            let at = try args.shape("at")
            guard at.count == 2, at[0] < shape[1], at[1] < shape[2] else {
                throw LabError("deconv: at= must be a position [y, x] inside \(name)'s \(shape[1])×\(shape[2]) feature maps, "
                               + "got \(at)", at: args.location("at"))
            }
            unit = .at(channel: channel, y: at[0], x: at[1])
        }
        let projection = try args.run(at: "x") { try Deconvnet.project(network, images: x, layer: layer, unit: unit) }
        return .tensor(single ? projection.image.droppingBatch : projection.image)
    }

    static let occlusion = Builtin("occlusion(net: model, x: tensor, class, size: int = none, stride: int = 2, fill: number = 0.5, predicted: bool = false)",
                                   "map of p(class) for each position of a size×size square of fill (default 6, stride 2, 0.5); "
                                   + "predicted=true gives the most probable class instead", memo: .result) { args, _ in
        let network = try args.network(takesImages: true, hasClassScores: true)
        let (x, single) = try args.images("x", for: network)
        let (classes, _) = try args.classes(for: network, count: x.shape[0])
        let side = min(x.shape[2], x.shape[3])
        let size = try args.int("size", default: min(6, side), min: 1, max: side)
        let stride = try args.int("stride", min: 1, max: side)
        let fill = try args.finiteNumber("fill")
        let predicted = try args.bool("predicted")
        let result = try args.run(at: "x") {
            try Occlusion.maps(network, images: x, classes: classes, size: size, stride: stride, fill: Float(fill))
        }
        let chosen = predicted ? result.predicted : result.probability
        return .tensor(single ? chosen.droppingBatch : chosen)
    }
}
