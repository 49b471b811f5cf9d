import Foundation
import Testing
@testable import Lab
import NeuralNet
import Tensors

/// The network built-ins (LESSON-FORMAT.md section 6, Models): `cnn`,
/// `train`, `evaluate`, `predict`, `gradcheck`, `activations`, `features`,
/// `weights`, `with_weights`, and `format` for their labels.
///
/// Everything runs on one tiny network and a 36-image toy set in which the
/// class says where a bright patch sits (top left, top right, bottom half).
@Suite struct ModelBuiltinTests {
    static let tiny = "INPUT 4x4x1 -> CONV3-2 -> RELU -> POOL2 -> FC-3 -> SOFTMAX"

    static let setup = """
        labels = arange(36) % 3
        onehot = reshape(labels, [36, 1]) == arange(3)
        patterns = [[1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                    [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
                    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]]
        ds = dataset(reshape(onehot @ patterns + 0.3 * randn([36, 16], seed=5), [36, 1, 4, 4]), labels)
        net = cnn("\(tiny)", seed=1)
        """

    /// A session with the toy set and `net` bound, and optionally a cache.
    static func session(cache: BuiltinCache? = nil) -> Session {
        let s = Harness.session()
        s.cache = cache
        let r = Harness.run(setup, in: s, id: "setup")
        #expect(r.status == .ok, "setup failed: \(r.diagnostics)")
        return s
    }

    /// Runs `source` in `s`, expecting it to succeed.
    static func run(_ source: String, in s: Session) {
        let r = Harness.run(source, in: s, id: "run")
        #expect(r.status == .ok, "\(source): \(r.diagnostics.map(\.message))")
    }

    /// The value of `expr` in `s` (nil on an error).
    static func value(_ expr: String, in s: Session) -> Value? {
        let r = Harness.run("value_ = " + expr, in: s, id: "value")
        #expect(r.status == .ok, "\(expr): \(r.diagnostics.map(\.message))")
        return r.status == .ok ? s.value(of: "value_") : nil
    }

    static func tensor(_ expr: String, in s: Session) -> Tensor? { value(expr, in: s)?.tensor }

    /// The error of one statement run after the setup.
    static func error(_ statement: String) -> Diagnostic? { Harness.error(statement, setup: setup) }

    /// Column (1-based) of `needle`'s first occurrence in a one-line statement.
    static func column(of needle: String, in line: String) -> Int {
        guard let range = line.range(of: needle) else { return 0 }
        return line.distance(from: line.startIndex, to: range.lowerBound) + 1
    }

    // MARK: - train

    @Test func trainReturnsAModelWithItsHistory() throws {
        let s = Self.session()
        Self.run("m = train(net, ds, epochs=5, batch=8, lr=0.05, seed=3)", in: s)
        // ceil(36 / 8) = 5 steps an epoch, the last one the short remainder of 4.
        #expect(Self.tensor("m.history.loss", in: s)?.shape == [25])
        #expect(Self.tensor("m.history.accuracy", in: s)?.shape == [25])
        #expect(Self.tensor("m.history.epoch_loss", in: s)?.shape == [5])
        #expect(Self.tensor("m.history.epoch_accuracy", in: s)?.shape == [5])
        #expect(Self.value("m.history.steps", in: s)?.number == 25)
        #expect(Self.value("m.history.epochs", in: s)?.number == 5)
        #expect(Self.tensor("m.history.validation_loss", in: s)?.shape == [0])
        let accuracy = try #require(Self.tensor("m.history.accuracy", in: s)?.scalars)
        #expect(accuracy.allSatisfy { $0 >= 0 && $0 <= 1 })
        // An untrained model has no history.
        #expect(Self.value("net.history == none", in: s)?.bool == true)
        #expect(Self.value("m.description", in: s)?.string == Self.tiny)

        for (epochs, batch, steps) in [(2, 10, 8), (1, 36, 1), (3, 100, 3), (0, 8, 0)] {
            let call = "train(net, ds, epochs=\(epochs), batch=\(batch), seed=3).history"
            #expect(Self.value(call + ".steps", in: s)?.number == Double(steps), "\(call)")
            #expect(Self.tensor(call + ".loss", in: s)?.count == steps, "\(call)")
            #expect(Self.tensor(call + ".epoch_loss", in: s)?.count == epochs, "\(call)")
        }
    }

