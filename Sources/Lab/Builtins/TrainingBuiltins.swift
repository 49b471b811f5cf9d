import Datasets
import Foundation
import NeuralNet
import Tensors

/// Training and running networks: `train`, `evaluate`, `predict`,
/// `gradcheck`. Training is memoized: the same network, data and settings
/// train once, in any lesson.
enum TrainingBuiltins {
    static let all: [Builtin] = [train, evaluate, predict, gradcheck]

    static let train = Builtin(
        "train(net: model, dataset: dataset, epochs: int = 1, batch: int = 128, lr: number = 0.001, optimizer: string = \"adam\", momentum: number = 0.9, weight_decay: number = 0, seed = seed, loss: string = \"cross_entropy\", validation: dataset = none)",
        "a trained copy of the network (Adam by default) with .history: per step .loss and .accuracy, per epoch "
        + ".epoch_loss and .epoch_accuracy (over the training data), and with validation= a labelled dataset "
        + ".validation_loss and .validation_accuracy, measured on it after each epoch; cached by content"
    , memo: .result) { args, context in
        let network = try args.network()
        let data = try args.dataset()
        var options = TrainingOptions()
        options.epochs = try args.int("epochs", min: 0, max: 10_000)
        options.batch = try args.int("batch", min: 1, max: 1 << 16)
        options.learningRate = try args.finiteNumber("lr", .positive)
        options.momentum = try args.number("momentum")
        options.weightDecay = try args.number("weight_decay")
        options.seed = try args.seed(context)
        let optimizer = try args.string("optimizer")
        guard let kind = OptimizerKind(rawValue: optimizer) else {
            throw LabError("train: optimizer must be \"adam\" or \"sgd\", got \"\(optimizer)\"", at: args.location("optimizer"))
        }
        options.optimizer = kind
        let lossName = try args.string("loss")
        guard let loss = Loss(rawValue: lossName) else {
            throw LabError("train: loss must be \"cross_entropy\" or \"mse\", got \"\(lossName)\"", at: args.location("loss"))
        }
        options.loss = loss
        if data.targets != nil, loss != .mse {
            throw LabError("train: this is a regression dataset (real-valued targets); train it with loss=\"mse\"",
                           at: args.location("dataset"))
        }
        let validation = args.has("validation")
            ? try args.dataset("validation") : nil
        if validation?.targets != nil {
            throw LabError("train: validation= takes a labelled dataset; for a regression dataset, evaluate(net, data) "
                           + "after training gives its loss", at: args.location("validation"))
        }
        let bar = ProgressBar(label: "\(context.session.file):\(context.location.line) train")
        let (trained, history) = try args.run(at: "dataset") {
            try network.trained(images: data.images, labels: data.labels, targets: data.targets, options: options,
                                validation: validation.map { ($0.images, $0.labels) }) { p in
                bar.update(p)
                try context.checkDeadline()
            }
        }
        // The evaluator names the model by this call's memo key.
        return .object(ModelValue(network: trained, history: history, key: ""))
    }

    static let evaluate = Builtin("evaluate(net: model, dataset: dataset)",
                                  "accuracy and mean loss on a dataset: .accuracy, .loss, .predictions, .confusion", memo: .result) { args, context in
        let network = try args.network()
        let data = try args.dataset()
        // Memoized like training: a lesson that compares several trained
        // networks on the test set would otherwise pay a full pass per
        // network on every render.
        if let targets = data.targets {
            // Regression: the mean squared error is all there is to report.
            let result = try args.run(at: "dataset") {
                try network.evaluate(images: data.images, labels: [], loss: .mse, targets: targets)
            }
            return .record(Record([("loss", .number(result.loss))]))
        }
        let result = try args.run(at: "dataset") { try network.evaluate(images: data.images, labels: data.labels) }
        let classes = network.outputCount
        var confusion = [Float](repeating: 0, count: classes * classes)
        for (label, predicted) in zip(data.labels, result.predictions) { confusion[label * classes + predicted] += 1 }
        return .record(Record([
            ("accuracy", .number(result.accuracy)), ("loss", .number(result.loss)),
            ("predictions", .tensor(Tensor(result.predictions.map(Float.init)))),
            ("confusion", .tensor(Tensor(shape: [classes, classes], scalars: confusion))),
        ]))
    }

    static let predict = Builtin("predict(net: model, x: tensor)",
                                 "the network's output (class probabilities after a SOFTMAX): a vector for one input, N×classes for a batch") { args, _ in
        let network = try args.network()
        let x = try args.tensor("x")
        return .tensor(try args.run(at: "x") { try network.forward(x) })
    }

    static let gradcheck = Builtin("gradcheck(net: model, x: tensor, label, samples: int = 200, seed = seed)",
                                   "largest relative error between back-propagated and finite-difference gradients") { args, context in
        let network = try args.network()
        var x = try args.tensor("x")
        if x.shape == network.inputShape { x = x.asBatch }
        let raw: [Double]
        if case let .number(n)? = args.value("label") { raw = [n] } else {
            raw = try args.tensor("label").scalars.map(Double.init)
        }
        // Int(_:) traps on NaN or 1e30, so a label is checked before it is converted.
        guard raw.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e9 }) else {
            throw LabError("gradcheck: 'label' must be class numbers (whole numbers from 0)", at: args.location("label"))
        }
        let labels = raw.map { Int($0) }
        let samples = try args.int("samples", min: 1, max: 100_000)
        let seed = try args.seed(context)
        let result = try args.run(at: "x") { try network.gradientCheck(images: x, labels: labels, samples: samples, seed: seed) }
        return .number(result.maxRelativeError)
    }
}
