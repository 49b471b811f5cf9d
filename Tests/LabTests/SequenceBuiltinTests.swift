import Datasets
import Testing
@testable import Lab
import Tensors

/// Regression datasets, `sequence_task` and `time_gradients`
/// (LESSON-FORMAT 9.5).
@Suite struct SequenceBuiltinTests {
    func dataset(_ expr: String, setup: String = "") -> DatasetValue? {
        if case let .object(o)? = Harness.value(expr, setup: setup) { return o as? DatasetValue }
        return nil
    }

    @Test func realTargetsMakeARegressionDataset() throws {
        let column = try #require(dataset("dataset(reshape(arange(8), [4, 2]), [0.5, 1, 2, 3])"))
        #expect(column.targets?.shape == [4, 1] && column.labels.isEmpty && column.count == 4)
        #expect(column.images.shape == [4, 2])
        let table = try #require(dataset("dataset(zeros([3, 2]), reshape(arange(6), [3, 2]))"))
        #expect(table.targets?.shape == [3, 2])
        #expect(Harness.value("dataset(zeros([3, 2]), reshape(arange(6), [3, 2])).targets")?.flat == [0, 1, 2, 3, 4, 5])
        #expect(Harness.value("dataset(zeros([2, 1]), [0.5, 1.5])")?.inlineText == "regression dataset of 2 items 1, 1 target each")
        // Whole numbers in a vector stay class labels, as in 1.0.
        #expect(dataset("dataset(zeros([2, 1]), [1, 0])")?.targets == nil)
    }

    /// y = x² on [−1, 1]: an MLP trained with MSE must beat the untrained
    /// one by far, and `evaluate` reports only a loss.
    @Test func trainsARegressionNetworkWithMSE() throws {
        let setup = """
        x = reshape(linspace(-1, 1, 64), [64, 1])
        d = dataset(x, x * x)
        net = cnn("INPUT 1 -> FC-16 -> TANH -> FC-1", seed=1)
        trained = train(net, d, epochs=200, batch=16, lr=0.01, loss="mse", seed=2)
        """
        let before = try #require(Harness.value("evaluate(net, d).loss", setup: setup)?.number)
        let after = try #require(Harness.value("evaluate(trained, d).loss", setup: setup)?.number)
        #expect(after < before / 10 && after < 0.01, "\(before) → \(after)")
        #expect(Harness.value("predict(trained, x).shape", setup: setup)?.flat == [64, 1])
        #expect(Harness.value("evaluate(trained, d).accuracy", setup: setup) == nil)
        let e = Harness.error("t = train(net, d)", setup: setup)
        #expect(e?.message.contains("loss=\"mse\"") == true, "\(e?.message ?? "no error")")
    }

    @Test func firstTaskHoldsOneHotSymbolsAndLabelsTheFirst() throws {
        let d = try #require(dataset("sequence_task(\"first\", steps=7, count=30, seed=4)"))
        #expect(d.images.shape == [30, 7, 10] && d.labels.count == 30 && d.classes.count == 10)
        let x = d.images.scalars
        for e in 0..<30 {
            for s in 0..<7 {
                let step = x[((e * 7 + s) * 10)..<((e * 7 + s + 1) * 10)]
                #expect(step.reduce(0, +) == 1 && step.allSatisfy { $0 == 0 || $0 == 1 })
            }
            #expect(x[e * 70 + d.labels[e]] == 1)
        }
        #expect(Set(d.labels).count > 5)
        let again = try #require(dataset("sequence_task(\"first\", steps=7, count=30, seed=4)"))
        #expect(again.images == d.images && again.labels == d.labels)
    }

    @Test func addingTaskMarksTwoStepsAndSumsThem() throws {
        let d = try #require(dataset("sequence_task(\"adding\", steps=12, count=40, seed=1)"))
        let targets = try #require(d.targets)
        #expect(d.images.shape == [40, 12, 2] && targets.shape == [40, 1])
        let x = d.images.scalars
        for e in 0..<40 {
            let marked = (0..<12).filter { x[(e * 12 + $0) * 2 + 1] == 1 }
            #expect(marked.count == 2)
            let sum = marked.reduce(Float(0)) { $0 + x[(e * 12 + $1) * 2] }
            #expect(sum == targets.scalars[e])
            #expect((0..<12).allSatisfy { x[(e * 12 + $0) * 2] >= 0 && x[(e * 12 + $0) * 2] < 1 })
        }
    }

    @Test(arguments: [
        ("sequence_task(\"last\")", "\"first\" or \"adding\""),
        ("sequence_task(\"adding\", steps=1)", "steps must be from 2"),
        ("sequence_task(\"first\", count=0)", "count must be from 1"),
        ("time_gradients(cnn(\"INPUT 4 -> FC-2\"), dataset(zeros([2, 4]), [0, 1]))", "no RNN or LSTM layer"),
    ])
    func badCallsSayWhy(_ source: String, _ message: String) {
        let e = Harness.error("x = " + source)
        #expect(e?.message.contains(message) == true, "\(e?.message ?? "no error")")
    }

    /// Untrained networks over 30 steps: the gradient reaching h_t fades
    /// towards step 0 (at initialization the LSTM's forget gates, σ(1) ≈
    /// 0.73, let it fade too; training is what teaches them to keep it).
    @Test func timeGradientsFadeBackInTime() throws {
        let setup = """
        d = sequence_task("first", steps=30, count=64, seed=3)
        rnn = cnn("INPUT SEQ-30x10 -> RNN-16 -> LAST -> FC-10 -> SOFTMAX", seed=1)
        lstm = cnn("INPUT SEQ-30x10 -> LSTM-16 -> LAST -> FC-10 -> SOFTMAX", seed=1)
        """
        let rnn = try #require(Harness.value("time_gradients(rnn, d)", setup: setup)?.tensor)
        let lstm = try #require(Harness.value("time_gradients(lstm, d, layer=\"lstm1\")", setup: setup)?.tensor)
        #expect(rnn.shape == [30] && lstm.shape == [30])
        #expect(rnn.scalars.allSatisfy { $0.isFinite && $0 >= 0 })
        #expect(rnn.scalars[0] < rnn.scalars[29] / 100)
        #expect(lstm.scalars[0] < lstm.scalars[29] / 100)
        let e = Harness.error("g = time_gradients(rnn, d, layer=\"fc1\")", setup: setup)
        #expect(e?.message.contains("not a recurrent layer") == true, "\(e?.message ?? "no error")")
    }
}

/// A data set made in a lesson has no file to rebuild it from, so it is
/// stored whole (up to 32 MB of values), and a block binding one is reused.
@Suite struct MadeDatasetStorageTests {
    @Test func aSequenceDatasetOfMoreThanAMillionValuesIsStored() throws {
        let s = Harness.session()
        Harness.run("d = sequence_task(\"first\", steps=40, count=3000, seed=1)", in: s)
        let d = try #require(s.value(of: "d"))
        guard let bytes = ValueCodec.encode(d) else {
            Issue.record("1.2M values of a made data set are stored")
            return
        }
        guard case let .object(back as DatasetValue)? = ValueCodec.decode(bytes), case let .object(original as DatasetValue) = d else {
            Issue.record("not a data set")
            return
        }
        #expect(back.fingerprint == original.fingerprint && back.images == original.images && back.labels == original.labels)
    }
}
