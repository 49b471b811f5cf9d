import Datasets
import Embedding
import Foundation
import Tensors

/// t-SNE as the lessons run it: the first N Fashion-MNIST test images,
/// reduced to 50 dimensions by PCA, embedded with the default settings
/// (perplexity 30, 1,000 iterations). One timed run a size (a run is
/// seconds long, and its bytes do not depend on the run), reporting the
/// final KL divergence and the 2-D 10-NN accuracy beside the time, since a
/// faster t-SNE that embeds worse is no gain.
public enum EmbeddingBench {
    public static let dimensions = 50
    public static let perplexity = 30.0
    public static let iterations = 1000
    public static let sizes = [2_000]
    /// `lectern bench --tsne`: the sizes of the comparison with openTSNE and scikit-learn.
    public static let comparisonSizes = [2_000, 5_000, 10_000]

    public static func measure(sizes: [Int]) throws(BenchError) -> [BenchReport.TSNERun] {
        guard let largest = sizes.max() else { return [] }
        let data = try testData(count: largest)
        var runs: [BenchReport.TSNERun] = []
        for n in sizes.sorted() {
            let count = min(n, data.labels.count)
            let dim = data.images.count / max(1, data.labels.count)
            let images = Tensor(shape: [count, dim], scalars: Array(data.images.scalars.prefix(count * dim)))
            let labels = Array(data.labels.prefix(count))
            var reduced = images, result: Result<TSNE.Result, Error>?
            do {
                let pcaSeconds = try Stopwatch.seconds { () throws(EmbeddingError) in
                    reduced = try PCA.fit(images, components: dimensions).project(images)
                }
                let options = TSNE.Options(perplexity: perplexity, iterations: iterations, seed: 0)
                let seconds = Stopwatch.seconds { result = Result { try TSNE.embed(reduced, options: options) } }
                guard let embedded = try result?.get() else { continue }
                let accuracy = try NearestNeighbors.votingAccuracy(embedded.points, labels: labels, k: 10)
                runs.append(BenchReport.TSNERun(points: count, dimensions: dimensions, perplexity: perplexity,
                                                iterations: iterations, method: embedded.exact ? "exact" : "barnes-hut",
                                                data: data.source, dataNote: data.note,
                                                pcaSeconds: pcaSeconds.rounded(places: 3), seconds: seconds.rounded(places: 3),
                                                kl: embedded.kl.rounded(places: 4), knn10Accuracy: accuracy.rounded(places: 4)))
            } catch {
                throw BenchError("t-SNE of \(count) points failed: \((error as? EmbeddingError)?.message ?? "\(error)")")
            }
        }
        return runs
    }

    /// The test split's first `count` images, flattened; seeded clusters
    /// when the data set is not installed (the same arithmetic, though the
    /// accuracy then means little, and the report says so).
    static func testData(count: Int) throws(BenchError) -> TrainingBench.TrainingData {
        do {
            let all = try FashionMNIST.load(split: .test)
            let n = min(count, all.count)
            let pixels = all.images.count / max(1, all.count)
            return TrainingBench.TrainingData(images: Tensor(shape: [n, pixels], scalars: Array(all.images.scalars.prefix(n * pixels))),
                                              labels: Array(all.labels.prefix(n)), source: "fashion-mnist", note: nil)
        } catch {
            let dim = 784, stream = RandomStream(seed: 7)
            var values = [Float](repeating: 0, count: count * dim)
            for i in 0..<count {
                for d in 0..<dim {
                    let centre: Float = d % 10 == i % 10 ? 1 : 0
                    values[i * dim + d] = centre + 0.3 * stream.normal(at: UInt64(i * dim + d))
                }
            }
            return TrainingBench.TrainingData(images: Tensor(shape: [count, dim], scalars: values),
                                              labels: (0..<count).map { $0 % 10 }, source: "random",
                                              note: "Fashion-MNIST is not available (\(error.message)); embedded seeded clusters")
        }
    }
}

extension BenchReport {
    /// The t-SNE section as text, for `lectern bench` to print under the table.
    public func tsneLines() -> [String] {
        guard let runs = tsne, !runs.isEmpty else { return [] }
        var rows = [["t-SNE, Fashion-MNIST test → PCA \(runs[0].dimensions)", "points", "seconds", "KL", "10-NN accuracy"]]
        for r in runs {
            rows.append(["  perplexity \(String(format: "%g", r.perplexity)), \(r.iterations) iterations, \(r.method)",
                         BenchTable.grouped(r.points), String(format: "%.2f", r.seconds), String(format: "%.4f", r.kl),
                         String(format: "%.4f", r.knn10Accuracy)])
        }
        var lines = [""] + BenchTable.align(rows)
        if let note = runs.first?.dataNote { lines.append("  \(note)") }
        return lines
    }

    /// One t-SNE run of `lectern bench`.
    public struct TSNERun: Codable, Sendable, Equatable {
        public var points: Int
        /// PCA dimensions the images were reduced to first.
        public var dimensions: Int
        public var perplexity: Double
        public var iterations: Int
        /// `barnes-hut`, or `exact` for small N.
        public var method: String
        /// `fashion-mnist`, or `random` with a `data_note` when the data set is missing.
        public var data: String
        public var dataNote: String?
        /// The PCA reduction, not part of `seconds`.
        public var pcaSeconds: Double
        /// The whole of `tsne`: neighbours, affinities, initialisation, iterations, final KL.
        public var seconds: Double
        public var kl: Double
        /// Leave-one-out 10-NN accuracy of the 2-D points.
        public var knn10Accuracy: Double

        public init(points: Int, dimensions: Int, perplexity: Double, iterations: Int, method: String, data: String,
                    dataNote: String?, pcaSeconds: Double, seconds: Double, kl: Double, knn10Accuracy: Double) {
            self.points = points
            self.dimensions = dimensions
            self.perplexity = perplexity
            self.iterations = iterations
            self.method = method
            self.data = data
            self.dataNote = dataNote
            self.pcaSeconds = pcaSeconds
            self.seconds = seconds
            self.kl = kl
            self.knn10Accuracy = knn10Accuracy
        }

        enum CodingKeys: String, CodingKey {
            case points, dimensions, perplexity, iterations, method, data, seconds, kl
            case dataNote = "data_note", pcaSeconds = "pca_seconds", knn10Accuracy = "knn10_accuracy"
        }
    }
}
