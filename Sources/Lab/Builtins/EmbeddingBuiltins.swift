import Datasets
import Embedding
import Tensors

/// The representation-space built-ins (issue 5): PCA, t-SNE, nearest
/// neighbours, kNN accuracy, trustworthiness and the t-SNE image grid
/// (`embed_grid`, in EmbeddingGridBuiltin.swift). Points are the rows of
/// an N×D tensor (or N×… flattened, so images work as they are); a dataset
/// stands for its images, and for its labels where labels are asked for.
enum EmbeddingBuiltins {
    static let all: [Builtin] = [pca, tsne, knnAccuracy, neighbors, trustworthiness, EmbeddingGridBuiltin.embedGrid]

    static let pca = Builtin("pca(x: tensor, k: int)", "N×k: each point's coordinates on the top k principal components") { args, context in
        let x = try points(args, "x")
        let dim = x.shape.dropFirst().reduce(1, *)
        let k = try args.int("k", min: 1, max: max(1, dim))
        return .tensor(try run(args, "x", context) { () throws(EmbeddingError) in
            try PCA.fit(x, components: k, stop: context.stop).project(x)
        })
    }

    static let tsne = Builtin("tsne(x: tensor, perplexity: number = 30, iterations: int = 1000, seed = seed)",
                              "t-SNE of the rows of x in 2-D: .points (N×2), .kl, .iterations; cached by content", memo: .result) { args, context in
        let x = try points(args, "x")
        let n = x.shape[0]
        guard n >= 3 else { throw LabError("tsne needs at least 3 points, got \(n)", at: args.location("x")) }
        var options = TSNE.Options()
        options.perplexity = try args.number("perplexity")
        guard options.perplexity.isFinite, options.perplexity >= 1, options.perplexity < Double(n - 1) else {
            throw LabError("tsne: perplexity must be at least 1 and below the number of points minus one "
                           + "(\(n - 1)), got \(ValueFormat.plain(options.perplexity))", at: args.location("perplexity"))
        }
        options.iterations = try args.int("iterations", min: 0, max: TSNE.maxIterations)
        options.seed = try args.seed(context)
        let result = try args.run(at: "x") { try TSNE.embed(x, options: options) { _ in try context.checkDeadline() } }
        return .record(Record([("points", .tensor(result.points)), ("kl", .number(result.kl)),
                               ("iterations", .number(Double(result.iterations)))]))
    }

    static let knnAccuracy = Builtin("knn_accuracy(points: tensor, labels: tensor, k: int = none)",
                                     "leave-one-out accuracy of a k-nearest-neighbour vote (k = 10) among the points") { args, context in
        let p = try points(args, "points")
        let labels = try labelList(args, "labels")
        guard labels.count == p.shape[0] else {
            throw LabError("knn_accuracy: there are \(p.shape[0]) points but \(labels.count) labels; give one label a point",
                           at: args.location("labels"))
        }
        guard p.shape[0] >= 2 else { throw LabError("knn_accuracy needs at least 2 points, got 1", at: args.location("points")) }
        let k = try args.int("k", default: min(10, p.shape[0] - 1), min: 1, max: p.shape[0] - 1)
        return .number(try run(args, "points", context) { () throws(EmbeddingError) in
            try NearestNeighbors.votingAccuracy(p, labels: labels, k: k)
        })
    }

