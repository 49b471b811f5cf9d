import Datasets
import NeuralNet
import Tensors

/// Looking inside a network: a layer's activations and features, its
/// weights, and copies with weights set by hand.
enum InspectionBuiltins {
    static let all: [Builtin] = [activations, features, weights, withWeights, randomize]

    static let activations = Builtin("activations(net: model, x: tensor, layer: string = none)",
                                     "a layer's output for one input (C×H×W or a vector) or a batch (N×...); the last layer by default") { args, _ in
        let model = try args.model()
        let network = try model.network(at: args.location("net"))
        let index = try layer(args, network, default: network.layerCount - 1)
        do { return .tensor(try network.forward(try args.tensor("x"), through: index)) } catch let e as NetworkError {
            throw LabError("activations: \(e.message)", at: args.location("x"))
        }
    }

    static let features = Builtin("features(net: model, dataset: dataset, layer: string = none)",
                                  "N×D features of every image at a layer (flattened); by default the input of the last FC layer, the network's code") { args, _ in
        let model = try args.model()
        let data = try args.object("dataset", as: DatasetValue.self, "a dataset")
        let network = try model.network(at: args.location("net"))
        let index = try layer(args, network, default: network.codeLayer)
        do {
            let out = try network.forward(data.images, through: index)
            let n = data.count
            return .tensor(Tensor(shape: [n, n == 0 ? 0 : out.count / n], scalars: out.scalars))
        } catch let e as NetworkError {
            throw LabError("features: \(e.message)", at: args.location("dataset"))
        }
    }

    static let weights = Builtin("weights(net: model, layer: string)",
                                 "a layer's parameters: .w ((filters, channels, k, k) or (outputs, inputs)) and .b") { args, _ in
        let model = try args.model()
        let network = try model.network(at: args.location("net"))
        do {
            let (w, b) = try network.weights(layer: try args.string("layer"))
            return .record(Record([("w", .tensor(w)), ("b", .tensor(b))]))
        } catch let e as NetworkError {
            throw LabError("weights: \(e.message)", at: args.location("layer"))
        }
    }

    static let withWeights = Builtin("with_weights(net: model, layer: string, w: tensor = none, b: tensor = none)",
                                     "a copy of the network with one layer's weights and/or biases replaced (shapes checked)", memo: .identity) { args, _ in
        let model = try args.model()
        let network = try model.network(at: args.location("net"))
        let name = try args.string("layer")
        let w = args.has("w") ? try args.tensor("w") : nil
        let b = args.has("b") ? try args.tensor("b") : nil
        do {
            let edited = try network.replacingWeights(layer: name, w: w, b: b)
            // The evaluator names the copy by this call's key.
            return .object(ModelValue(network: edited, history: model.history, key: ""))
        } catch let e as NetworkError {
            throw LabError("with_weights: \(e.message)", at: args.location(w == nil ? "b" : "w"))
        }
    }

    /// Adebayo et al.'s cascading randomization: a sanity check for an
    /// explanation is whether it changes when what the network learned is
    /// destroyed, from the top layer down.
    static let randomize = Builtin("randomize(net: model, down_to: string = none, seed = seed)",
                                   "a copy with every layer from the top down to down_to (all by default) re-drawn "
                                   + "from cnn's initial distribution", memo: .identity) { args, context in
        let model = try args.model()
        let network = try model.network(at: args.location("net"))
        let lowest = try layer(args, network, default: 0, named: "down_to")
        guard lowest >= 0 else {
            throw LabError("randomize: down_to= must be one of the network's layers, not its input", at: args.location("down_to"))
        }
        let seed = try MathBuiltins.seedArgument(args, context)
        let fresh = Network(network.description, seed: seed)
        var values = network.parameters
        for index in lowest..<network.layerCount {
            let range = network.parameterRange(ofLayer: index)
            values.replaceSubrange(range, with: fresh.parameters[range])
        }
        do {
            let name = network.description.layers[lowest].name
            return .object(ModelValue(network: try network.replacingParameters(values), history: model.history, key: ""))
        } catch let e as NetworkError {
            throw LabError("randomize: \(e.message)", at: args.callLocation)
        }
    }

    /// The `layer=` argument as an index (`input` is -1).
    static func layer(_ args: Arguments, _ network: Network, default dflt: Int, named argument: String = "layer") throws -> Int {
        guard let name = try args.optionalString(argument) else { return dflt }
        do { return try network.layerIndex(name) } catch {
            throw LabError(error.message, at: args.location(argument))
        }
    }
}
