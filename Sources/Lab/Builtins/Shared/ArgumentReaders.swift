import Datasets
import Embedding
import Figures
import NeuralNet
import Tensors

/// The arguments many built-ins share, each read in one place with one
/// wording for each error (naming the argument as `'x'`, like the typed
/// getters in Arguments.swift): the model and its network, datasets, images,
/// classes, layers, colormaps, finite numbers and the seed; and the compute
/// modules' errors, reported at the argument they concern.
extension Arguments {
    /// The model argument `name`, for built-ins that only need its description.
    func model(_ name: String = "net") throws -> ModelValue {
        try object(name, as: ModelValue.self, ParameterKind.model.noun)
    }

    /// The dataset argument `name` (made by fashion_mnist, dataset or take).
    func dataset(_ name: String = "dataset") throws -> DatasetValue {
        try object(name, as: DatasetValue.self, ParameterKind.dataset.noun)
    }

    /// The network of the model argument `name`, with its weights.
    /// `takesImages`: its input must be C×H×W; `hasClassScores`: it must
    /// have a layer of class scores (a network that is only a SOFTMAX has none).
    func network(_ name: String = "net", takesImages: Bool = false, hasClassScores: Bool = false) throws -> Network {
        let network = try model(name).network(at: location(name))
        if takesImages, network.inputShape.count != 3 {
            throw LabError("\(builtin): the network's input is a vector of \(network.inputCount) values; "
                           + "\(builtin) works on images", at: location(name))
        }
        if hasClassScores, network.scoreLayer < 0 {
            throw LabError("\(builtin): the network is only a SOFTMAX; it has no class scores", at: location(name))
        }
        return network
    }

    /// Argument `name` as a batch of the network's input images, every value
    /// finite: one image (C×H×W) becomes a batch of one (`single`), a batch
    /// (N×C×H×W) holds at least one image and, with `limit`, at most that many.
    func images(_ name: String, for network: Network, limit: Int? = nil) throws -> (Tensor, single: Bool) {
        let shape = network.inputShape
        let x = try tensor(name)
        let single = x.shape == shape
        guard single || x.rank == 4 && Array(x.shape.dropFirst()) == shape else {
            let dims = shape.map(String.init).joined(separator: ", ")
            throw LabError("\(builtin): '\(name)' must be one image (\(dims)) or a batch (N, \(dims)) for this network, "
                           + "got \(Tensor.describe(x.shape))", at: location(name))
        }
        if !single {
            guard x.shape[0] > 0 else { throw LabError("\(builtin): the batch '\(name)' holds no images", at: location(name)) }
            if let limit, x.shape[0] > limit {
                throw LabError("\(builtin): '\(name)' holds \(x.shape[0]) images; one call takes at most \(limit)",
                               at: location(name))
            }
        }
        guard x.scalars.allSatisfy(\.isFinite) else {
            throw LabError("\(builtin): '\(name)' has values that are not finite numbers", at: location(name))
        }
        return (single ? x.asBatch : x, single)
    }

    /// Class numbers of `network`'s scores from argument `name`: one number
    /// (`single`) or a list of them. With `count` (the number of images), a
    /// single number stands for every image and a list has one class per
    /// image; without it, every class makes an image, at most `limit`.
    func classes(_ name: String = "class", for network: Network, count: Int? = nil,
                 limit: Int? = nil) throws -> ([Int], single: Bool) {
        let outputs = network.outputShape(ofLayer: network.scoreLayer).reduce(1, *)
        let raw: [Float], single: Bool
        if case let .number(n)? = value(name) { (raw, single) = ([Float(n)], true) } else {
            guard let t = try? tensor(name), t.rank <= 1, t.count > 0 else {
                throw fail(name, "a class number, or a list of class numbers")
            }
            (raw, single) = (t.scalars, t.rank == 0)
        }
        if count == nil, let limit, raw.count > limit {
            throw LabError("\(builtin): \(raw.count) classes make \(raw.count) images; one call takes at most \(limit)",
                           at: location(name))
        }
        if let count, raw.count != 1, raw.count != count {
            let images = count == 1 ? "is 1 image" : "are \(count) images"
            throw LabError("\(builtin): there \(images) but \(raw.count) classes in '\(name)'; give one class per image "
                           + "(or one number for all)", at: location(name))
        }
        let classes = try raw.map { v in
            guard v == v.rounded(), v >= 0, v < Float(outputs) else {
                throw LabError("\(builtin): class \(ValueFormat.plain(Double(v))) does not exist; this network scores "
                               + "\(outputs) classes, numbered 0 to \(outputs - 1)", at: location(name))
            }
            return Int(v)
        }
        if let count, classes.count == 1 { return (Array(repeating: classes[0], count: count), single) }
        return (classes, single)
    }

