import NeuralNet
import Tensors

/// Training throughput of an LSTM classifier through `Network.trained`, as a
/// lesson trains one, and how close the LSTM layer's GEMMs come to sgemm.
public enum LSTMBench {
    public static let network = "INPUT SEQ-50x10 -> LSTM-128 -> LAST -> FC-10 -> SOFTMAX"
    public static let steps = 50, features = 10, units = 128
    public static let batch = 64
    /// Sequences in a timed epoch: 20 batches.
    public static let sequences = 1_280

    /// Sequences per second over one epoch of Adam (learning rate 1e-3),
    /// the median of `runs` epochs after a two-batch warm-up; then the LSTM
    /// layer alone, forward and backward, at the training batch.
    public static func measure(runs: Int, layerRepeats: Int, sgemmGFLOPS: Double) throws(BenchError) -> BenchReport.LSTM {
        let (net, summary) = try BenchNetwork.build(network)
        let (x, labels) = data(count: sequences)
        var options = TrainingOptions()
        options.epochs = 1
        options.batch = batch
        options.learningRate = 1e-3
        options.optimizer = .adam
        let seconds: Double
        do {
            let (warmX, warmLabels) = data(count: 2 * batch)
            _ = try net.trained(images: warmX, labels: warmLabels, options: options)
            seconds = try Stopwatch.median(repeats: runs, warmUps: 0) {
                _ = try net.trained(images: x, labels: labels, options: options)
            }
        } catch {
            throw BenchError("training the LSTM benchmark network failed: \(error)")
        }
        let timings = try BenchNetwork.timeLayers(net, batch: batch, repeats: layerRepeats)
        guard let lstm = timings.first, summary.rows.count > 1 else { throw BenchError("the LSTM layer produced no timing") }
        let gflops = Stopwatch.gflops(layerFlops(), seconds: lstm.forward + lstm.backward)
        return BenchReport.LSTM(network: network, batch: batch, sequences: sequences, optimizer: "adam", runs: max(1, runs),
                                secondsPerEpoch: seconds.rounded(places: 4),
                                sequencesPerSecond: (seconds > 0 ? Double(sequences) / seconds : 0).rounded(places: 1),
                                layerForwardMs: (lstm.forward * 1e3).rounded(places: 3),
                                layerBackwardMs: (lstm.backward * 1e3).rounded(places: 3),
                                layerGflops: gflops.rounded(places: 3),
                                fractionOfSgemm: sgemmGFLOPS > 0 ? (gflops / sgemmGFLOPS).rounded(places: 4) : 0)
    }

    /// The LSTM layer's GEMM FLOPs for one forward and backward pass of a
    /// batch, as `timeLayers` runs it (input gradient included), with G·n =
    /// 4·128 gate rows: forward x·W_xᵀ over all steps and h·W_hᵀ over T − 1;
    /// backward da·W_h over T − 1, dW_x, dW_h and dx over all steps.
    /// Everything else the layer does (gates, cell) counts as overhead.
    static func layerFlops() -> Double {
        let (b, t, f, n, g) = (Double(batch), Double(steps), Double(features), Double(units), 4 * Double(units))
        let forward = 2 * b * t * g * f + 2 * b * (t - 1) * g * n
        let backward = 2 * b * (t - 1) * g * n + 2 * b * t * g * f + 2 * b * t * g * n + 2 * b * t * g * f
        return forward + backward
    }

    /// Seeded random one-hot symbols with random labels: the arithmetic of
    /// the "first" task without needing the Lab.
    static func data(count: Int) -> (Tensor, [Int]) {
        let stream = RandomStream(seed: 3)
        var values = [Float](repeating: 0, count: count * steps * features)
        for r in 0..<(count * steps) { values[r * features + Int(stream.value(at: UInt64(r)) % UInt64(features))] = 1 }
        let labels = (0..<count).map { Int(stream.value(at: UInt64(count * steps + $0)) % 10) }
        return (Tensor(shape: [count, steps, features], scalars: values), labels)
    }
}
