import Testing
@testable import Embedding
import Tensors

@Suite struct TSNETests {
    @Test func separatesClustersExactly() throws {
        let (x, labels) = Fixture.clusters(3, perCluster: 20, dim: 4)
        let r = try TSNE.embed(x, options: TSNE.Options(perplexity: 8, iterations: 500, seed: 1))
        #expect(r.exact)
        #expect(r.points.shape == [60, 2])
        #expect(r.kl > 0 && r.kl < 1)
        #expect(try NearestNeighbors.votingAccuracy(r.points, labels: labels, k: 5) == 1)
    }

    @Test func separatesClustersWithBarnesHut() throws {
        let (x, labels) = Fixture.clusters(3, perCluster: 30, dim: 4)
        var options = TSNE.Options(perplexity: 10, iterations: 150, seed: 1)
        options.exactLimit = 50
        let r = try TSNE.embed(x, options: options)
        #expect(!r.exact)
        #expect(try NearestNeighbors.votingAccuracy(r.points, labels: labels, k: 5) >= 0.95)
    }

    /// The same bytes however the pieces are scheduled: on the cores, or
    /// all on this thread. (200 points: enough pieces for both cores.)
    @Test(arguments: [10, 1000])
    func resultsDoNotDependOnThreads(exactLimit: Int) throws {
        let (x, _) = Fixture.clusters(2, perCluster: 100, dim: 3)
        var options = TSNE.Options(perplexity: 10, iterations: 10, seed: 3)
        options.exactLimit = exactLimit
        let parallel = try TSNE.embed(x, options: options)
        let serial = try Chunks.$serial.withValue(true) { try TSNE.embed(x, options: options) }
        #expect(parallel.exact == (exactLimit == 1000))
        #expect(parallel.points == serial.points)
        #expect(parallel.kl == serial.kl)
    }

    @Test func startsFromThePrincipalComponentsScaledSmall() throws {
        let (x, _) = Fixture.clusters(2, perCluster: 10, dim: 3)
        let rows = try Rows(x, what: "x")
        let y = try TSNE.initialPositions(x, rows, seed: 0)
        let first = (0..<20).map { y.x[$0] }
        #expect(abs(TSNE.standardDeviation(first) - 1e-4) < 1e-10)
        let line = Tensor(shape: [5, 1], scalars: [0, 1, 2, 3, 4])
        let flat = try TSNE.initialPositions(line, Rows(line, what: "x"), seed: 0)
        #expect((0..<5).allSatisfy { abs(flat.y[$0]) < 1e-3 && flat.y[$0] != 0 })
    }

    @Test func refusesWhatItCannotEmbed() {
        let x = Fixture.gaussian(10, 3)
        for options in [TSNE.Options(perplexity: 9), TSNE.Options(perplexity: 0.5), TSNE.Options(iterations: -1)] {
            #expect(throws: EmbeddingError.self) { try TSNE.embed(x, options: options) }
        }
        #expect(throws: EmbeddingError.self) { try TSNE.embed(Fixture.gaussian(2, 3)) }
    }

    @Test func progressCanStopTheRun() {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try TSNE.embed(Fixture.gaussian(20, 3), options: TSNE.Options(perplexity: 5, iterations: 100)) { _ in throw Stop() }
        }
    }
}
