import Datasets
import NeuralNet
import Tensors

/// Sequence data and the measure of gradients through time, for the
/// recurrent-network lesson (LESSON-FORMAT 9.5).
enum SequenceBuiltins {
    static let all: [Builtin] = [sequenceTask, timeGradients]

    /// Symbols of the "first" task; every step is one of them, one-hot.
    static let symbols = 10
    static let maxSteps = 10_000
    static let maxCount = 1_000_000

    static let sequenceTask = Builtin(
        "sequence_task(kind: string, steps: int = 20, count: int = 1000, seed = seed)",
        "a dataset of (count, steps, F) sequences: \"first\" (F = 10: one-hot symbols, label = the first; chance 0.1) "
            + "or \"adding\" (F = 2: a value in [0, 1] and a marker; target = the sum of the 2 marked values)"
    ) { args, context in
        let kind = try args.string("kind")
        let steps = try args.int("steps"), count = try args.int("count")
        let seed = try args.seed(context)
        guard kind == "first" || kind == "adding" else {
            throw LabError("sequence_task: kind is \"first\" or \"adding\", not \"\(kind)\"", at: args.location("kind"))
        }
        let fewest = kind == "adding" ? 2 : 1
        guard steps >= fewest, steps <= maxSteps else {
            throw LabError("sequence_task: steps must be from \(fewest) to \(maxSteps) for \"\(kind)\", got \(steps)",
                           at: args.location("steps"))
        }
        guard count >= 1, count <= maxCount else {
            throw LabError("sequence_task: count must be from 1 to \(maxCount), got \(count)", at: args.location("count"))
        }
        let features = kind == "first" ? symbols : 2
        guard count * steps * features <= Tensor.maxElements else {
            throw LabError("sequence_task: \(count) sequences of \(steps) steps are too many values", at: args.location("count"))
        }
        let fingerprint = "sequence_task/\(kind)/\(steps)/\(count)/\(seed)"
        let data = kind == "first" ? first(steps: steps, count: count, seed: seed, fingerprint: fingerprint)
                                   : adding(steps: steps, count: count, seed: seed, fingerprint: fingerprint)
        return .object(DatasetValue(data))
    }

    /// Each step a symbol drawn uniformly, one-hot; the label is step 0's.
    /// Later steps are distractors from the same 10 symbols, so only a
    /// memory of the first step beats chance (0.1).
    static func first(steps: Int, count: Int, seed: UInt64, fingerprint: String) -> LabeledImages {
        let stream = RandomStream(seed: seed)
        var values = [Float](repeating: 0, count: count * steps * symbols)
        var labels = [Int](repeating: 0, count: count)
        for e in 0..<count {
            for s in 0..<steps {
                let symbol = Int(stream.value(at: UInt64(e * steps + s)) % UInt64(symbols))
                values[(e * steps + s) * symbols + symbol] = 1
                if s == 0 { labels[e] = symbol }
            }
        }
        return LabeledImages(images: Tensor(shape: [count, steps, symbols], scalars: values), labels: labels,
                             classes: (0..<symbols).map(String.init), fingerprint: fingerprint)
    }

    /// Hochreiter and Schmidhuber's adding problem: step values uniform in
    /// [0, 1), two distinct steps drawn uniformly and marked with 1; the
    /// target (N, 1) is the sum of the two marked values.
    static func adding(steps: Int, count: Int, seed: UInt64, fingerprint: String) -> LabeledImages {
        let stream = RandomStream(seed: seed)
        var values = [Float](repeating: 0, count: count * steps * 2)
        var targets = [Float](repeating: 0, count: count)
        // Counters: values at e·steps + s, the two marks past all of those.
        let marks = UInt64(count * steps)
        for e in 0..<count {
            for s in 0..<steps { values[(e * steps + s) * 2] = stream.uniform(at: UInt64(e * steps + s)) }
            let a = Int(stream.value(at: marks + 2 * UInt64(e)) % UInt64(steps))
            var b = Int(stream.value(at: marks + 2 * UInt64(e) + 1) % UInt64(steps - 1))
            if b >= a { b += 1 }
            for s in [a, b] {
                values[(e * steps + s) * 2 + 1] = 1
                targets[e] += values[(e * steps + s) * 2]
            }
        }
        return LabeledImages(images: Tensor(shape: [count, steps, 2], scalars: values),
                             targets: Tensor(shape: [count, 1], scalars: targets), fingerprint: fingerprint)
    }

    static let timeGradients = Builtin(
        "time_gradients(net: model, dataset: dataset, layer: string = none)",
        "mean over examples of ‖∂L/∂h_t‖ at each step t of a recurrent layer (the first by default): a vector of length T",
        memo: .result
    ) { args, _ in
        let model = try args.model()
        let data = try args.object("dataset", as: DatasetValue.self, "a dataset of sequences, e.g. sequence_task(\"first\")")
        let network = try model.network(at: args.location("net"))
        let name: String
        if args.has("layer") { name = try args.string("layer") } else {
            guard let first = network.description.layers.first(where: \.kind.isRecurrent) else {
                throw LabError("time_gradients: the network has no RNN or LSTM layer", at: args.location("net"))
            }
            name = first.name
        }
        do {
            let norms = try network.stepGradientNorms(images: data.images, labels: data.labels, targets: data.targets, layer: name)
            return .tensor(Tensor(norms.map { Float($0) }))
        } catch let error as NetworkError {
            throw LabError("time_gradients: \(error.message)", at: args.location(args.has("layer") ? "layer" : "dataset"))
        }
    }
}
