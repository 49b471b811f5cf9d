import NeuralNet
import Tensors
import Visualizations

/// `probe(net, train, test, layer=)`: the test accuracy of a linear
/// classifier trained on one layer's frozen features (Visualizations'
/// LinearProbe), for the depth lesson's layer-by-layer table.
enum ProbeBuiltins {
    static let all: [Builtin] = [probe]

    static let probe = Builtin("probe(net: model, train: dataset, test: dataset, layer = none, epochs: int = 3, batch: int = 128, lr: number = 0.001, seed = seed)",
                               "test accuracy of a linear softmax classifier trained on one layer's frozen features "
                               + "(pooled to at most 1,024 per image); layer=\"input\" for raw pixels, a list of layers "
                               + "for a tensor of accuracies from one pass", memo: .result) { args, context in
        let network = try args.network()
        let train = try args.dataset("train")
        let test = try args.dataset("test")
        let (layers, single) = try layerList(args, network)
        guard train.images.shape.dropFirst() == test.images.shape.dropFirst() else {
            throw LabError("probe: train and test images differ in shape: \(Tensor.describe(Array(train.images.shape.dropFirst()))) "
                           + "and \(Tensor.describe(Array(test.images.shape.dropFirst())))", at: args.location("test"))
        }
        var options = TrainingOptions()
        options.epochs = try args.int("epochs", min: 1, max: 1000)
        options.batch = try args.int("batch", min: 1)
        options.learningRate = try args.finiteNumber("lr", .positive)
        options.seed = try args.seed(context)
        let classes = (train.labels.max() ?? 0) + 1
        guard (test.labels.max() ?? 0) < classes else {
            throw LabError("probe: the test set has class \(test.labels.max() ?? 0), which the training set never shows",
                           at: args.location("test"))
        }
        let results = try args.run(at: "train") {
            try LinearProbe.fit(network, train: (train.images, train.labels), test: (test.images, test.labels),
                                layers: layers, classes: classes, options: options)
        }
        let accuracies = results.map { Float($0.accuracy) }
        guard accuracies.count == layers.count else { return .number(.nan) }
        return single ? .number(Double(accuracies[0])) : .tensor(Tensor(accuracies))
    }

    /// `layer=` as one name (a number back) or a list of names (a tensor back).
    static func layerList(_ args: Arguments, _ network: Network) throws -> (layers: [Int], single: Bool) {
        guard case let .list(items)? = args.value("layer") else {
            return ([try args.layer(in: network, default: network.codeLayer, allowInput: true)], true)
        }
        guard !items.isEmpty else { throw LabError("probe: layer= lists no layers", at: args.location("layer")) }
        var layers: [Int] = []
        for item in items {
            guard case let .string(name) = item else {
                throw LabError("probe: layer= must be a layer name or a list of names", at: args.location("layer"))
            }
            layers.append(try args.layer(named: name, at: "layer", in: network, allowInput: true))
        }
        return (layers, false)
    }
}
