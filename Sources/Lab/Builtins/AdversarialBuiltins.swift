import Datasets
import NeuralNet
import Tensors
import Visualizations

/// Adversarial examples: the fast gradient sign method (with random sign
/// noise of the same size as the baseline it must beat) and the smallest
/// perturbation that changes the answer. Memoized by content.
enum AdversarialBuiltins {
    static let all: [Builtin] = [fgsm, minimalPerturbation]
    typealias A = OptimizationArguments

    static let fgsm = Builtin(
        "fgsm(net: model, x: tensor, labels, eps = 0.1, seed = seed)",
        "Goodfellow et al.'s fast gradient sign method, clip(x + eps·sign(∇ −log p(label)), 0, 1); eps a number "
            + "(.images, .accuracy, .noise_accuracy, ...) or a list (an accuracy curve)"
    , memo: .result) { args, context in
        let network = try args.network(takesImages: true, hasClassScores: true)
        let (x, single) = try args.images("x", for: network)
        let (labels, _) = try args.classes("labels", for: network, count: x.shape[0])
        let (eps, curve) = try epsilons(args)
        let seed = try args.seed(context)
        return .record(try args.run(at: "x") {
            let checkpoint = { try context.checkDeadline() }
            let direction = try FastGradientSign.direction(network, images: x, labels: labels, checkpoint: checkpoint)
            let noise = try FastGradientSign.randomSigns(shape: x.shape, seed: seed)
            func accuracy(_ images: Tensor) throws -> Float { Float(try network.evaluate(images: images, labels: labels).accuracy) }
            let clean = try accuracy(x)
            var fooled: [Float] = [], noisy: [Float] = [], linf: [Float] = []
            var last = x
            for e in eps {
                try checkpoint()
                last = FastGradientSign.perturb(x, direction: direction, eps: e)
                linf.append(zip(last.scalars, x.scalars).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) })
                // ε = 0 changes no pixel, so neither attack changes the accuracy.
                guard e > 0 else { fooled.append(clean); noisy.append(clean); continue }
                if curve { fooled.append(try accuracy(last)) }
                noisy.append(try accuracy(FastGradientSign.perturb(x, direction: noise, eps: e)))
            }
            if curve {
                return Record([("eps", .tensor(Tensor(eps))), ("accuracy", .tensor(Tensor(fooled))),
                               ("noise_accuracy", .tensor(Tensor(noisy))), ("linf", .tensor(Tensor(linf))),
                               ("clean_accuracy", .number(Double(clean)))])
            }
            let (p, predicted) = try A.predictions(network, last)
            let delta = Tensor(shape: x.shape, scalars: zip(last.scalars, x.scalars).map { $0 - $1 })
            return Record([
                Batch.imageField(last, single: single),
                ("perturbation", Batch.imageField(delta, single: single).value),
                ("predictions", Batch.perImage(predicted.map(Float.init), single: single)),
                ("probabilities", .tensor(single ? Tensor(shape: [p.count], scalars: p.scalars) : p)),
                ("accuracy", .number(Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count))),
                ("noise_accuracy", .number(Double(noisy[0]))),
                ("clean_accuracy", .number(Double(clean))),
                ("linf", .number(Double(linf[0]))),
            ])
        })
    }

    static let minimalPerturbation = Builtin(
        "minimal_perturbation(net: model, x: tensor, labels, target = none, iterations: int = 50, overshoot: number = 0.02)",
        "the smallest change (in L2, inside [0, 1]) that makes the network stop answering labels (or answer target=): "
            + "linearised steps to the decision boundary, then a bisection on the length; .images, .perturbation, .l2, ..."
    , memo: .result) { args, context in
        let network = try args.network(takesImages: true, hasClassScores: true)
        let (x, single) = try args.images("x", for: network)
        let (labels, _) = try args.classes("labels", for: network, count: x.shape[0])
        let targets = args.has("target") ? try args.classes("target", for: network, count: x.shape[0]).0 : nil
        let iterations = try args.int("iterations", min: 1, max: 10_000)
        let overshoot = try Float(args.finiteNumber("overshoot", .nonNegative))
        return .record(try args.run(at: "x") {
            let r = try MinimalPerturbation.find(network, images: x, labels: labels, targets: targets, iterations: iterations,
                                                 overshoot: overshoot, checkpoint: { try context.checkDeadline() })
            let n = x.shape[0], per = x.count / n
            var l2 = [Float](), linf = [Float](), relative = [Float]()
            for e in 0..<n {
                let d = r.perturbation.scalars[(e * per)..<((e + 1) * per)]
                let norm = d.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
                let size = x.scalars[(e * per)..<((e + 1) * per)].reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
                l2.append(norm)
                linf.append(d.reduce(Float(0)) { max($0, abs($1)) })
                relative.append(norm / max(size, .leastNormalMagnitude))
            }
            return Record([
                Batch.imageField(r.images, single: single),
                ("perturbation", Batch.imageField(r.perturbation, single: single).value),
                ("predictions", Batch.perImage(r.predictions.map(Float.init), single: single)),
                ("success", Batch.perImage(r.success.map { $0 ? 1 : 0 }, single: single)),
                ("l2", Batch.perImage(l2, single: single)),
                ("linf", Batch.perImage(linf, single: single)),
                ("relative", Batch.perImage(relative, single: single)),
                ("steps", Batch.perImage(r.steps.map(Float.init), single: single)),
            ])
        })
    }

    /// `eps=`: one size (0.1 by default) or a list of them (`curve`), each finite and ≥ 0.
    static func epsilons(_ args: Arguments) throws -> ([Float], curve: Bool) {
        let raw: [Double], curve: Bool
        if case let .number(e)? = args.value("eps") { (raw, curve) = ([e], false) }
        else if args.has("eps") {
            let list = (try? args.list("eps")) ?? []
            let numbers = list.compactMap { item -> Double? in if case let .number(x) = item { x } else { nil } }
            guard !list.isEmpty, numbers.count == list.count else {
                throw args.fail("eps", "a number, or a list of numbers for an accuracy curve")
            }
            (raw, curve) = (numbers, true)
        } else { (raw, curve) = ([0.1], false) }
        guard raw.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw LabError("fgsm: eps must be finite and at least 0", at: args.location("eps"))
        }
        // The largest Float not above the number written, so a lesson's
        // `max(abs(r.perturbation)) <= 0.05` holds in its 64-bit comparison too.
        return (raw.map { Double(Float($0)) <= $0 ? Float($0) : Float($0).nextDown }, curve)
    }
}