    @Test func validationIsMeasuredAfterEachEpoch() throws {
        let s = Self.session()
        Self.run("held = dataset(ds.images[0:12], ds.labels[0:12])", in: s)
        Self.run("m = train(net, ds, epochs=3, batch=8, lr=0.05, seed=3, validation=held)", in: s)
        let accuracy = try #require(Self.tensor("m.history.validation_accuracy", in: s)?.scalars)
        #expect(accuracy.count == 3)
        #expect(accuracy.allSatisfy { $0 >= 0 && $0 <= 1 && ($0 * 12).rounded() == $0 * 12 })
        #expect(Self.tensor("m.history.validation_loss", in: s)?.shape == [3])
        // The last epoch's validation accuracy is evaluate's on the same data.
        let evaluated = try #require(Self.value("evaluate(m, held).accuracy", in: s)?.number)
        #expect(abs(Double(accuracy[2]) - evaluated) < 1e-6)
        // Validation takes no part in training: the weights are the same without it.
        #expect(Self.value("weights(m, \"fc1\").w == weights(train(net, ds, epochs=3, batch=8, lr=0.05, seed=3), \"fc1\").w", in: s)?
            .flat?.allSatisfy { $0 == 1 } == true)
        let summary = try #require(BuiltinRegistry.standard["train"]?.summary)
        #expect(summary.contains(".validation_accuracy"))
        let regression = Self.error("r = train(net, ds, validation=dataset(ones([2, 1, 4, 4]), [[0.5, 1, 0], [1, 0, 0.5]]))")
        #expect(regression?.message.contains("validation= takes a labelled dataset") == true, "\(regression?.message ?? "no error")")
    }

    @Test func summaryRowsAreAddressableByLayerName() {
        let s = Self.session()
        Self.run("t = summary(net)", in: s)
        #expect(Self.value("t.rows[\"conv1\"].params", in: s)?.number == 20)  // 2 filters of 3×3 and 2 biases
        #expect(Self.value("t.rows[\"fc1\"].params == t.rows[4].params", in: s)?.bool == true)
        #expect(Self.value("t.rows[\"input\"].name == t.rows[0].name", in: s)?.bool == true)
        let typo = Self.error("t = summary(net)\nx = t.rows[\"conv2\"]")
        #expect(typo?.message == "no item of the list is named 'conv2'; did you mean 'conv1'?")
        let strings = Self.error("x = [\"a\", \"b\"][\"a\"]")
        #expect(strings?.message.contains("a list is indexed by a whole number") == true)
    }

    @Test func trainingLearnsTheToyProblem() throws {
        let s = Self.session()
        Self.run("m = train(net, ds, epochs=8, batch=8, lr=0.05, seed=3)", in: s)
        let loss = try #require(Self.tensor("m.history.loss", in: s)?.scalars)
        let first = loss.prefix(5).reduce(0, +) / 5, last = loss.suffix(5).reduce(0, +) / 5
        #expect(last < first / 2, "loss went from \(first) to \(last)")
        let epochLoss = try #require(Self.tensor("m.history.epoch_loss", in: s)?.scalars)
        #expect(epochLoss.last! < epochLoss.first!)
        #expect(try #require(Self.value("evaluate(m, ds).accuracy", in: s)?.number) > 0.9)
        #expect(try #require(Self.value("evaluate(net, ds).accuracy", in: s)?.number) < 0.7)
    }

    @Test func trainLeavesItsArgumentAlone() {
        let s = Self.session()
        Self.run("before = weights(net, \"conv1\")\nm = train(net, ds, epochs=2, batch=8, lr=0.05, seed=3)", in: s)
        Self.run("after = weights(net, \"conv1\")\ntrained = weights(m, \"conv1\")", in: s)
        #expect(Self.tensor("before.w", in: s) == Self.tensor("after.w", in: s))
        #expect(Self.tensor("before.b", in: s) == Self.tensor("after.b", in: s))
        #expect(Self.tensor("weights(net, \"fc1\").w", in: s)
            == Self.tensor("weights(cnn(\"\(Self.tiny)\", seed=1), \"fc1\").w", in: s))
        #expect(Self.tensor("trained.w", in: s) != Self.tensor("before.w", in: s))
        // Training a trained model goes on from its weights, and leaves it alone too.
        Self.run("m2 = train(m, ds, epochs=1, batch=8, lr=0.05, seed=3)", in: s)
        #expect(Self.tensor("weights(m, \"conv1\").w", in: s) == Self.tensor("trained.w", in: s))
        #expect(Self.tensor("weights(m2, \"conv1\").w", in: s) != Self.tensor("trained.w", in: s))
    }

    @Test func trainingIsDeterministic() {
        let s = Self.session()
        Self.run("""
            a = train(net, ds, epochs=2, batch=8, lr=0.05, seed=3)
            b = train(net, ds, epochs=2, batch=8, lr=0.05, seed=3)
            c = train(net, ds, epochs=2, batch=8, lr=0.05, seed=4)
            """, in: s)
        let a = Self.tensor("weights(a, \"conv1\").w", in: s)
        #expect(a != nil)
        #expect(a == Self.tensor("weights(b, \"conv1\").w", in: s))
        #expect(Self.tensor("a.history.loss", in: s) == Self.tensor("b.history.loss", in: s))
        #expect(a != Self.tensor("weights(c, \"conv1\").w", in: s))
        // The same in a fresh session: nothing of the run leaks into the result.
        let t = Self.session()
        #expect(a == Self.tensor("weights(train(net, ds, epochs=2, batch=8, lr=0.05, seed=3), \"conv1\").w", in: t))
        // A different cnn seed starts elsewhere.
        #expect(Self.tensor("weights(cnn(\"\(Self.tiny)\", seed=2), \"conv1\").w", in: t)
            != Self.tensor("weights(net, \"conv1\").w", in: t))
    }

    @Test(arguments: [
        ("m = train(net, ds, optimizer=\"rmsprop\")", "\"rmsprop\"",
         "train: optimizer must be \"adam\" or \"sgd\", got \"rmsprop\""),
        ("m = train(net, ds, loss=\"hinge\")", "\"hinge\"",
         "train: loss must be \"cross_entropy\" or \"mse\", got \"hinge\""),
        ("m = train(net, ds, lr=0)", "0)", "train: 'lr' must be a positive number, got 0"),
        ("m = train(net, ds, lr=-0.1)", "-0.1", "train: 'lr' must be a positive number, got -0.1"),
        ("m = train(net, ds, epochs=-1)", "-1", "train: 'epochs' must be at least 0, got -1"),
        ("m = train(net, ds, epochs=1.5)", "1.5", "train: 'epochs' must be a whole number, got a number"),
        ("m = train(net, ds, batch=0)", "0)", "train: 'batch' must be at least 1, got 0"),
        ("m = train(net, ds, optimizer=1)", "1)", "train: 'optimizer' must be a string, got a number"),
        ("m = train(ds, net)", "ds,", "train: 'net' must be a model made by cnn(...), got a dataset"),
    ])
    func trainOptionErrorsAreLocated(statement: String, at needle: String, message: String) throws {
        let d = try #require(Self.error(statement))
        #expect(d.message == message)
        #expect(d.location.line == 10)
        #expect(d.location.column == Self.column(of: needle, in: statement), "\(d.rendered)")
    }

    @Test func labelsThatDoNotFitTheNetwork() throws {
        // Label 4 on a network with 3 outputs.
        let bad = "bad = dataset(zeros([4, 1, 4, 4]), [0, 1, 2, 4])\n"
        let train = try #require(Self.error(bad + "m = train(net, bad)"))
        #expect(train.message == "train: label 4 is not a class of this network, which has 3 outputs")
        #expect(train.location.line == 11)
        #expect(Self.error(bad + "e = evaluate(net, bad)")?.message
            == "evaluate: label 4 is not a class of this network, which has 3 outputs")
        // Images of the wrong size for the network.
        let wrong = try #require(Self.error("w = dataset(zeros([2, 5, 5]), [0, 1])\nm = train(net, w)"))
        #expect(wrong.message.hasPrefix("train: training images must be N × (1, 4, 4)"))
        #expect(wrong.message.hasSuffix("got (2, 1, 5, 5)"))
        // gradcheck takes labels directly, so their count can be wrong.
        #expect(Self.error("g = gradcheck(net, ds.images[0:3], [0, 1])")?.message
            == "gradcheck: there are 3 images but 2 labels")
    }

    // MARK: - memoization

    /// A cache in a dictionary that counts what passes through it.
    final class CountingCache: BuiltinCache {
        var entries: [String: [UInt8]] = [:]
        var stores = 0, loads = 0, hits = 0

        func load(key: String) -> [UInt8]? {
            loads += 1
            let bytes = entries[key]
            if bytes != nil { hits += 1 }
            return bytes
        }

        func store(key: String, bytes: [UInt8]) {
            stores += 1
            entries[key] = bytes
        }
    }

    static let trainCall = "train(net, ds, epochs=2, batch=8, lr=0.05, seed=3)"

    @Test func aSecondIdenticalTrainLoadsInsteadOfTraining() throws {
        let cache = CountingCache()
        let s = Self.session(cache: cache)
        Self.run("a = " + Self.trainCall, in: s)
        #expect((cache.stores, cache.hits, cache.entries.count) == (1, 0, 1))
        Self.run("b = " + Self.trainCall, in: s)
        #expect((cache.stores, cache.hits) == (1, 1))
        for field in ["weights(%, \"conv1\").w", "weights(%, \"fc1\").b", "%.history.loss", "%.history.epoch_accuracy"] {
            let a = Self.tensor(field.replacingOccurrences(of: "%", with: "a"), in: s)
            #expect(a != nil && a == Self.tensor(field.replacingOccurrences(of: "%", with: "b"), in: s), "\(field)")
        }
        // The key names content only: another lesson file sharing the cache hits too.
        let other = Session(file: "lessons/other.md", seed: 9, lessonDirectory: URL(fileURLWithPath: "/tmp/other/lessons"),
                            projectRoot: URL(fileURLWithPath: "/tmp/other"), cache: cache)
        #expect(Harness.run(Self.setup + "\nc = " + Self.trainCall, in: other).status == .ok)
        #expect((cache.stores, cache.hits) == (1, 2))

        // What comes back is what the cache holds: plant another network under
        // the key and train returns it, untrained by this run.
        let key = try #require(cache.entries.keys.first)
        let planted = Network(try NetworkDescription.parse(Self.tiny), seed: 99)
        var history = TrainingHistory()
        history.stepLoss = [9, 8, 7]
        cache.entries[key] = ResultCodec.encode(.object(ModelValue(network: planted, history: history, key: "")))
        Self.run("d = " + Self.trainCall, in: s)
        #expect(Self.tensor("weights(d, \"conv1\").w", in: s)?.scalars == (try planted.weights(layer: "conv1").w.scalars))
        #expect(Self.tensor("d.history.loss", in: s)?.scalars == [9, 8, 7])
        #expect(cache.stores == 1)
    }

    @Test func aCorruptCacheEntryIsRecomputedAndReplaced() throws {
        let cache = CountingCache()
        let s = Self.session(cache: cache)
        Self.run("a = " + Self.trainCall, in: s)
        let key = try #require(cache.entries.keys.first)
        let good = try #require(cache.entries[key])
        for offset in [3, good.count / 2, good.count - 1] {
            var bad = good
            bad[offset] ^= 0x10
            cache.entries[key] = bad
            let stores = cache.stores
            Self.run("b = " + Self.trainCall, in: s)
            #expect(cache.stores == stores + 1, "corrupt byte \(offset) was trusted")
            #expect(cache.entries[key] == good)
            #expect(Self.tensor("weights(b, \"conv1\").w", in: s) == Self.tensor("weights(a, \"conv1\").w", in: s))
            #expect(Self.tensor("b.history.loss", in: s) == Self.tensor("a.history.loss", in: s))
        }
        // A truncated entry too.
        cache.entries[key] = Array(good.prefix(good.count - 1))
        Self.run("c = " + Self.trainCall, in: s)
        #expect(cache.entries[key] == good)
    }

    /// A diverged run (what a lesson on learning rates shows) has
    /// non-finite losses in its history; it must cache like any other.
    @Test func aDivergedTrainingIsCachedToo() throws {
        let cache = CountingCache()
        let s = Self.session(cache: cache)
        let call = "train(net, ds, epochs=1, batch=8, lr=1e30, seed=3)"
        Self.run("a = " + call, in: s)
        let loss = try #require(Self.tensor("a.history.loss", in: s)?.scalars)
        #expect(loss.contains { !$0.isFinite }, "expected a diverged run, got losses \(loss)")
        Self.run("b = " + call, in: s)
        #expect((cache.stores, cache.hits) == (1, 1))
        let again = try #require(Self.tensor("b.history.loss", in: s)?.scalars)
        #expect(zip(again, loss).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) } && again.count == loss.count)
    }

    @Test func everyArgumentIsPartOfTheKey() {
        let cache = CountingCache()
        let s = Self.session(cache: cache)
        Self.run("ds2 = dataset(ds.images * 1.0001, labels)\nnet2 = cnn(\"\(Self.tiny)\", seed=2)", in: s)
        let calls = [
            Self.trainCall,
            "train(net, ds, epochs=3, batch=8, lr=0.05, seed=3)",
            "train(net, ds, epochs=2, batch=8, lr=0.01, seed=3)",
            "train(net, ds2, epochs=2, batch=8, lr=0.05, seed=3)",
            "train(net2, ds, epochs=2, batch=8, lr=0.05, seed=3)",
            "train(net, ds, epochs=2, batch=9, lr=0.05, seed=3)",
            "train(net, ds, epochs=2, batch=8, lr=0.05, seed=4)",
            "train(net, ds, epochs=2, batch=8, lr=0.05, seed=3, optimizer=\"sgd\")",
            "train(net, ds, epochs=2, batch=8, lr=0.05, seed=3, optimizer=\"sgd\", momentum=0.5)",
            "train(net, ds, epochs=2, batch=8, lr=0.05, seed=3, weight_decay=0.01)",
            "train(net, ds, epochs=2, batch=8, lr=0.05, seed=3, loss=\"mse\")",
            "train(net, ds, epochs=2, batch=8, lr=0.05, seed=3, validation=ds2)",
        ]
        for (i, call) in calls.enumerated() {
            Self.run("m\(i) = " + call, in: s)
            #expect(cache.entries.count == i + 1, "\(call) shared a key with an earlier call")
        }
        #expect(cache.stores == calls.count && cache.hits == 0)
        // A trained model as the argument is keyed by how it was made.
        Self.run("n1 = train(m0, ds, epochs=1, batch=8, seed=3)\nn2 = train(m1, ds, epochs=1, batch=8, seed=3)", in: s)
        #expect(cache.entries.count == calls.count + 2)
    }

    // MARK: - evaluate and predict

    @Test func evaluateCountsWhatItPredicts() throws {
        let s = Self.session()
        Self.run("m = train(net, ds, epochs=2, batch=8, lr=0.05, seed=3)", in: s)
        for model in ["m", "net"] {
            Self.run("e = evaluate(\(model), ds)", in: s)
            let accuracy = try #require(Self.value("e.accuracy", in: s)?.number)
            #expect(abs(accuracy - (Self.value("mean(e.predictions == ds.labels)", in: s)?.number ?? -1)) < 1e-6)
            #expect(Self.tensor("e.predictions", in: s)?.shape == [36])
            let confusion = try #require(Self.tensor("e.confusion", in: s))
            #expect(confusion.shape == [3, 3])
            #expect(confusion.scalars.reduce(0, +) == 36)
            #expect(Self.tensor("sum(e.confusion, axis=1)", in: s)?.scalars == [12, 12, 12])
            let diagonal = confusion.scalars[0] + confusion.scalars[4] + confusion.scalars[8]
            #expect(abs(Double(diagonal) / 36 - accuracy) < 1e-12)
            #expect(Self.tensor("sum(e.confusion, axis=0)", in: s)?.scalars
                == (0..<3).map { c in Float(Self.tensor("e.predictions", in: s)!.scalars.filter { $0 == Float(c) }.count) })
            let loss = try #require(Self.value("e.loss", in: s)?.number)
            #expect(loss > 0 && loss.isFinite)
        }
    }

    @Test func predictOneInputOrABatch() throws {
        let s = Self.session()
        Self.run("m = train(net, ds, epochs=2, batch=8, lr=0.05, seed=3)", in: s)
        let one = try #require(Self.tensor("predict(m, ds.images[0])", in: s))
        #expect(one.shape == [3])
        #expect(abs(one.scalars.reduce(0, +) - 1) < 1e-5)
        #expect(one.scalars.allSatisfy { $0 > 0 })
        let batch = try #require(Self.tensor("predict(m, ds.images)", in: s))
        #expect(batch.shape == [36, 3])
        for row in 0..<36 { #expect(abs(batch.scalars[(3 * row)..<(3 * row + 3)].reduce(0, +) - 1) < 1e-5) }
        #expect(zip(batch.scalars[0..<3], one.scalars).allSatisfy { abs($0 - $1) < 1e-6 })
        // Its argmax is evaluate's prediction.
        #expect(Self.tensor("argmax(predict(m, ds.images), axis=1)", in: s) == Self.tensor("evaluate(m, ds).predictions", in: s))
        // A wrong shape is an error at x.
        let d = try #require(Self.error("p = predict(net, zeros([5, 5]))"))
        #expect(d.message.hasPrefix("predict: the input must be N × (1, 4, 4)"))
        #expect(d.location.column == 23)  // the '(' of zeros(...)
    }

    // MARK: - activations and features

    @Test func activationsOfOneLayer() throws {
        let s = Self.session()
        #expect(Self.tensor("activations(net, ds.images[0], layer=\"conv1\")", in: s)?.shape == [2, 4, 4])
        #expect(Self.tensor("activations(net, ds.images, layer=\"conv1\")", in: s)?.shape == [36, 2, 4, 4])
        #expect(Self.tensor("activations(net, ds.images, layer=\"pool1\")", in: s)?.shape == [36, 2, 2, 2])
        #expect(Self.tensor("activations(net, ds.images[0], layer=\"fc1\")", in: s)?.shape == [3])
        // "input" is the input; the default is the last layer, the prediction.
        #expect(Self.tensor("activations(net, ds.images[0], layer=\"input\")", in: s) == Self.tensor("ds.images[0]", in: s))
        #expect(Self.tensor("activations(net, ds.images, layer=\"INPUT\")", in: s) == Self.tensor("ds.images", in: s))
        #expect(Self.tensor("activations(net, ds.images)", in: s) == Self.tensor("predict(net, ds.images)", in: s))
        // The ReLU is the convolution's output with negatives cut off.
        let conv = try #require(Self.tensor("activations(net, ds.images, layer=\"conv1\")", in: s))
        #expect(Self.tensor("activations(net, ds.images, layer=\"relu1\")", in: s)?.scalars == conv.scalars.map { max($0, 0) })

        let d = try #require(Self.error("a = activations(net, ds.images, layer=\"conv9\")"))
        #expect(d.message == "activations: no layer named 'conv9'; the layers are input, conv1, relu1, pool1, fc1, softmax1")
        #expect(d.location.column == 39)
    }

    @Test func featuresDefaultToTheInputOfTheLastFCLayer() throws {
        let s = Self.session()
        let code = try #require(Self.tensor("features(net, ds)", in: s))
        #expect(code.shape == [36, 8])
        #expect(code.scalars == Self.tensor("activations(net, ds.images, layer=\"pool1\")", in: s)?.scalars)
        #expect(Self.tensor("features(net, ds, layer=\"conv1\")", in: s)?.shape == [36, 32])
        #expect(Self.tensor("features(net, ds, layer=\"input\")", in: s)?.scalars == Self.tensor("ds.images", in: s)?.scalars)
        // With two FC layers the default is the first one's output after its ReLU.
        let deep = "cnn(\"INPUT 4x4x1 -> CONV3-2 -> RELU -> FC-5 -> RELU -> FC-3\", seed=1)"
        #expect(Self.tensor("features(\(deep), ds)", in: s)
            == Self.tensor("activations(\(deep), ds.images, layer=\"relu2\")", in: s))
        #expect(Self.error("f = features(net, ds, layer=\"fc9\")")?.message.hasPrefix("features: no layer named 'fc9'") == true)
    }

    // MARK: - weights and with_weights

    @Test func weightsHaveTheDocumentedShapes() {
        let s = Self.session()
        #expect(Self.tensor("weights(net, \"conv1\").w", in: s)?.shape == [2, 1, 3, 3])
        #expect(Self.tensor("weights(net, \"conv1\").b", in: s)?.shape == [2])
        #expect(Self.tensor("weights(net, \"fc1\").w", in: s)?.shape == [3, 8])
        #expect(Self.tensor("weights(net, \"fc1\").b", in: s)?.shape == [3])
        // Biases start at zero; weights do not.
        #expect(Self.tensor("weights(net, \"fc1\").b", in: s)?.scalars == [0, 0, 0])
        #expect(Self.value("sum(abs(weights(net, \"conv1\").w)) > 0", in: s)?.bool == true)
        #expect(Self.error("w = weights(net, \"relu1\")")?.message
            == "weights: 'relu1' has no weights; the layers with weights are conv1, fc1")
    }

    @Test func aHandSetFilterGivesTheHandComputedActivation() throws {
        let s = Self.session()
        // Filter 0 passes the pixel through, filter 1 takes its right-hand
        // neighbour (zero past the edge: padding 1); biases 0.5 and -1.
        Self.run("""
            w = [[[[0, 0, 0], [0, 1, 0], [0, 0, 0]]], [[[0, 0, 0], [0, 0, 1], [0, 0, 0]]]]
            h = with_weights(net, "conv1", w=w, b=[0.5, -1])
            x = reshape(arange(16), [1, 4, 4])
            """, in: s)
        let a = try #require(Self.tensor("activations(h, x, layer=\"conv1\")", in: s))
        let pass = (0..<16).map { Float($0) + 0.5 }
        let right = (0..<16).map { i in i % 4 == 3 ? Float(-1) : Float(i + 1) - 1 }
        #expect(a.shape == [2, 4, 4])
        #expect(a.scalars == pass + right)
        #expect(Self.tensor("weights(h, \"conv1\").w", in: s) == Self.tensor("reshape(w, [2, 1, 3, 3])", in: s))
        #expect(Self.tensor("weights(h, \"conv1\").b", in: s)?.scalars == [0.5, -1])
        // The original keeps its weights.
        #expect(Self.tensor("weights(net, \"conv1\").b", in: s)?.scalars == [0, 0])
        // FC inputs are in C×H×W order: input 5 is channel 1, row 0, column 1.
        Self.run("""
            one = zeros([3, 8]) + (reshape(arange(3), [3, 1]) == 0) * (arange(8) == 5)
            g = with_weights(h, "fc1", w=one, b=[0, 1, 2])
            """, in: s)
        let pool = try #require(Self.tensor("activations(g, x, layer=\"pool1\")", in: s))
        #expect(Self.tensor("activations(g, x, layer=\"fc1\")", in: s)?.scalars == [pool.scalars[5], 1, 2])
        // Only b: w stays.
        #expect(Self.tensor("weights(with_weights(h, \"conv1\", b=[1, 2]), \"conv1\").w", in: s)
            == Self.tensor("weights(h, \"conv1\").w", in: s))
    }

    @Test func withWeightsChecksShapes() throws {
        let wrong = try #require(Self.error("h = with_weights(net, \"conv1\", w=zeros([2, 3, 3]))"))
        #expect(wrong.message == "with_weights: conv1's weights must be (2, 1, 3, 3), got (2, 3, 3)")
        #expect(wrong.location.column == 39)  // a call is located at its '('
        #expect(Self.error("h = with_weights(net, \"fc1\", w=zeros([8, 3]))")?.message
            == "with_weights: fc1's weights must be (3, 8), got (8, 3)")
        #expect(Self.error("h = with_weights(net, \"conv1\", b=zeros([3]))")?.message
            == "with_weights: conv1's biases must be (2), got (3)")
        let none = try #require(Self.error("h = with_weights(net, \"pool1\", w=zeros([1]))"))
        #expect(none.message == "with_weights: 'pool1' has no weights; the layers with weights are conv1, fc1")
        #expect(Self.error("h = with_weights(net, \"conv7\", w=zeros([1]))")?.message.contains("no layer named 'conv7'") == true)
    }

    @Test func withWeightsKeysFollowTheValues() {
        let cache = CountingCache()
        let s = Self.session(cache: cache)
        Self.run("""
            h1 = with_weights(net, "conv1", b=[1, 2])
            h2 = with_weights(net, "conv1", b=[1, 3])
            a = train(h1, ds, epochs=1, batch=8, seed=3)
            b = train(h2, ds, epochs=1, batch=8, seed=3)
            c = train(with_weights(net, "conv1", b=[1, 2]), ds, epochs=1, batch=8, seed=3)
            """, in: s)
        #expect(cache.entries.count == 2 && cache.hits == 1)
    }

    // MARK: - networks too large to run

    @Test func hugeNetworksCanBeCountedButNotRun() throws {
        let vgg = "INPUT 224x224x3 -> [CONV3-64 -> RELU]x2 -> POOL2 -> [CONV3-128 -> RELU]x2 -> POOL2"
            + " -> [CONV3-256 -> RELU]x3 -> POOL2 -> [CONV3-512 -> RELU]x3 -> POOL2"
            + " -> [CONV3-512 -> RELU]x3 -> POOL2 -> FC-4096 -> RELU -> FC-4096 -> RELU -> FC-1000 -> SOFTMAX"
        let s = Harness.session()
        Self.run("vgg = cnn(\"\(vgg)\")\ns = summary(vgg)", in: s)
        #expect(Self.value("s.params", in: s)?.number == 138_357_544)
        #expect(Self.value("len(vgg.layers)", in: s)?.number == 37)
        // VGG-16 (138 M parameters) is under the 2^28 limit, so it would run;
        // at 448×448 its first FC layer alone has 411 M weights, and every
        // use that needs the weights refuses before drawing any.
        let big = vgg.replacingOccurrences(of: "224x224x3", with: "448x448x3")
        Self.run("big = cnn(\"\(big)\")\nx = zeros([3, 448, 448])", in: s)
        #expect(Self.value("summary(big).params", in: s)?.number == 446_638_888)
        for call in ["predict(big, x)", "activations(big, x, layer=\"conv1\")", "weights(big, \"conv1\")",
                     "evaluate(big, dataset(zeros([1, 3, 448, 448]), [0]))", "gradcheck(big, x, 0)"] {
            let r = Harness.run("r = " + call, in: s, id: "big")
            let message = r.diagnostics.first?.message ?? "no error"
            #expect(message.contains("can be counted with summary() but not run"), "\(call): \(message)")
            #expect(message.contains("446638888 parameters"), "\(call): \(message)")
            #expect(r.diagnostics.first?.location.column == 4 + Self.column(of: "big", in: call), "\(call)")
        }
    }

    // MARK: - gradcheck

    @Test func gradcheckOnATinyTanhNetwork() throws {
        let s = Self.session()
        Self.run("t = cnn(\"INPUT 4x4x1 -> CONV3-2 -> TANH -> FC-3 -> SOFTMAX\", seed=2)", in: s)
        let batch = try #require(Self.value("gradcheck(t, ds.images[0:4], ds.labels[0:4], seed=1)", in: s)?.number)
        #expect(batch >= 0 && batch < 1e-2)
        let one = try #require(Self.value("gradcheck(t, ds.images[0], 2, samples=50, seed=1)", in: s)?.number)
        #expect(one >= 0 && one < 1e-2)
        // Labels must be class numbers; a bad one is an error, not a crash.
        for label in ["1e30", "1.5", "[0, 1e30]", "[0, -1e30]"] {
            let d = Self.error("g = gradcheck(net, ds.images[0:\(label.hasPrefix("[") ? 2 : 1)], \(label))")
            #expect(d?.message == "gradcheck: 'label' must be class numbers (whole numbers from 0)", "label \(label)")
        }
        #expect(Self.error("g = gradcheck(net, ds.images[0:1], -1)")?.message
            == "gradcheck: label -1 is not a class of this network, which has 3 outputs")
        #expect(Self.error("g = gradcheck(net, ds.images[0:1], 3)")?.message
            == "gradcheck: label 3 is not a class of this network, which has 3 outputs")
    }

    // MARK: - format

    @Test func formatNumbersAndText() throws {
        #expect(Harness.value("format(0.12345, \".2f\")")?.string == "0.12")
        #expect(Harness.value("format(0.5, \".1%\")")?.string == "50.0%")
        #expect(Harness.value("format(1234567, \",d\")")?.string == "1,234,567")
        #expect(Harness.value("format(0.5, spec=\".3f\")")?.string == "0.500")
        #expect(Harness.value("format(\"abc\")")?.string == "abc")
        #expect(Harness.value("format(0.5)")?.string == "0.5")
        #expect(Harness.value("\"acc \" + format(0.875, \".1%\")")?.string == "acc 87.5%")
        let unknown = try #require(Harness.error("x = format(0.5, \".2q\")"))
        #expect(unknown.message == "format: unknown spec \".2q\"; use .Nf, .Ne, .N%, .Ns, ,d or d")
        #expect(unknown.location.column == 17)
        #expect(Harness.error("x = format(\"abc\", \".2f\")")?.message == "format: a spec formats a number, got a string")
        #expect(Harness.error("x = format()")?.message.contains("needs the argument 'value'") == true)
    }
}
