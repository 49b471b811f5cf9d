import Foundation
import Testing
@testable import Embedding

@Suite struct PerplexityCalibrationTests {
    /// −Σ p log p of a row, recomputed from the probabilities themselves.
    static func entropy(_ p: [Double]) -> Double { -p.reduce(0) { $1 > 0 ? $0 + $1 * log($1) : $0 } }

    @Test(arguments: [2.0, 5, 30, 80])
    func everyRowHitsTheTargetEntropy(perplexity: Double) {
        let rows = try! Rows(Fixture.gaussian(120, 6), what: "x")
        for i in stride(from: 0, to: rows.count, by: 7) {
            let d2 = (0..<rows.count).filter { $0 != i }.map { Double(rows.squaredDistance(i, $0)) }
            var p = [Double](repeating: 0, count: d2.count)
            PerplexityCalibration.row(d2, count: d2.count, perplexity: perplexity, into: &p)
            #expect(abs(p.reduce(0, +) - 1) < 1e-12)
            #expect(abs(Self.entropy(p) - log(perplexity)) < 1e-5)
        }
    }

    @Test func farAwayNeighboursDoNotUnderflow() {
        let d2 = [1e6, 1e6 + 1, 1e6 + 4, 1e6 + 9]
        var p = [Double](repeating: 0, count: 4)
        PerplexityCalibration.row(d2, count: 4, perplexity: 2, into: &p)
        #expect(p.allSatisfy { $0.isFinite })
        #expect(abs(Self.entropy(p) - log(2)) < 1e-5)
    }

    @Test func equalDistancesGiveTheUniformRow() {
        var p = [Double](repeating: 0, count: 5)
        PerplexityCalibration.row([3, 3, 3, 3, 3], count: 5, perplexity: 2, into: &p)
        #expect(p.allSatisfy { abs($0 - 0.2) < 1e-12 })
    }

    @Test func symmetrisedAffinitiesAreAJointDistribution() {
        let rows = try! Rows(Fixture.gaussian(60, 4), what: "x")
        let dense = Affinities.dense(rows, perplexity: 10)
        let sparse = Affinities.sparse(NearestNeighbors.graph(rows, k: 30, seed: 3), perplexity: 10)
        var total = 0.0
        for i in 0..<60 {
            #expect(dense[i * 60 + i] == 0)
            for j in 0..<60 { #expect(dense[i * 60 + j] == dense[j * 60 + i]) }
        }
        for e in 0..<(60 * 60) { total += dense[e] }
        #expect(abs(total - 1) < 1e-12)
        var sparseTotal = 0.0
        for i in 0..<60 {
            for e in sparse.rowStart[i]..<sparse.rowStart[i + 1] {
                sparseTotal += sparse.values[e]
                let j = Int(sparse.columns[e])
                let back = (sparse.rowStart[j]..<sparse.rowStart[j + 1]).first { sparse.columns[$0] == Int32(i) }
                #expect(back.map { sparse.values[$0] } == sparse.values[e])
            }
        }
        #expect(abs(sparseTotal - 1) < 1e-12)
    }
}
