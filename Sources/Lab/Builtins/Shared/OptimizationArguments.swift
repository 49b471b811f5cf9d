import Foundation
import NeuralNet
import Tensors
import Visualizations

/// What the built-ins that optimize or attack an input share: reading the
/// network, the images and the classes; the optimizer's settings, checked
/// and spelt into cache keys; and results shaped for one image or a batch.
enum OptimizationArguments {
    /// The network, which must take images.
    static func network(_ args: Arguments) throws -> (ModelValue, Network) {
        let model = try args.model()
        let network = try model.network(at: args.location("net"))
        guard network.inputShape.count == 3 else {
            throw LabError("\(args.builtin): the network's input is a vector of \(network.inputCount) values; "
                           + "\(args.builtin) works on images", at: args.location("net"))
        }
        guard network.scoreLayer >= 0 else {
            throw LabError("\(args.builtin): the network is only a SOFTMAX; it has no class scores", at: args.location("net"))
        }
        return (model, network)
    }

    /// The most images one optimizing call takes: all of them go through the
    /// network together at every step, so memory grows with the batch.
    static let maxBatch = 256

    /// Argument `name` as a batch of images for `network`; `single` when it
    /// was one image. With `limit`, at most that many images.
    static func images(_ args: Arguments, _ name: String, _ network: Network, limit: Int? = nil) throws -> (Tensor, single: Bool) {
        let (x, single) = try args.images(name, for: network)
        if single { return (x, true) }
        if let limit, x.shape[0] > limit {
            throw LabError("\(args.builtin): \(name) holds \(x.shape[0]) images; one call optimizes at most \(limit) "
                           + "(they all run through the network at every step)", at: args.location(name))
        }
        guard x.scalars.allSatisfy(\.isFinite) else {
            throw LabError("\(args.builtin): \(name) has values that are not finite numbers", at: args.location(name))
        }
        return (x, false)
    }

    /// Class numbers from argument `name`: one number (`single`), or a list
    /// of them. With `count`, a single number is repeated for every image
    /// and a list must have one class per image.
    static func classes(_ args: Arguments, _ name: String, _ network: Network, count: Int? = nil) throws -> ([Int], single: Bool) {
        let outputs = network.outputShape(ofLayer: network.scoreLayer).reduce(1, *)
        let raw: [Float], single: Bool
        if case let .number(n)? = args.value(name) { (raw, single) = ([Float(n)], true) } else {
            guard let t = try? args.tensor(name), t.rank <= 1, t.count > 0 else {
                throw args.fail(name, "a class number, or a list of class numbers")
            }
            (raw, single) = (t.scalars, t.rank == 0)
        }
        if count == nil, raw.count > maxBatch {
            throw LabError("\(args.builtin): \(raw.count) classes make \(raw.count) images; one call optimizes at most \(maxBatch)",
                           at: args.location(name))
        }
        if let count, raw.count != 1, raw.count != count {
            throw LabError("\(args.builtin): there are \(count) images but \(raw.count) \(name); give one per image "
                           + "(or one number for all)", at: args.location(name))
        }
        let classes = try raw.map { v in
            guard v == v.rounded(), v >= 0, v < Float(outputs) else {
                throw LabError("\(args.builtin): class \(ValueFormat.plain(Double(v))) does not exist; this network scores "
                               + "\(outputs) classes, numbered 0 to \(outputs - 1)", at: args.location(name))
            }
            return Int(v)
        }
        if let count, classes.count == 1 { return (Array(repeating: classes[0], count: count), single) }
        return (classes, single)
    }

    /// A layer by name (`layer=`), which must be one of the network's layers.
    static func layer(_ args: Arguments, _ network: Network, _ name: String = "layer", default dflt: Int) throws -> Int {
        guard let text = try args.optionalString(name) else { return dflt }
        let index: Int
        do { index = try network.layerIndex(text) } catch { throw LabError("\(args.builtin): \(error.message)", at: args.location(name)) }
        guard index >= 0 else {
            throw LabError("\(args.builtin): \(name)= must be one of the network's layers, not its input", at: args.location(name))
        }
        return index
    }

    /// A finite number ≥ 0 (> 0 when `positive`).
    static func weight(_ args: Arguments, _ name: String, positive: Bool = false) throws -> Float {
        let x = try args.number(name)
        guard x.isFinite, positive ? x > 0 : x >= 0 else {
            throw LabError("\(args.builtin): '\(name)' must be a \(positive ? "positive" : "non-negative") number, got "
                           + ValueFormat.plain(x), at: args.location(name))
        }
        return Float(x)
    }

