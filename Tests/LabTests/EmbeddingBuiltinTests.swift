import Foundation
import Testing
@testable import Lab
import Tensors

/// `pca`, `tsne`, `knn_accuracy`, `neighbors`, `trustworthiness` and
/// `embed_grid` (LESSON-FORMAT.md section 6): what they return, the
/// hand-worked cases, memoization, and located errors. The methods
/// themselves are tested in EmbeddingTests.
@Suite struct EmbeddingBuiltinTests {
    static let setup = """
        pts = [[0, 0], [1, 0], [0, 1], [1, 1], [3, 3]]
        line = reshape([0, 1, 2, 3, 10, 11], [6, 1])
        labels = [7, 7, 8, 8, 9, 9]
        x = randn([40, 3], seed=1)
        imgs = rand([4, 1, 2, 3], seed=2)
        corners = [[0, 0], [1, 0], [0, 1], [1, 1]]
        """

    static func value(_ expr: String) -> Value? { Harness.value(expr, setup: setup) }

    /// The error of one statement, and whether it points at `needle` (line 10, its column).
    static func error(_ statement: String, at needle: String) -> (message: String, located: Bool)? {
        guard let d = Harness.error(statement, setup: setup) else { return nil }
        let column = statement.range(of: needle).map { statement.distance(from: statement.startIndex, to: $0.lowerBound) + 1 }
        return (d.message, d.location.line == 10 && d.location.column == column)
    }

    @Test func neighborsAreNearestFirstWithTiesToTheLowerIndex() {
        #expect(Self.value("neighbors(pts, [0.5, 0.5], k=3)")?.tensor?.scalars == [0, 1, 2])
        let rows = Self.value("neighbors(pts, pts, k=2)")?.tensor
        #expect(rows?.shape == [5, 2])
        #expect(rows?.scalars == [0, 1, 1, 0, 2, 0, 3, 1, 4, 3])
    }

    @Test func knnAccuracyAndTrustworthinessOfHandWorkedCases() {
        // See NeighborTests and TrustworthinessTests for the working.
        #expect(Self.value("knn_accuracy(line, labels, k=2)")?.number == 5.0 / 6.0)
        let t = Self.value("trustworthiness(reshape(arange(6), [6, 1]), reshape([0, 3, 2, 1, 4, 5], [6, 1]), k=2)")?.number
        #expect(t.map { abs($0 - 2.0 / 3.0) < 1e-12 } == true)
        #expect(Self.value("trustworthiness(x, x)")?.number == 1)
    }

    @Test func pcaProjectsOnTheTopComponents() throws {
        let p = try #require(Self.value("pca(x, 2)")?.tensor)
        #expect(p.shape == [40, 2])
        // Projections are centred, and the first has the larger spread.
        let first = stride(from: 0, to: 80, by: 2).map { Double(p.scalars[$0]) }
        let second = stride(from: 1, to: 80, by: 2).map { Double(p.scalars[$0]) }
        #expect(abs(first.reduce(0, +)) < 1e-4)
        #expect(first.map { $0 * $0 }.reduce(0, +) > second.map { $0 * $0 }.reduce(0, +))
    }

    @Test func tsneReturnsPointsAndItsKL() throws {
        let s = Harness.session()
        let cache = Cache()
        s.cache = cache
        Harness.run(Self.setup, in: s, id: "setup")
        let r = Harness.run("e = tsne(x, perplexity=5, iterations=50, seed=1)\nf = tsne(x, perplexity=5, iterations=50, seed=1)",
                            in: s)
        #expect(r.status == .ok)
        guard case let .record(e)? = s.value(of: "e"), case let .record(f)? = s.value(of: "f") else {
            Issue.record("tsne did not return a record")
            return
        }
        #expect(e["points"]?.tensor?.shape == [40, 2])
        #expect(e["kl"]?.number.map { $0 > 0 && $0.isFinite } == true)
        #expect(e["iterations"]?.number == 50)
        // The second call is the cache's, and the same to the bit.
        #expect((cache.stores, cache.hits) == (1, 1))
        #expect(e["points"]?.tensor == f["points"]?.tensor)
        #expect(e["kl"]?.number == f["kl"]?.number)
    }

    /// A cache in a dictionary that counts what is stored and what is found.
    final class Cache: BuiltinCache {
        var entries: [String: [UInt8]] = [:]
        var stores = 0, hits = 0

        func load(key: String) -> [UInt8]? {
            if entries[key] != nil { hits += 1 }
            return entries[key]
        }

        func store(key: String, bytes: [UInt8]) {
            stores += 1
            entries[key] = bytes
        }
    }

    @Test func embedGridDrawsOnePictureOfSizeBySizeCells() throws {
        let v = try #require(Self.value("embed_grid(imgs, corners, size=2, title=\"map\")"))
        guard case let .object(o) = v, let figure = o as? FigureValue, case let .png(bytes, width, height, _) = figure.content
        else {
            Issue.record("embed_grid did not return a PNG figure")
            return
        }
        #expect((width, height) == (6, 4))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(figure.title == "map")
        #expect(figure.alt == "map", "format 1.1: the title, when there is no caption")
    }

    @Test func errorsPointAtTheArgument() {
        let cases: [(String, String, String)] = [
            ("e = tsne(x, perplexity=50)", "50", "perplexity must be at least 1 and below the number of points minus one (39)"),
            ("e = tsne([1, 2, 3])", "[1, 2, 3]", "one point a row"),
            ("e = tsne(x, iterations=-1)", "-1", "at least 0"),
            ("e = tsne(x, perplexity=\"a\")", "\"a\"", "'perplexity' must be a number"),
            ("a = knn_accuracy(line, [1, 2], k=2)", "[1, 2]", "6 points but 2 labels"),
            ("a = knn_accuracy(line, labels, k=6)", "6)", "at most 5"),
            ("a = knn_accuracy(line, [0.5, 1, 1, 1, 1, 1])", "[0.5", "whole-number labels"),
            ("n = neighbors(pts, [1, 2, 3])", "[1, 2, 3]", "queries must be one point of x's size (2 values)"),
            ("n = neighbors(pts, pts, k=6)", "6)", "at most 5"),
            ("t = trustworthiness(x, pca(x, 2), k=20)", "20", "at most 19"),
            ("t = trustworthiness(x, pts)", "pts", "x has 40 points but the embedding has 5"),
            ("p = pca(x, 4)", "4", "at most 3"),
            ("g = embed_grid(imgs, [[0, 0]])", "[[0, 0]]", "4 images but 1 points"),
            ("g = embed_grid(imgs, corners, size=0)", "0)", "at least 1"),
            ("g = embed_grid(x, corners)", "x,", "images must be (N, H, W) or (N, C, H, W)"),
        ]
        for (statement, needle, message) in cases {
            let e = Self.error(statement, at: needle)
            #expect(e?.message.contains(message) == true, "\(statement): \(e?.message ?? "no error")")
            #expect(e?.located == true, "\(statement) is not located at \(needle)")
        }
    }
}