    /// The layer argument `name` as an index into `network`, or `dflt` when
    /// the call leaves it out. The input (index -1) only with `allowInput`.
    func layer(_ name: String = "layer", in network: Network, default dflt: Int? = nil, allowInput: Bool = false) throws -> Int {
        guard let text = try optionalString(name) else {
            guard let dflt else { throw fail(name, "a layer name") }
            return dflt
        }
        return try layer(named: text, at: name, in: network, allowInput: allowInput)
    }

    /// The layer called `text`, given in argument `name` (alone or in a list).
    func layer(named text: String, at name: String, in network: Network, allowInput: Bool = false) throws -> Int {
        let index = try run(at: name) { try network.layerIndex(text) }
        guard allowInput || index >= 0 else {
            throw LabError("\(builtin): '\(name)' must name one of the network's layers, not its input", at: location(name))
        }
        return index
    }

    /// Which finite numbers `finiteNumber(_:_:)` accepts.
    enum Bound { case any, nonNegative, positive }

    /// Argument `name` as a finite number, at least 0 or above 0 when `bound` says so.
    func finiteNumber(_ name: String, _ bound: Bound = .any) throws -> Double {
        let x = try number(name)
        let (ok, what) = switch bound {
        case .any: (x.isFinite, "a finite number")
        case .nonNegative: (x.isFinite && x >= 0, "a non-negative number")
        case .positive: (x.isFinite && x > 0, "a positive number")
        }
        guard ok else { throw LabError("\(builtin): '\(name)' must be \(what), got \(ValueFormat.plain(x))", at: location(name)) }
        return x
    }

    /// `seed=` as given, or the seed drawn for this call when left out.
    func seed(_ context: CallContext) throws -> UInt64 {
        guard has("seed") else { return derivedSeeds["seed"] ?? context.derivedSeed() }
        return UInt64(try int("seed", min: 0))
    }

    /// `cmap=` (or argument `name`): one of the colormaps, by name.
    func colormap(_ name: String = "cmap") throws -> Colormap {
        let text = try string(name)
        guard let c = Colormap(rawValue: text) else {
            throw LabError("\(builtin): unknown colormap '\(text)'; choose one of "
                           + Colormap.allCases.map(\.rawValue).joined(separator: ", "), at: location(name))
        }
        return c
    }

    /// Runs a compute module's call, reporting its error (a network,
    /// description, embedding, figure or dataset error) at argument `name`,
    /// or at the call when nil. Any other error passes through as it is.
    func run<T>(at name: String?, _ body: () throws -> T) throws -> T {
        let at = name.map(location) ?? callLocation
        do { return try body() }
        catch let error as NetworkError { throw LabError("\(builtin): \(error.message)", at: at) }
        catch let error as DescriptionError { throw LabError("\(builtin): \(error.message)", at: at) }
        catch let error as EmbeddingError { throw LabError("\(builtin): \(error.message)", at: at) }
        catch let error as FigureError { throw LabError("\(builtin): \(error.message)", at: at) }
        catch let error as DatasetError { throw LabError("\(builtin): \(error.message)", at: at) }
    }
}