    /// The settings every gradient-descent built-in takes: steps=, lr=, seed=, and momentum= when it has one.
    static func optimizer(_ args: Arguments, _ context: CallContext, momentum: Bool = true) throws -> InputOptimizer {
        var o = InputOptimizer()
        o.steps = try args.int("steps", min: 1, max: 100_000)
        o.learningRate = try weight(args, "lr", positive: true)
        if momentum {
            o.momentum = try weight(args, "momentum")
            guard o.momentum < 1 else {
                throw LabError("\(args.builtin): 'momentum' must be below 1, got \(o.momentum)", at: args.location("momentum"))
            }
        }
        o.seed = try MathBuiltins.seedArgument(args, context)
        return o
    }

    /// Every setting of an optimizer, for cache keys. The seed only when
    /// something random uses it (`random`: the start is noise), so a run
    /// without jitter from a given image is shared whatever seed it drew.
    static func describe(_ o: InputOptimizer, random: Bool = false) -> String {
        let box = o.box.map { "\($0.lowerBound)...\($0.upperBound)" } ?? "free"
        return "steps=\(o.steps) lr=\(o.learningRate) final=\(o.finalLearningRate.map { "\($0)" } ?? "-") "
            + "momentum=\(o.momentum) norm=\(o.normalization) jitter=\(o.jitter) blur=\(o.blurSigma)/\(o.blurEvery) "
            + "box=\(box) l2=\(o.l2) tv=\(o.tvWeight)^\(o.totalVariation.beta) alpha=\(o.alphaWeight)^\(o.alphaNorm.alpha) "
            + "resolution=\(o.resolution) seed=\(random || o.jitter > 0 ? String(o.seed) : "-")"
    }

    /// Runs an engine call, reporting its errors at argument `name`.
    static func run<T>(_ args: Arguments, at name: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as NetworkError {
            throw LabError("\(args.builtin): \(error.message)", at: args.location(name))
        }
    }

    // MARK: - Results

    /// `.image` (C×H×W) for one image, `.images` (N×C×H×W) for a batch.
    static func imageField(_ t: Tensor, single: Bool) -> (name: String, value: Value) {
        single ? ("image", .tensor(Tensor(shape: Array(t.shape.dropFirst()), scalars: t.scalars))) : ("images", .tensor(t))
    }

    /// One number per image: a number for one image, a tensor for a batch.
    static func perImage(_ xs: [Float], single: Bool) -> Value {
        single && xs.count == 1 ? .number(Double(xs[0])) : .tensor(Tensor(xs))
    }

    /// A steps × N history with the final values appended: a curve of
    /// steps + 1 values (the start first, the result last) for one image,
    /// N × (steps + 1) for a batch, so `plot(arange(...), r.loss)` draws it.
    static func curve(_ history: Tensor, final: [Float], single: Bool) -> Value {
        let steps = history.shape[0], n = history.shape.count > 1 ? history.shape[1] : 1
        var out = [Float](repeating: 0, count: n * (steps + 1))
        for e in 0..<n {
            for s in 0..<steps { out[e * (steps + 1) + s] = history.scalars[s * n + e] }
            out[e * (steps + 1) + steps] = final[e]
        }
        return .tensor(single && n == 1 ? Tensor(out) : Tensor(shape: [n, steps + 1], scalars: out))
    }

    /// Each image's class probabilities (N × classes) and its most probable class.
    static func predictions(_ network: Network, _ x: Tensor) throws -> (probabilities: Tensor, classes: [Int]) {
        let scores = try network.forward(x, through: network.scoreLayer)
        let d = scores.count / max(x.shape[0], 1)
        var p = [Float](), best = [Int]()
        for e in 0..<x.shape[0] {
            let row = Array(scores.scalars[(e * d)..<((e + 1) * d)])
            let top = row.max() ?? 0
            let exps = row.map { Foundation.exp(Double($0 - top)) }
            let total = exps.reduce(0, +)
            p += exps.map { Float($0 / total) }
            best.append(row.firstIndex(of: top) ?? 0)
        }
        return (Tensor(shape: [x.shape[0], d], scalars: p), best)
    }
}
