import Foundation
import Testing
import Tensors
@testable import NeuralNet

/// RNN, LSTM and LAST: the description grammar, shapes and counts, the
/// forward pass against a step-by-step reference, and backpropagation
/// through time against central differences.
struct RecurrentLayerTests {
    // MARK: Grammar and counts

    @Test func sequenceInputAndRecurrentLayersParse() throws {
        let d = try NetworkDescription.parse("INPUT SEQ-50x10 -> LSTM-128 -> LAST -> FC-10 -> SOFTMAX")
        #expect(d.input == .sequence(steps: 50, features: 10))
        #expect(d.layers.map(\.name) == ["lstm1", "last1", "fc1", "softmax1"])
        #expect(d.input.token == "INPUT SEQ-50x10")
        let again = try NetworkDescription.parse("input seq - 5 x 3 -> rnn-4 -> rnn-2 -> last")
        #expect(again.input == .sequence(steps: 5, features: 3))
        #expect(again.layers.map(\.kind) == [.rnn(4), .rnn(2), .last])
        #expect(again.layers.map(\.name) == ["rnn1", "rnn2", "last1"])
        #expect(again.layers.map(\.kind.token) == ["RNN-4", "RNN-2", "LAST"])
    }

    /// LSTM-n on F inputs: 4n(F + n) weights, 4n biases, T·4n(F + n) MACs;
    /// RNN-n: n(F + n), n and T·n(F + n).
    @Test func summaryCountsWeightsSharedOverSteps() throws {
        let s = try NetworkDescription.parse("INPUT SEQ-50x10 -> LSTM-128 -> LAST -> FC-10 -> SOFTMAX").summary()
        let lstm = s.rows[1]
        #expect(lstm.output.description == "SEQ-50x128")
        #expect(lstm.weights == 4 * 128 * (10 + 128) && lstm.biases == 512)
        #expect(lstm.macs == 50 * 4 * 128 * 138)
        #expect(lstm.activations == 50 * 128)
        #expect(s.rows[2].output.description == "128" && s.rows[2].params == 0)
        let rnn = try NetworkDescription.parse("INPUT SEQ-7x3 -> RNN-5").summary().rows[1]
        #expect(rnn.weights == 5 * 8 && rnn.biases == 5 && rnn.macs == 7 * 40)
        let net = Network(try NetworkDescription.parse("INPUT SEQ-7x3 -> RNN-5 -> LAST"), seed: 1)
        #expect(net.inputShape == [7, 3] && net.outputShape(ofLayer: 0) == [7, 5] && net.outputCount == 5)
    }

