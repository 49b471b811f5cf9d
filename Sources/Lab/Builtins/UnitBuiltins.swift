import Figures
import NeuralNet
import Tensors
import Visualizations

/// What single units and filters of a trained network respond to: the
/// filters as pictures and two numbers for them, units' dead share,
/// sparsity and redundancy over a dataset, and each unit's strongest inputs
/// cropped to its receptive field, with the classes among them.
enum UnitBuiltins {
    static let all: [Builtin] = [filters, filterStats, unitStats, topPatches, topClasses]

    /// `units=`: one filter number or a non-empty list of them, each below `count`.
    static func chosenUnits(_ args: Arguments, of layer: String, count: Int) throws -> [Int]? {
        guard let v = args.value("units") else { return nil }
        let expected = "a filter number or a list of them, such as [0, 3, 7]"
        guard let t = try? Coercion.tensor(v, at: nil), t.rank <= 1, t.count > 0 else { throw args.fail("units", expected) }
        return try t.scalars.map { u in
            guard u == u.rounded(), u >= 0, u < Float(count) else {
                throw LabError("filters: \(layer) has \(count) filter\(count == 1 ? "" : "s"), numbered 0 to \(count - 1); "
                               + "there is no filter \(ValueFormat.plain(Double(u))) in 'units'", at: args.location("units"))
            }
            return Int(u)
        }
    }

    /// The filters `units` of a (filters, channels, k, k) weight tensor, in that order.
    static func pick(_ units: [Int], from w: Tensor) -> Tensor {
        let size = w.count / max(w.shape[0], 1)
        var shape = w.shape
        shape[0] = units.count
        return Tensor(shape: shape, scalars: units.flatMap { w.scalars[($0 * size)..<(($0 + 1) * size)] })
    }

    static let filterStats = Builtin("filter_stats(net: model, layer: string = none)",
                                     "a convolution's filters in two numbers: .correlation (mean |r| between filters), .roughness (high-frequency energy share)") { args, _ in
        let network = try args.network()
        let name = try args.optionalString("layer") ?? firstConv(network, args)
        let stats = try args.run(at: "layer") { try FilterStats(network: network, layer: name) }
        return .record(Record([("correlation", .number(stats.correlation)), ("roughness", .number(stats.roughness)),
                               ("filters", .number(Double(stats.filters)))]))
    }

    static let unitStats = Builtin("unit_stats(net: model, dataset: dataset, layer: string = none)",
                                   "a layer's units over a dataset: .dead (share never active), .sparsity (share of values not active), .correlation (mean |r| between units)", memo: .result) { args, context in
        let network = try args.network()
        let data = try args.dataset()
        let index = try args.layer(in: network, default: network.codeLayer, allowInput: true)
        let stats = try args.run(at: "dataset") {
            try UnitStats(network: network, images: data.images, layer: index, checkpoint: { try context.checkDeadline() })
        }
        return .record(Record([("dead", .number(stats.dead)), ("sparsity", .number(stats.sparsity)),
                               ("correlation", .number(stats.correlation)), ("units", .number(Double(stats.units)))]))
    }

    static let topPatches = Builtin("top_patches(net: model, dataset: dataset, layer: string, unit: int, k: int = 9)",
                                    "the k images that excite a unit most, cropped to its receptive field where it fired: .patches, .indices, .values, .labels, .positions, .size", memo: .result) { args, context in
        let (model, data, network, index, unit, k) = try unitQuery(args, defaultK: 9)
        let layer = try args.string("layer")
        let field = try args.run(at: "layer") { try network.description.receptiveField(layer: layer) }
        let found = try args.run(at: "dataset") {
            try TopPatches(maxima: try maxima(model, network, data, index, context), images: data.images,
                           field: field, unit: unit, k: k)
        }
        func numbers(_ xs: [Float]) -> Value { .tensor(Tensor(xs)) }
        let places = found.hits.flatMap { [Float($0.row), Float($0.column)] }
        return .record(Record([
            ("patches", .tensor(found.patches)),
            ("indices", numbers(found.hits.map { Float($0.image) })),
            ("values", numbers(found.hits.map(\.value))),
            ("labels", numbers(found.hits.map { Float(data.labels[$0.image]) })),
            ("positions", .tensor(Tensor(shape: [found.hits.count, 2], scalars: places))),
            ("size", .number(Double(field.size))),
        ]))
    }

