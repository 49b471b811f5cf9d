import Foundation
import Tensors

/// t-SNE (van der Maaten and Hinton 2008) with the settings that became
/// standard: PCA initialisation scaled small, early exaggeration,
/// momentum with per-coordinate gains, and a learning rate that grows with N.
///
/// Up to `exactLimit` points every pair is used (P dense, exact gradient);
/// above it, P lives on each point's 3·perplexity nearest neighbours (a
/// vantage-point tree finds them exactly) and repulsion goes through a
/// Barnes-Hut quadtree. The result is the same bytes on any number of
/// threads: work is split in fixed pieces and summed in a fixed order.
public enum TSNE {
    public struct Options: Sendable, Equatable {
        public var perplexity = 30.0
        public var iterations = 1000
        /// Picks the vantage points of the neighbour search (which does not
        /// change its exact answer) and the starting coordinates PCA cannot
        /// give (one-dimensional or constant data).
        public var seed: UInt64 = 0
        /// Barnes-Hut's opening angle: a cell acts as one point when its
        /// side is below θ times its distance.
        public var theta = 0.5
        /// Up to this many points the method is exact.
        public var exactLimit = 1000

        public init(perplexity: Double = 30, iterations: Int = 1000, seed: UInt64 = 0) {
            self.perplexity = perplexity
            self.iterations = iterations
            self.seed = seed
        }
    }

    public struct Result: Sendable {
        /// N×2.
        public let points: Tensor
        /// KL(P‖Q) of the final embedding, computed exactly.
        public let kl: Double
        public let iterations: Int
        /// Whether the gradient was exact (N ≤ exactLimit) rather than Barnes-Hut.
        public let exact: Bool
    }

    public static let maxPoints = 100_000
    public static let maxIterations = 100_000
    /// The schedule (bhtsne, openTSNE, scikit-learn): exaggerate P for the
    /// first iterations so clusters form, with a lower momentum meanwhile.
    static let exaggeration = 12.0
    static let earlyIterations = 250
    static let momentum = (early: 0.5, late: 0.8)

    /// Embeds the rows of `x` (N×D, or N×… flattened) in two dimensions.
    /// `progress` is called with the iteration number every ten iterations
    /// and may throw to stop the run (a block's timeout). Throws
    /// `EmbeddingError` for unusable input, or what `progress` throws.
    public static func embed(_ x: Tensor, options: Options = Options(),
                             progress: (Int) throws -> Void = { _ in }) throws -> Result {
        let rows = try Rows(x, what: "x")
        let n = rows.count
        try validate(n: n, options)
        let start = try initialPositions(x, rows, seed: options.seed)
        let exact = n <= options.exactLimit
        let dense = exact ? Affinities.dense(rows, perplexity: options.perplexity) : nil
        let denseLanes = dense.map { p in Buffer(p.array.map { Float($0) }) }
        var sparse: SparseMatrix?
        if !exact {
            let k = min(n - 1, Int(3 * options.perplexity))
            let graph = NearestNeighbors.graph(rows, k: k, seed: RandomStream.seed(combining: options.seed, 1))
            sparse = Affinities.sparse(graph, perplexity: options.perplexity)
        }
        var barnesHut = BarnesHutGradient(theta: options.theta)
        let gradient: (Embedding2D, Double, Embedding2D) -> Void = { y, exaggeration, g in
            if let denseLanes { ExactGradient.compute(y, p: denseLanes, exaggeration: exaggeration, into: g) }
            else if let sparse { barnesHut.compute(y, p: sparse, exaggeration: exaggeration, into: g) }
        }
        let optimizer = GradientDescent(start: start, learningRate: max(Double(n) / 12, 200))
        let early = min(earlyIterations, options.iterations / 2)
        for t in 0..<options.iterations {
            let isEarly = t < early
            optimizer.step(momentum: isEarly ? momentum.early : momentum.late) { y, g in
                gradient(y, isEarly ? exaggeration : 1, g)
            }
            if (t + 1) % 10 == 0 {
                guard optimizer.isFinite else {
                    throw EmbeddingError("t-SNE diverged at iteration \(t + 1) (a coordinate is no longer a finite number)")
                }
                try progress(t + 1)
            }
        }
        let y = optimizer.position
        let kl = dense.map { KLDivergence.dense(y, p: $0) } ?? sparse.map { KLDivergence.sparse(y, p: $0) } ?? 0
        var points = [Float](repeating: 0, count: 2 * n)
        for i in 0..<n {
            points[2 * i] = Float(y.x[i])
            points[2 * i + 1] = Float(y.y[i])
        }
        // Pieces skipped after a stop leave a meaningless map (also with no iterations to notice it).
        if Interruption.requested { throw EmbeddingError.stopped }
        return Result(points: Tensor(shape: [n, 2], scalars: points), kl: kl, iterations: options.iterations, exact: exact)
    }

