import Datasets
import NeuralNet
import Tensors

/// Training throughput of the network the lessons train on Fashion-MNIST,
/// through `Network.trained` exactly as a lesson calls it, and where one
/// step's time goes, layer by layer.
public enum TrainingBench {
    public static let network = "INPUT 28x28x1 -> CONV3-32 -> RELU -> POOL2 -> CONV3-64 -> RELU -> POOL2 "
        + "-> FC-128 -> RELU -> FC-10 -> SOFTMAX"
    public static let images = 5_000
    public static let batch = 128

    /// Images per second over one epoch of Adam (learning rate 1e-3), the
    /// median of `runs` epochs after a two-batch warm-up, each from the same
    /// initial weights.
    public static func measure(runs: Int) throws(BenchError) -> BenchReport.Training {
        let (net, _) = try BenchNetwork.build(network)
        let data = try trainingData()
        var options = TrainingOptions()
        options.epochs = 1
        options.batch = batch
        options.learningRate = 1e-3
        options.optimizer = .adam

        let warmUp = min(data.labels.count, 2 * batch)
        let warmUpImages = Tensor(shape: [warmUp, 1, 28, 28], scalars: Array(data.images.scalars.prefix(warmUp * 784)))
        let seconds: Double
        do {
            _ = try net.trained(images: warmUpImages, labels: Array(data.labels.prefix(warmUp)), options: options)
            seconds = try Stopwatch.median(repeats: runs, warmUps: 0) {
                _ = try net.trained(images: data.images, labels: data.labels, options: options)
            }
        } catch {
            throw BenchError("training the benchmark network failed: \(error)")
        }
        let count = data.labels.count
        return BenchReport.Training(network: network, data: data.source, dataNote: data.note, images: count,
                                    batch: batch, optimizer: "adam", learningRate: 1e-3, runs: max(1, runs),
                                    secondsPerEpoch: seconds.rounded(places: 4),
                                    imagesPerSecond: (seconds > 0 ? Double(count) / seconds : 0).rounded(places: 1))
    }

    /// The same network's layers at the training batch size: median forward
    /// and backward milliseconds of each.
    public static func layers(repeats: Int) throws(BenchError) -> [BenchReport.Layer] {
        let (net, summary) = try BenchNetwork.build(network)
        let timings = try BenchNetwork.timeLayers(net, batch: batch, repeats: repeats)
        return timings.enumerated().map { i, t in
            BenchReport.Layer(name: t.name, layer: i + 1 < summary.rows.count ? summary.rows[i + 1].layer : "",
                              forwardMs: (t.forward * 1e3).rounded(places: 3),
                              backwardMs: (t.backward * 1e3).rounded(places: 3))
        }
    }

    struct TrainingData {
        let images: Tensor
        let labels: [Int]
        let source: String
        let note: String?
    }

    /// The first `images` Fashion-MNIST training images; seeded random
    /// images with random labels when the data set is not installed, which
    /// times the same arithmetic (only the loss curve would differ).
    static func trainingData() throws(BenchError) -> TrainingData {
        let pixels = 28 * 28
        do {
            let all = try FashionMNIST.load(split: .train)
            let n = min(images, all.count)
            let subset = Tensor(shape: [n, 1, 28, 28], scalars: Array(all.images.scalars.prefix(n * pixels)))
            return TrainingData(images: subset, labels: Array(all.labels.prefix(n)), source: "fashion-mnist", note: nil)
        } catch {
            let random: Tensor
            do { random = try Tensor.uniform(shape: [images, 1, 28, 28], seed: 1) } catch {
                throw BenchError("cannot make random training images: \(error)")
            }
            var stream = RandomStream(seed: 2)
            let labels = (0..<images).map { _ in Int(stream.nextUInt64() % 10) }
            return TrainingData(images: random, labels: labels, source: "random",
                                note: "Fashion-MNIST is not available (\(error.message)); trained on seeded random images")
        }
    }
}
