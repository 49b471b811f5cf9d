import Datasets
import Figures
import NeuralNet
import Tensors
import Visualizations

/// `explorer(net, images, layers=)`: the Deep Visualization Toolbox
/// (Yosinski et al., 2015) on a page (format 1.1, section 9.6). Everything a
/// reader can ask for is computed here, at render time, by the compute the
/// other unit built-ins use (`UnitExplorer`: activations, `TopPatches`,
/// `Deconvnet`), and shipped as PNG sprite sheets; the page's script only
/// shows them.
enum ExplorerBuiltin {
    static let all: [Builtin] = [explorer]

    /// What one figure may hold: a page carries all of it.
    static let maxImages = 16
    static let maxLayers = 6
    static let maxUnits = 512

    static let explorer = Builtin("explorer(net: model, images, layers = none, top_from: dataset = none, labels = none, title: string = none, caption: string = none, alt: string = none, label: string = none)",
                                  "the Deep Visualization Toolbox on the page: pick one of the images (a dataset or an N×C×H×W tensor, "
                                  + "at most 16) and see every unit's activation in each of layers= (default: the CONV layers); pick a unit "
                                  + "and see its filter (first layer), its top 9 patches over the images (or over top_from=) and its "
                                  + "deconvnet projection on the picked image; labels= names the images (a dataset's classes by default)") { args, context in
        let model = try args.model()
        let network = try args.network(takesImages: true)
        let (images, given) = try pickable(args, network)
        let layers = try chosenLayers(args, network)
        let labels = try imageLabels(args, given, count: images.shape[0])
        let pool: DatasetValue? = args.has("top_from") ? try args.dataset("top_from") : given
        let poolImages = pool?.images ?? images
        if let pool {
            guard Array(pool.images.shape.dropFirst()) == network.inputShape else {
                throw LabError("explorer: the images of 'top_from' are \(Tensor.describe(Array(pool.images.shape.dropFirst()))); "
                               + "this network reads \(Tensor.describe(network.inputShape))", at: args.location("top_from"))
            }
            guard pool.count > 0 else { throw LabError("explorer: 'top_from' holds no images", at: args.location("top_from")) }
        }
        let checkpoint = { try context.checkDeadline() }
        let computed = try args.run(at: "images") {
            try UnitExplorer(network: network, images: images, layers: layers, pool: poolImages, maxima: { index in
                if let pool { return try UnitBuiltins.maxima(model, network, pool, index, context) }
                return try UnitMaxima(network: network, images: images, layer: index, checkpoint: checkpoint)
            }, checkpoint: checkpoint)
        }
        let count = poolImages.shape[0]
        let figure = try args.run(at: nil) {
            try ExplorerFigure(images: images, labels: labels, layers: computed.layers.map {
                ExplorerFigure.LayerData(name: $0.name, activations: $0.activations, patches: $0.patches,
                                         projections: $0.projections, filters: $0.filters)
            }, pool: ValueFormat.grouped(Double(count)) + (count == 1 ? " image" : " images"))
        }
        let names = computed.layers.map(\.name).joined(separator: ", ")
        return .object(FigureValue(content: .explorer(figure), title: try args.optionalString("title"),
                                   caption: try args.optionalString("caption"),
                                   alt: try FigureBuiltins.alt(args, else: "an explorer of \(names) on \(images.shape[0]) images"),
                                   label: try FigureBuiltins.label(args, "fig")))
    }

    /// `images` as a batch, and the dataset it came from if it is one.
    static func pickable(_ args: Arguments, _ network: Network) throws -> (Tensor, DatasetValue?) {
        let given: DatasetValue?
        let images: Tensor
        if case let .object(o as DatasetValue)? = args.value("images") {
            given = o
            guard Array(o.images.shape.dropFirst()) == network.inputShape, o.count > 0 else {
                throw LabError("explorer: the dataset's images are \(Tensor.describe(o.images.shape)); this network reads "
                               + "\(Tensor.describe(network.inputShape)) images", at: args.location("images"))
            }
            images = o.images
        } else {
            given = nil
            images = try args.images("images", for: network).0
        }
        guard images.shape[0] <= maxImages else {
            throw LabError("explorer: \(images.shape[0]) images is too many to pick from on a page; give at most \(maxImages) "
                           + "(take(dataset, \(maxImages)), or top_from= for the patches' pool)", at: args.location("images"))
        }
        return (images, given)
    }

    /// `layers=`: a name or a list of names; by default the CONV layers.
    static func chosenLayers(_ args: Arguments, _ network: Network) throws -> [Int] {
        var indices: [Int]
        if let v = args.value("layers") {
            let items: [Value]
            switch v {
            case .string: items = [v]
            case let .list(xs) where !xs.isEmpty: items = xs
            default: throw args.fail("layers", "a layer name or a list of them, such as [\"conv1\", \"conv2\"]")
            }
            indices = try items.map { item in
                guard case let .string(name) = item else { throw args.fail("layers", "a list of layer names") }
                return try args.layer(named: name, at: "layers", in: network)
            }
        } else {
            indices = network.description.layers.indices.filter {
                if case .conv = network.description.layers[$0].kind { true } else { false }
            }
            guard !indices.isEmpty else {
                throw LabError("explorer: this network has no CONV layer; name the layers to show with layers=", at: args.callLocation)
            }
        }
        guard indices.count <= maxLayers else {
            throw LabError("explorer: \(indices.count) layers is too many for one figure; give at most \(maxLayers)", at: args.location("layers"))
        }
        let units = indices.reduce(0) { $0 + network.outputShape(ofLayer: $1)[0] }
        guard units <= maxUnits else {
            throw LabError("explorer: the layers have \(units) units together; one figure shows at most \(maxUnits)",
                           at: args.location("layers"))
        }
        return indices
    }

    /// `labels=`, else a dataset's class names, else "image 1", "image 2", ...
    static func imageLabels(_ args: Arguments, _ given: DatasetValue?, count: Int) throws -> [String] {
        if args.has("labels") {
            let names = try args.list("labels").map(\.inlineText)
            guard names.count == count else {
                throw LabError("explorer: \(names.count) labels for \(count) images", at: args.location("labels"))
            }
            return names
        }
        if let given, !given.data.isRegression, given.labels.count == count {
            return given.labels.map { $0 >= 0 && $0 < given.classes.count ? given.classes[$0] : "class \($0)" }
        }
        return (1...count).map { "image \($0)" }
    }
}
