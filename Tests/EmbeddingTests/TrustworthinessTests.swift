import Testing
@testable import Embedding
import Tensors

@Suite struct TrustworthinessTests {
    @Test func anEmbeddingThatKeepsEveryNeighbourScoresOne() throws {
        let x = Fixture.gaussian(80, 5, seed: 31)
        #expect(try Trustworthiness.score(x, embedding: x, k: 7) == 1)
        // Scaling and shifting keep every rank.
        let moved = Tensor(shape: x.shape, scalars: x.scalars.map { 3 * $0 + 1 })
        #expect(try Trustworthiness.score(x, embedding: moved, k: 7) == 1)
    }

    /// Six points on a line, embedded with points 1 and 3 swapped. With k = 2
    /// the strangers in each point's embedding neighbourhood and their input
    /// ranks are: 0: {3} rank 3; 1: {4} rank 4; 2: none; 3: {0} rank 5;
    /// 4: {1} rank 4; 5: {1} rank 4. Σ (r − k) = 1 + 2 + 0 + 3 + 2 + 2 = 10,
    /// and T = 1 − 2 / (6·2·(12 − 6 − 1)) · 10 = 2/3.
    @Test func aHandWorkedSwap() throws {
        let x = Tensor(shape: [6, 1], scalars: [0, 1, 2, 3, 4, 5])
        let y = Tensor(shape: [6, 1], scalars: [0, 3, 2, 1, 4, 5])
        let t = try Trustworthiness.score(x, embedding: y, k: 2)
        #expect(abs(t - 2.0 / 3.0) < 1e-12)
    }

    @Test func kMustStayBelowHalfThePoints() {
        let x = Fixture.gaussian(10, 2)
        #expect(throws: EmbeddingError.self) { try Trustworthiness.score(x, embedding: x, k: 5) }
        #expect(throws: EmbeddingError.self) { try Trustworthiness.score(x, embedding: Fixture.gaussian(9, 2), k: 2) }
    }
}