    static let neighbors = Builtin("neighbors(x: tensor, queries: tensor, k: int = none)",
                                   "indices of the k (5) nearest rows of x to each query, nearest first") { args, context in
        let x = try points(args, "x")
        let queries = try args.value("queries").flatMap { $0.datasetImages } ?? args.tensor("queries")
        let dim = x.shape.dropFirst().reduce(1, *)
        let single = queries.count == dim && (queries.rank == 1 || queries.shape == Array(x.shape.dropFirst()))
        let asRows = single ? Tensor(shape: [1, dim], scalars: queries.scalars) : queries
        guard asRows.rank >= 2, asRows.shape.dropFirst().reduce(1, *) == dim else {
            throw LabError("neighbors: queries must be one point of x's size (\(dim) values) or rows of them, "
                           + "got shape \(Tensor.describe(queries.shape))", at: args.location("queries"))
        }
        let k = try args.int("k", default: min(5, x.shape[0]), min: 1, max: x.shape[0])
        let found = try run(args, "queries", context) { () throws(EmbeddingError) in
            try NearestNeighbors.search(x, queries: asRows, k: k)
        }
        let flat = found.flatMap { $0.map(Float.init) }
        return .tensor(single ? Tensor(flat) : Tensor(shape: [found.count, k], scalars: flat))
    }

    static let trustworthiness = Builtin("trustworthiness(x: tensor, points: tensor, k: int = none)",
                                         "Venna and Kaski's trustworthiness of an embedding of x, with k (5) neighbours") { args, context in
        let x = try points(args, "x"), p = try points(args, "points")
        guard x.shape[0] == p.shape[0] else {
            throw LabError("trustworthiness: x has \(x.shape[0]) points but the embedding has \(p.shape[0])",
                           at: args.location("points"))
        }
        let n = x.shape[0]
        guard n >= 3 else { throw LabError("trustworthiness needs at least 3 points, got \(n)", at: args.location("x")) }
        let k = try args.int("k", default: min(5, (n - 1) / 2), min: 1, max: (n - 1) / 2)
        return .number(try run(args, "points", context) { () throws(EmbeddingError) in
            try Trustworthiness.score(x, embedding: p, k: k)
        })
    }

    // MARK: - Arguments

    /// Points: a tensor with one point a row (rank 2 or more), or a dataset's images.
    static func points(_ args: Arguments, _ name: String) throws -> Tensor {
        let t = try args.value(name).flatMap { $0.datasetImages } ?? args.tensor(name)
        guard t.rank >= 2, t.shape[0] > 0, t.count > 0 else {
            throw LabError("\(args.builtin): '\(name)' must hold one point a row (N×D, or N×… such as images), "
                           + "got shape \(Tensor.describe(t.shape))", at: args.location(name))
        }
        if let bad = t.scalars.firstIndex(where: { !$0.isFinite }) {
            throw LabError("\(args.builtin): '\(name)' holds a value that is not a finite number, in row "
                           + "\(bad / (t.count / t.shape[0]))", at: args.location(name))
        }
        return t
    }

    /// Whole-number labels: a tensor or list, or a dataset's labels.
    static func labelList(_ args: Arguments, _ name: String) throws -> [Int] {
        if case let .object(o)? = args.value(name), let data = o as? DatasetValue { return data.labels }
        let t = try args.tensor(name)
        guard t.rank <= 1 else { throw args.fail(name, "a list of whole-number labels, one a point") }
        return try t.scalars.map { v in
            guard v == v.rounded(), abs(v) < 1e9 else { throw args.fail(name, "a list of whole-number labels, one a point") }
            return Int(v)
        }
    }

    /// A method's result, with its errors located at `name` (Arguments.run),
    /// cut short when the block's time runs out: the method polls
    /// `context.stop` between pieces of work, and a result it abandoned
    /// half-way is never returned.
    static func run<T>(_ args: Arguments, _ name: String, _ context: CallContext,
                       _ body: () throws(EmbeddingError) -> T) throws -> T {
        let outcome = Interruption.withStop(context.stop) { () -> Result<T, EmbeddingError> in
            do throws(EmbeddingError) { return .success(try body()) } catch { return .failure(error) }
        }
        try context.checkDeadline()
        return try args.run(at: name) { try outcome.get() }
    }
}

extension Value {
    /// A dataset's images, for built-ins that take points.
    var datasetImages: Tensor? {
        if case let .object(o) = self, let data = o as? DatasetValue { return data.images }
        return nil
    }
}