    @Test(arguments: [
        ("INPUT 28x28x1 -> RNN-8", 18, "RNN-8 (rnn1) needs a sequence"),
        ("INPUT 10 -> LAST", 13, "LAST (last1) needs a sequence"),
        ("INPUT SEQ-5x3 -> RNN-4 -> FC-2", 27, "add LAST before it"),
        ("INPUT SEQ-5x3 -> SOFTMAX", 18, "add LAST before it"),
        ("INPUT SEQ-5x3 -> CONV3-4", 18, "needs an image, but the input is a sequence of 5 steps of 3 values"),
        ("INPUT SEQ-5 -> RNN-4", 7, "expected 'INPUT SEQ-TxF'"),
        ("INPUT SEQ-0x3 -> RNN-4", 7, "at least 1"),
        ("INPUT SEQ-5x3 -> LSTM-0", 18, "must be at least 1"),
        ("INPUT SEQ-5x3 -> LSTM4", 18, "expected LSTM-n"),
        ("INPUT SEQ-5x3 -> GRU-4", 18, "did you mean LSTM-4?"),
    ])
    func badDescriptionsSayWhere(_ text: String, _ column: Int, _ message: String) {
        #expect {
            try NetworkDescription.parse(text)
        } throws: { error in
            guard let e = error as? DescriptionError else { return false }
            return e.column == column && e.message.contains(message)
        }
    }

    @Test func receptiveFieldsAreForImages() throws {
        let d = try NetworkDescription.parse("INPUT SEQ-5x3 -> RNN-4")
        #expect(throws: DescriptionError.self) { try d.receptiveField(layer: "rnn1") }
    }

    @Test func modelFileRoundTripsARecurrentNetwork() throws {
        let net = try Batches.network("INPUT SEQ-6x3 -> LSTM-4 -> RNN-3 -> LAST -> FC-2")
        let (back, _) = try ModelFile.decode(ModelFile.encode(net, history: nil))
        #expect(back.parameters == net.parameters)
        #expect(back.description.layers == net.description.layers)
    }

    @Test func weightsAreOneMatrixOfInputThenRecurrentWeights() throws {
        let net = try Batches.network("INPUT SEQ-4x3 -> LSTM-5 -> LAST")
        let (w, b) = try net.weights(layer: "lstm1")
        #expect(w.shape == [20, 8] && b.shape == [20])
        let rnn = try Batches.network("INPUT SEQ-4x3 -> RNN-5")
        #expect(try rnn.weights(layer: "rnn1").w.shape == [5, 8])
        let eye = Tensor(shape: [5, 8], scalars: (0..<40).map { $0 % 8 == 3 + $0 / 8 ? 1 : 0 })
        let copy = try rnn.replacingWeights(layer: "rnn1", w: eye, b: nil)
        #expect(try copy.weights(layer: "rnn1").w == eye)
    }

    @Test func forgetGateBiasesStartAtOne() throws {
        let net = try Batches.network("INPUT SEQ-4x3 -> LSTM-5")
        let biases = Array(net.parameters.suffix(20))
        #expect(biases == [Float](repeating: 0, count: 5) + [Float](repeating: 1, count: 5) + [Float](repeating: 0, count: 10))
    }

    // MARK: Forward against a plain reference

    /// The LSTM's equations written out one example and one step at a time,
    /// in Double, with no GEMM: the batched forward must agree.
    @Test func lstmForwardMatchesTheEquations() throws {
        let (t, f, n, batch) = (5, 3, 4, 2)
        var net = try Batches.network("INPUT SEQ-\(t)x\(f) -> LSTM-\(n)")
        // Non-zero biases, so a mix-up of gate blocks shows.
        net.parameters = net.parameters.enumerated().map { i, v in i >= 4 * n * (f + n) ? Float(i % 7) * 0.1 - 0.3 : v }
        let x = try Tensor.normal(shape: [batch, t, f], seed: 3)
        let y = try net.forward(x)
        let p = net.parameters.map(Double.init), row = f + n, b = 4 * n * (f + n)
        func sigmoid(_ v: Double) -> Double { 1 / (1 + Foundation.exp(-v)) }
        for e in 0..<batch {
            var h = [Double](repeating: 0, count: n), c = h
            for s in 0..<t {
                var a = [Double](repeating: 0, count: 4 * n)
                for r in 0..<(4 * n) {
                    a[r] = p[b + r]
                    for k in 0..<f { a[r] += p[r * row + k] * Double(x.scalars[(e * t + s) * f + k]) }
                    for k in 0..<n { a[r] += p[r * row + f + k] * h[k] }
                }
                for j in 0..<n {
                    c[j] = sigmoid(a[n + j]) * c[j] + sigmoid(a[j]) * Foundation.tanh(a[2 * n + j])
                    h[j] = sigmoid(a[3 * n + j]) * Foundation.tanh(c[j])
                    #expect(abs(Double(y.scalars[(e * t + s) * n + j]) - h[j]) < 1e-5)
                }
            }
        }
    }

    @Test func rnnForwardMatchesTheEquation() throws {
        let (t, f, n) = (6, 2, 3)
        let net = try Batches.network("INPUT SEQ-\(t)x\(f) -> RNN-\(n) -> LAST")
        let x = try Tensor.normal(shape: [t, f], seed: 4)
        let y = try net.forward(x)
        let p = net.parameters.map(Double.init), row = f + n, b = n * (f + n)
        var h = [Double](repeating: 0, count: n)
        for s in 0..<t {
            h = (0..<n).map { r in
                var a = p[b + r]
                for k in 0..<f { a += p[r * row + k] * Double(x.scalars[s * f + k]) }
                for k in 0..<n { a += p[r * row + f + k] * h[k] }
                return Foundation.tanh(a)
            }
        }
        #expect(y.shape == [n])
        for j in 0..<n { #expect(abs(Double(y.scalars[j]) - h[j]) < 1e-5) }
    }

    // MARK: Backpropagation through time

    /// Relative error |a − n| / max(|a|, |n|, 1e-3) below 1e-2, as for every
    /// layer (`LayerGradientTests`): relative where a gradient is above 1e-3,
    /// absolute 1e-5 below it, which is the Float32 noise of the loss over
    /// a step of 2·10⁻².
    static let tolerance = 1e-2

    static let cases: [LayerGradientTests.Case] = [
        .init(network: "INPUT SEQ-5x3 -> RNN-4", loss: .mse, targets: true),
        .init(network: "INPUT SEQ-5x3 -> LSTM-4", loss: .mse, targets: true),
        .init(network: "INPUT SEQ-5x3 -> LSTM-4 -> LAST"),
        .init(network: "INPUT SEQ-5x3 -> RNN-4 -> LAST"),
        .init(network: "INPUT SEQ-6x4 -> LAST", loss: .mse, targets: true),
        .init(network: "INPUT SEQ-6x3 -> LSTM-5 -> RNN-4 -> LAST -> FC-3 -> SOFTMAX", scale: 1),
        .init(network: "INPUT SEQ-6x3 -> RNN-5 -> TANH -> LSTM-4 -> LAST -> FC-2", loss: .mse, targets: true, scale: 1),
        // Long sequences with random weights: the gradient reaching the
        // early steps is tiny (1e-9 at step 0 of the RNN), so there it is
        // compared under the absolute floor, which only says both are
        // below 1e-5; `firstStepGradientOfALongSequence` checks it where it
        // is large. 400 samples cover most steps.
        .init(network: "INPUT SEQ-50x3 -> RNN-8 -> LAST -> FC-3 -> SOFTMAX", batch: 2, scale: 1),
        .init(network: "INPUT SEQ-50x3 -> LSTM-8 -> LAST -> FC-3 -> SOFTMAX", batch: 2, scale: 1),
    ]

    @Test(arguments: cases)
    func backwardThroughTimeMatchesCentralDifferences(_ c: LayerGradientTests.Case) throws {
        let net = try Batches.network(c.network)
        let images = try Batches.images(for: net, batch: c.batch, seed: c.seed, std: c.scale)
        let labels = Batches.labels(for: net, batch: c.batch, seed: c.seed)
        let targets = c.targets ? try Batches.targets(for: net, batch: c.batch, seed: c.seed) : nil
        let result = try net.gradientCheck(images: images, labels: labels, loss: c.loss, targets: targets,
                                           samples: 400, epsilon: c.epsilon, seed: c.seed)
        #expect(result.perLayer.allSatisfy { $0.checked > 0 })
        for layer in result.perLayer {
            #expect(layer.maxRelativeError < Self.tolerance, "\(layer.layer): \(layer.maxRelativeError)")
        }
    }

    /// Step 0's input gradient in a 50-step sequence. With initial weights
    /// it is about 1e-9 (RNN) to 1e-7 (LSTM) of a loss near 1: below the
    /// Float32 noise of any central difference (1e-7 / 2h), so random
    /// weights cannot check it. Here the weights are set so that the
    /// gradient survives 50 steps (the RNN's W_h the identity on small
    /// inputs, so tanh is nearly linear; the LSTM's forget biases 6, so
    /// f ≈ 0.998), which makes it large enough to compare: it must exceed
    /// 1e-4, and agree to 1e-2 relative above an absolute 1e-5 (the noise
    /// of a loss near 1 over a step of 2·10⁻²).
    @Test(arguments: ["RNN-8", "LSTM-8"])
    func firstStepGradientOfALongSequence(_ layer: String) throws {
        var net = try Batches.network("INPUT SEQ-50x3 -> \(layer) -> LAST -> FC-3 -> SOFTMAX")
        let (f, n) = (3, 8)
        if layer.hasPrefix("RNN") {
            for r in 0..<n { for c in 0..<n { net.parameters[r * (f + n) + f + c] = r == c ? 1 : 0 } }
        } else {
            let biases = 4 * n * (f + n)
            for j in 0..<n { net.parameters[biases + n + j] = 6 }
        }
        let std: Float = layer.hasPrefix("RNN") ? 0.05 : 1
        let images = try Batches.images(for: net, batch: 2, seed: 5, std: std)
        let labels = Batches.labels(for: net, batch: 2, seed: 5)
        let analytic = try net.lossGradient(images: images, labels: labels)
        // Both examples' step 0 and step 49 (index e·150 + t·3 + k).
        for i in [0, 1, 2, 150, 151, 152, 147, 297] {
            var up = images.scalars, down = images.scalars
            let h: Float = 1e-2
            up[i] += h; down[i] -= h
            let lossUp = try net.lossGradient(images: Tensor(shape: images.shape, scalars: up), labels: labels).loss
            let lossDown = try net.lossGradient(images: Tensor(shape: images.shape, scalars: down), labels: labels).loss
            let numeric = (lossUp - lossDown) / Double(up[i] - down[i])
            let a = Double(analytic.input.scalars[i])
            #expect(abs(a) > 1e-4, "input \(i): the gradient \(a) is too small to check")
            #expect(abs(a - numeric) <= 1e-2 * max(abs(a), abs(numeric)) + 1e-5, "input \(i): \(a) vs \(numeric)")
        }
    }
}
