import Datasets
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
        let (network, x, single) = try input(args)
        let classes = try classList(args, network, count: x.shape[0])
        let maps = try run(args) { () throws(NetworkError) in try Saliency.maps(network, images: x, classes: classes) }
        return .tensor(single ? dropBatch(maps) : maps)
    }

    static let guidedBackprop = Builtin("guided_backprop(net: model, x: tensor, class, signed: bool = false)",
                                        "guided backpropagation: the saliency map with every ReLU passing only positive gradient; "
                                        + "signed=true gives the signed C×H×W gradient") { args, _ in
        let (network, x, single) = try input(args)
        let classes = try classList(args, network, count: x.shape[0])
        let signed = try args.bool("signed")
        let result = try run(args) { () throws(NetworkError) in try GuidedBackprop.compute(network, images: x, classes: classes) }
        let chosen = signed ? result.gradient : result.map
        return .tensor(single ? dropBatch(chosen) : chosen)
    }

    static let deconv = Builtin("deconv(net: model, x: tensor, layer: string, unit: int, at = none)",
                                "Zeiler–Fergus deconvnet projection of one unit of a layer (its strongest activation, "
                                + "or the one at=[y, x]) down to the pixels, C×H×W") { args, _ in
        let (network, x, single) = try input(args)
        guard args.has("layer") else { throw LabError("deconv: give layer=, the layer whose unit to project", at: args.callLocation) }
        let layer = try InspectionBuiltins.layer(args, network, default: -1)
        guard layer >= 0 else {
            throw LabError("deconv: layer= must be one of the network's layers, not its input", at: args.location("layer"))
        }
        let name = network.description.layers[layer].name
        let shape = network.outputShape(ofLayer: layer)
        guard args.has("unit") else {
            throw LabError("deconv: give unit=, a unit of \(name) (0 to \(shape[0] - 1))", at: args.callLocation)
        }
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
        let projection = try run(args) { () throws(NetworkError) in
            try Deconvnet.project(network, images: x, layer: layer, unit: unit)
        }
        return .tensor(single ? dropBatch(projection.image) : projection.image)
    }

    static let occlusion = Builtin("occlusion(net: model, x: tensor, class, size: int = none, stride: int = 2, fill: number = 0.5, predicted: bool = false)",
                                   "map of p(class) for each position of a size×size square of fill (default 6, stride 2, 0.5); "
                                   + "predicted=true gives the most probable class instead", memo: .result) { args, context in
        let model = try args.model()
        let (network, x, single) = try input(args)
        let classes = try classList(args, network, count: x.shape[0])
        let side = min(x.shape[2], x.shape[3])
        let size = try args.int("size", default: min(6, side), min: 1, max: side)
        let stride = try args.int("stride", min: 1, max: side)
        let fill = try args.number("fill")
        guard fill.isFinite else { throw LabError("occlusion: fill= must be a finite number", at: args.location("fill")) }
        let predicted = try args.bool("predicted")
        let result = try {
            try run(args) { () throws(NetworkError) in
                try Occlusion.maps(network, images: x, classes: classes, size: size, stride: stride, fill: Float(fill))
            }
        }()
        let chosen = predicted ? result.predicted : result.probability
        return .tensor(single ? dropBatch(chosen) : chosen)
    }

    // MARK: - Arguments

    /// The network and `x` as a batch; `single` when x was one image.
    static func input(_ args: Arguments) throws -> (Network, Tensor, single: Bool) {
        let model = try args.model()
        let network = try model.network(at: args.location("net"))
        let shape = network.inputShape
        guard shape.count == 3 else {
            throw LabError("\(args.builtin): the network's input is a vector of \(shape[0]) values; "
                           + "\(args.builtin) explains images", at: args.location("net"))
        }
        let (x, single) = try args.images("x", for: network)
        return (network, x, single)
    }

    /// `class` as one class per image: a number (for every image) or one per image.
    static func classList(_ args: Arguments, _ network: Network, count: Int) throws -> [Int] {
        let layer = network.scoreLayer
        guard layer >= 0 else {
            throw LabError("\(args.builtin): the network is only a SOFTMAX; it has no class scores to explain",
                           at: args.location("net"))
        }
        let outputs = network.outputShape(ofLayer: layer).reduce(1, *)
        let raw: [Float]
        if case let .number(n)? = args.value("class") { raw = [Float(n)] } else {
            guard let t = try? args.tensor("class"), t.rank <= 1 else {
                throw args.fail("class", "a class number, or a list with one class number per image")
            }
            raw = t.scalars
        }
        guard raw.count == 1 || raw.count == count else {
            let message = count == 1 ? "x is one image, so class must be one class number; got \(raw.count) classes"
                : "there are \(count) images but \(raw.count) classes; give one class per image (or one number for all)"
            throw LabError("\(args.builtin): " + message, at: args.location("class"))
        }
        let classes = try raw.map { v in
            guard v == v.rounded(), v >= 0, v < Float(outputs) else {
                throw LabError("\(args.builtin): class \(ValueFormat.plain(Double(v))) does not exist; this network scores "
                               + "\(outputs) classes, numbered 0 to \(outputs - 1)", at: args.location("class"))
            }
            return Int(v)
        }
        return classes.count == count ? classes : Array(repeating: classes[0], count: count)
    }

    /// A method's result, with its errors reported at `x`: by the time a
    /// method runs, its classes, layer and unit have been checked here.
    static func run<T>(_ args: Arguments, _ body: () throws(NetworkError) -> T) throws -> T {
        do { return try body() } catch { throw LabError("\(args.builtin): \(error.message)", at: args.location("x")) }
    }

    static func dropBatch(_ t: Tensor) -> Tensor { Tensor(shape: Array(t.shape.dropFirst()), scalars: t.scalars) }

    // MARK: - The occlusion cache

    /// Both maps as a record, so the entry is checked like every other one.
    static func encode(_ r: Occlusion.Result) -> [UInt8] {
        RecordCodec.encode(Record([("probability", .tensor(r.probability)), ("predicted", .tensor(r.predicted))]))
    }

    /// The maps, or nil for anything but an intact entry holding two maps of one N×H×W shape.
    static func decode(_ bytes: [UInt8]) -> Occlusion.Result? {
        guard let record = RecordCodec.decode(bytes), record.names == ["probability", "predicted"],
              case let .tensor(probability)? = record["probability"], case let .tensor(predicted)? = record["predicted"],
              probability.rank == 3, predicted.shape == probability.shape else { return nil }
        return Occlusion.Result(probability: probability, predicted: predicted)
    }
}