    static func validate(n: Int, _ options: Options) throws(EmbeddingError) {
        guard n >= 3 else { throw EmbeddingError("t-SNE needs at least 3 points, got \(n)") }
        guard n <= maxPoints else {
            throw EmbeddingError("t-SNE here embeds at most \(maxPoints) points, got \(n)")
        }
        let p = options.perplexity
        guard p.isFinite, p >= 1, p < Double(n - 1) else {
            throw EmbeddingError("perplexity must be at least 1 and below the number of points minus one "
                                 + "(\(n - 1)), got \(p)")
        }
        guard (0...maxIterations).contains(options.iterations) else {
            throw EmbeddingError("iterations must be between 0 and \(maxIterations), got \(options.iterations)")
        }
        guard options.theta >= 0, options.theta < 0.7 else {
            throw EmbeddingError("theta must be in [0, 0.7), got \(options.theta)")
        }
    }

    /// The first two principal components, scaled so the first has standard
    /// deviation 1e-4 (as openTSNE and scikit-learn do): the layout of the
    /// data without its scale, which would otherwise fight the early
    /// exaggeration. An axis PCA cannot give (D = 1, or no spread along it)
    /// is seeded Gaussian noise of the same size.
    static func initialPositions(_ x: Tensor, _ rows: Rows, seed: UInt64) throws(EmbeddingError) -> Embedding2D {
        let n = rows.count
        let flat = Tensor(shape: [n, rows.dim], scalars: x.scalars)
        guard rows.dim <= PCA.maxFeatures else {
            throw EmbeddingError("t-SNE starts from the first two principal components, and PCA takes at most "
                                 + "\(PCA.maxFeatures) features a point; x has \(rows.dim): pool them or pick a smaller layer first")
        }
        let pca = try PCA.fit(flat, components: min(2, rows.dim))
        let projected = try pca.project(flat)
        let c = projected.shape[1]
        func column(_ axis: Int) -> [Double] { (0..<n).map { Double(projected.scalars[$0 * c + axis]) } }
        let first = column(0), second = c > 1 ? column(1) : []
        let sd = standardDeviation(first)
        let scale = sd > 0 ? 1e-4 / sd : 0
        let y = Embedding2D(count: n)
        let noise = RandomStream(seed: RandomStream.seed(combining: seed, 2))
        let flatSecond = second.isEmpty || standardDeviation(second) <= 1e-6 * sd
        for i in 0..<n {
            y.x[i] = scale > 0 ? first[i] * scale : 1e-4 * Double(noise.normal(at: UInt64(i)))
            y.y[i] = scale > 0 && !flatSecond ? second[i] * scale : 1e-4 * Double(noise.normal(at: UInt64(n + i)))
        }
        return y
    }

    static func standardDeviation(_ v: [Double]) -> Double {
        let mean = v.reduce(0, +) / Double(v.count)
        return sqrt(v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count))
    }
}
