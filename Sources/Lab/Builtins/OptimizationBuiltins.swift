import Datasets
import NeuralNet
import Tensors
import Visualizations

/// Built-ins that optimize the input (issue 6): class models, inversion and
/// fooling images here; DeepDream, neural style and the Gram matrix in
/// OptimizationArtBuiltins.swift; adversarial examples in
/// AdversarialBuiltins.swift. All run on one engine
/// (`Visualizations.InputOptimizer`) and are memoized by content: the
/// model, the images' bytes, every setting, and the seed where it is used.
enum OptimizationBuiltins {
    static let all: [Builtin] = [classModel, invert, fool] + OptimizationArtBuiltins.all + AdversarialBuiltins.all
    typealias A = OptimizationArguments

    static let classModel = Builtin(
        "class_model(net: model, class, steps: int = 200, lr: number = 0.02, l2: number = 0.1, blur: number = 0.6, blur_every: int = 4, jitter: int = 2, tv: number = 0, momentum: number = 0.9, seed = seed)",
        "Simonyan et al.'s class model: the image maximizing the class score S_c − l2·‖x‖², by jittered, blurred, "
            + "normalised gradient steps from a black image; class may be a list (a stack of images)"
    , memo: .result) { args, context in
        let network = try args.network(takesImages: true, hasClassScores: true)
        let (classes, single) = try args.classes(for: network, limit: A.maxBatch)
        let side = min(network.inputShape[1], network.inputShape[2])
        var o = try A.optimizer(args, context)
        o.finalLearningRate = o.learningRate / 10
        o.l2 = try Float(args.finiteNumber("l2", .nonNegative))
        o.blurSigma = try Float(args.finiteNumber("blur", .nonNegative))
        o.blurEvery = try args.int("blur_every", min: 1, max: 100_000)
        o.jitter = try args.int("jitter", min: 0, max: max(0, side / 2))
        o.tvWeight = try Float(args.finiteNumber("tv", .nonNegative))
        return .record(try args.run(at: "class") {
            let start = try Tensor(zeros: [classes.count] + network.inputShape)
            let objective = try ClassObjective(network, quantity: .score, classes: classes)
            let result = try o.run(network, from: start, objective: objective, checkpoint: { try context.checkDeadline() })
            let (p, predicted) = try A.predictions(network, result.images)
            let n = classes.count, d = p.count / n
            return Record([
                Batch.imageField(result.images, single: single),
                ("score", Batch.perImage(result.final.loss.map { -$0 }, single: single)),
                ("probability", Batch.perImage((0..<n).map { p.scalars[$0 * d + classes[$0]] }, single: single)),
                ("predictions", Batch.perImage(predicted.map(Float.init), single: single)),
                ("loss", Batch.curve(result.loss, final: result.finalLoss, single: single)),
            ])
        })
    }

    static let invert = Builtin(
        "invert(net: model, x: tensor, layer: string = none, steps: int = 500, lr: number = 0.05, tv: number = 0.0001, beta: number = 2, alpha: number = 0, alpha_power: number = 6, momentum: number = 0.9, seed = seed)",
        "Mahendran and Vedaldi's inversion: an image whose code at layer matches x's, from noise, minimizing "
            + "‖Φ(x̂)−Φ(x)‖²/‖Φ(x)‖² + tv·TV_β(x̂) + alpha·‖x̂‖^alpha_power"
    , memo: .result) { args, context in
        let network = try args.network(takesImages: true, hasClassScores: true)
        let (x, single) = try args.images("x", for: network, limit: A.maxBatch)
        let layer = try args.layer(in: network, default: network.codeLayer)
        var o = try A.optimizer(args, context)
        o.finalLearningRate = o.learningRate / 20
        o.tvWeight = try Float(args.finiteNumber("tv", .nonNegative))
        o.totalVariation = TotalVariation(beta: try Float(args.finiteNumber("beta", .positive)))
        o.alphaWeight = try Float(args.finiteNumber("alpha", .nonNegative))
        o.alphaNorm = AlphaNorm(alpha: try Float(args.finiteNumber("alpha_power", .positive)))
        return .record(try args.run(at: "x") {
            let target = try network.forward(x, through: layer)
            let start = try Tensor.uniform(shape: x.shape, seed: RandomStream.seed(combining: o.seed, 1))
            let objective = FeatureReconstruction(layer: layer, target: target)
            let result = try o.run(network, from: start, objective: objective, checkpoint: { try context.checkDeadline() })
            let n = x.shape[0], per = x.count / n
            let distance = (0..<n).map { e -> Float in
                var d: Float = 0, norm: Float = 0
                for i in (e * per)..<((e + 1) * per) {
                    let diff = result.images.scalars[i] - x.scalars[i]
                    d += diff * diff
                    norm += x.scalars[i] * x.scalars[i]
                }
                return (d / max(norm, .leastNormalMagnitude)).squareRoot()
            }
            return Record([
                Batch.imageField(result.images, single: single),
                ("error", Batch.perImage(result.final.loss.map { $0.squareRoot() }, single: single)),
                ("distance", Batch.perImage(distance, single: single)),
                ("loss", Batch.curve(result.loss, final: result.finalLoss, single: single)),
            ])
        })
    }

    static let fool = Builtin(
        "fool(net: model, class, steps: int = 100, lr: number = 0.01, momentum: number = 0.9, seed = seed)",
        "Nguyen et al.'s fooling image: from uniform noise, gradient steps on log p(class) until the network is sure "
            + "of a class the image does not show; class may be a list"
    , memo: .result) { args, context in
        let network = try args.network(takesImages: true, hasClassScores: true)
        let (classes, single) = try args.classes(for: network, limit: A.maxBatch)
        var o = try A.optimizer(args, context)
        return .record(try args.run(at: "class") {
            let start = try Tensor.uniform(shape: [classes.count] + network.inputShape,
                                           seed: RandomStream.seed(combining: o.seed, 1))
            let objective = try ClassObjective(network, quantity: .logProbability, classes: classes)
            let result = try o.run(network, from: start, objective: objective, checkpoint: { try context.checkDeadline() })
            let (p, predicted) = try A.predictions(network, result.images)
            let n = classes.count, d = p.count / n
            return Record([
                Batch.imageField(result.images, single: single),
                ("probability", Batch.perImage((0..<n).map { p.scalars[$0 * d + classes[$0]] }, single: single)),
                ("predictions", Batch.perImage(predicted.map(Float.init), single: single)),
                ("loss", Batch.curve(result.loss, final: result.finalLoss, single: single)),
            ])
        })
    }
}
