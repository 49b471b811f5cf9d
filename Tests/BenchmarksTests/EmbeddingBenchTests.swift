import Foundation
import Testing
@testable import Benchmarks

/// The t-SNE section of the report: its keys and its lines, never its
/// speed (timings are `lectern bench`'s business).
@Suite struct EmbeddingBenchTests {
    static let run = BenchReport.TSNERun(points: 2_000, dimensions: 50, perplexity: 30, iterations: 1000, method: "barnes-hut",
                                         data: "fashion-mnist", dataNote: nil, pcaSeconds: 0.2, seconds: 1.5, kl: 0.8891,
                                         knn10Accuracy: 0.776)

    static func report(_ runs: [BenchReport.TSNERun]?) -> BenchReport {
        BenchReport(quick: false, machine: .init(cpuCount: 2, cpuModel: "Test CPU"),
                    openblas: .init(core: "SkylakeX", chosenBy: "openblas", detectedCore: nil, threads: 2),
                    sgemm: .init(gflops: 120, threads: 2, gflops1Thread: 65), tsne: runs, peakMemoryBytes: 300 << 20)
    }

    @Test func sectionEncodesWithStableKeys() throws {
        let data = try Self.report([Self.run]).json()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let runs = try #require(object["tsne"] as? [[String: Any]])
        #expect(Set(runs[0].keys) == ["points", "dimensions", "perplexity", "iterations", "method", "data",
                                      "pca_seconds", "seconds", "kl", "knn10_accuracy"])
        #expect(try JSONDecoder().decode(BenchReport.self, from: data) == Self.report([Self.run]))
        // Not run: no key at all.
        let none = try #require(try JSONSerialization.jsonObject(with: Self.report(nil).json()) as? [String: Any])
        #expect(none["tsne"] == nil)
    }

    @Test func linesShowTimeKLAndAccuracy() {
        let lines = Self.report([Self.run]).tsneLines()
        #expect(lines.contains { $0.contains("t-SNE, Fashion-MNIST test → PCA 50") })
        #expect(lines.contains { $0.contains("perplexity 30, 1000 iterations, barnes-hut") && $0.contains("2,000")
            && $0.contains("1.50") && $0.contains("0.8891") && $0.contains("0.7760") })
        #expect(!lines.contains { $0.hasSuffix(" ") })
        #expect(Self.report(nil).tsneLines().isEmpty)
    }

    @Test func theDefaultBenchRunsOneSizeAndTheFlagThree() {
        #expect(BenchSettings.full.tsneSizes == [2_000])
        #expect(EmbeddingBench.comparisonSizes == [2_000, 5_000, 10_000])
    }
}
