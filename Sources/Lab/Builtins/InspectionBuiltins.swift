import Datasets
import NeuralNet
import Tensors

/// Looking inside a network: a layer's activations and features, its
/// weights, and copies with weights set by hand.
enum InspectionBuiltins {
    static let all: [Builtin] = [activations, features, weights, withWeights, randomize]

    static let activations = Builtin("activations(net: model, x: tensor, layer: string = none)",
                                     "a layer's output for one input (C×H×W or a vector) or a batch (N×...); the last layer by default") { args, _ in
        let network = try args.network()
        let index = try args.layer(in: network, default: network.layerCount - 1, allowInput: true)
        let x = try args.tensor("x")
        return .tensor(try args.run(at: "x") { try network.forward(x, through: index) })
    }

    static let features = Builtin("features(net: model, dataset: dataset, layer: string = none)",
                                  "N×D features of every image at a layer (flattened); by default the input of the last FC layer, the network's code") { args, _ in
        let network = try args.network()
        let data = try args.dataset()
        let index = try args.layer(in: network, default: network.codeLayer, allowInput: true)
        let out = try args.run(at: "dataset") { try network.forward(data.images, through: index) }
        let n = data.count
        return .tensor(Tensor(shape: [n, n == 0 ? 0 : out.count / n], scalars: out.scalars))
    }

    static let weights = Builtin("weights(net: model, layer: string)",
                                 "a layer's parameters: .w ((filters, channels, k, k) or (outputs, inputs)) and .b") { args, _ in
        let network = try args.network()
        let layer = try args.string("layer")
        let (w, b) = try args.run(at: "layer") { try network.weights(layer: layer) }
        return .record(Record([("w", .tensor(w)), ("b", .tensor(b))]))
    }

    static let withWeights = Builtin("with_weights(net: model, layer: string, w: tensor = none, b: tensor = none)",
                                     "a copy of the network with one layer's weights and/or biases replaced (shapes checked)", memo: .identity) { args, _ in
        let model = try args.model()
        let network = try args.network()
        let name = try args.string("layer")
        let w = args.has("w") ? try args.tensor("w") : nil
        let b = args.has("b") ? try args.tensor("b") : nil
        let edited = try args.run(at: w == nil ? "b" : "w") { try network.replacingWeights(layer: name, w: w, b: b) }
        // The evaluator names the copy by this call's key.
        return .object(ModelValue(network: edited, history: model.history, key: ""))
    }

    /// Adebayo et al.'s cascading randomization: a sanity check for an
    /// explanation is whether it changes when what the network learned is
    /// destroyed, from the top layer down.
    static let randomize = Builtin("randomize(net: model, down_to: string = none, seed = seed)",
                                   "a copy with every layer from the top down to down_to (all by default) re-drawn "
                                   + "from cnn's initial distribution", memo: .identity) { args, context in
        let model = try args.model()
        let network = try args.network()
        let lowest = try args.layer("down_to", in: network, default: 0)
        let seed = try args.seed(context)
        let fresh = Network(network.description, seed: seed)
        var values = network.parameters
        for index in lowest..<network.layerCount {
            let range = network.parameterRange(ofLayer: index)
            values.replaceSubrange(range, with: fresh.parameters[range])
        }
        let randomized = try args.run(at: nil) { try network.replacingParameters(values) }
        return .object(ModelValue(network: randomized, history: model.history, key: ""))
    }
}