    static let topClasses = Builtin("top_classes(net: model, dataset: dataset, layer: string, unit: int, k: int = 100)",
                                    "how many of a unit's k strongest images (100 by default) fall in each class: a tensor of counts, one a class", memo: .result) { args, context in
        let (model, data, network, index, unit, k) = try unitQuery(args, defaultK: 100)
        let counts = try args.run(at: "dataset") {
            try maxima(model, network, data, index, context)
                .classCounts(unit: unit, labels: data.labels, classes: data.classes.count, k: k)
        }
        return .tensor(Tensor(counts.map(Float.init)))
    }

    // MARK: - Arguments

    /// The arguments `top_patches` and `top_classes` share, checked before
    /// anything runs: a unit that does not exist fails at once, not after a
    /// pass over 10,000 images.
    static func unitQuery(_ args: Arguments, defaultK: Int) throws
        -> (ModelValue, DatasetValue, Network, Int, Int, Int) {
        let model = try args.model()
        let data = try args.dataset()
        let network = try args.network()
        let index = try args.layer(in: network, allowInput: true)
        let units = network.outputShape(ofLayer: index)[0]
        let unit = try args.int("unit", min: 0)
        guard unit < units else {
            let name = try args.string("layer")
            throw LabError("\(args.builtin): \(name) has \(units) unit\(units == 1 ? "" : "s"), numbered 0 to \(units - 1); there is no unit \(unit)",
                           at: args.location("unit"))
        }
        let k = min(try args.int("k", min: 1, max: 100_000), data.count)
        return (model, data, network, index, unit, k)
    }

    /// One tile a filter of w (filters, channels, h, w): its colour image
    /// (`rgb`), one input channel, or the mean over channels, scaled from
    /// −m to m where m is the filter's largest |w|, so 0 is the colormap's
    /// middle and every filter uses the whole range whatever its size.
    static func filterTiles(_ w: Tensor, channel: Int?, rgb: Bool, cmap: Colormap) throws(FigureError) -> [Bitmap] {
        let (f, c, h, wd) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
        let area = h * wd
        var tiles: [Bitmap] = []
        for i in 0..<f {
            let filter = Array(w.scalars[(i * c * area)..<((i + 1) * c * area)])
            let values: [Float]
            if rgb || c == 1 { values = filter }
            else if let channel { values = Array(filter[(channel * area)..<((channel + 1) * area)]) }
            else { values = (0..<area).map { p in (0..<c).reduce(Float(0)) { $0 + filter[$1 * area + p] } / Float(c) } }
            let largest = values.reduce(Float(0)) { max($0, abs($1)) }
            let range: ClosedRange<Float>? = largest.isFinite ? (largest > 0 ? -largest...largest : -1...1) : nil
            tiles.append(try ImageRenderer.bitmap(values: values, channels: rgb ? 3 : 1, height: h, width: wd,
                                                  cmap: cmap, range: range))
        }
        return tiles
    }

    /// The first layer with weights that is a convolution, for `layer=` left out.
    static func firstConv(_ network: Network, _ args: Arguments) throws -> String {
        guard let conv = network.description.layers.first(where: { if case .conv = $0.kind { true } else { false } }) else {
            throw LabError("\(args.builtin): this network has no CONV layer; name a layer with layer=", at: args.location("net"))
        }
        return conv.name
    }

    /// A layer's filters as (filters, channels, height, width): a
    /// convolution's weights, or an FC layer's rows shaped as the image it
    /// reads (a linear classifier's templates).
    static func filterWeights(_ args: Arguments, _ network: Network) throws -> (String, Tensor) {
        let name = try args.optionalString("layer") ?? firstConv(network, args)
        return try args.run(at: "layer") {
            let index = try network.layerIndex(name)
            guard index >= 0 else { throw NetworkError("the input has no filters") }
            let spec = network.description.layers[index], input = network.outputShape(ofLayer: index - 1)
            switch spec.kind {
            case .conv:
                return (spec.name, try network.weights(layer: name).w)
            case .fc where input.count == 3:
                let w = try network.weights(layer: name).w
                return (spec.name, Tensor(shape: [w.shape[0]] + input, scalars: w.scalars))
            default:
                throw NetworkError("\(spec.name) has no filters to show; name a CONV layer, or an FC layer that reads an image")
            }
        }
    }

    // MARK: - Maxima, once a layer

    /// Every unit's maxima over a dataset for one layer, computed once per
    /// process: the lesson that shows the top patches of eight units of
    /// conv2 runs the network through conv2 once, not eight times.
    static func maxima(_ model: ModelValue, _ network: Network, _ data: DatasetValue, _ layer: Int,
                       _ context: CallContext) throws -> UnitMaxima {
        try UnitMaximaMemo.shared.value("\(model.key)\n\(data.fingerprint)\n\(layer)") {
            try UnitMaxima(network: network, images: data.images, layer: layer, checkpoint: { try context.checkDeadline() })
        }
    }
}
