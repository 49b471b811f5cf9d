import Testing
@testable import Tensors

/// The LAPACK door: eigenvalues, orthogonal matrices, matrix powers.
struct LAPACKTests {
    /// A companion matrix of (λ − 1)(λ − 2)(λ + 3) = λ³ − 7λ + 6 has those
    /// roots for eigenvalues, in order of modulus.
    @Test func companionMatrixEigenvaluesAreItsRoots() throws {
        let m = Tensor(shape: [3, 3], scalars: [0, 7, -6, 1, 0, 0, 0, 1, 0])
        let (re, im) = try LAPACK.eigenvalues(m)
        #expect(zip(re, [-3, 2, 1]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(im.allSatisfy { abs($0) < 1e-9 })
    }

    /// Haar: with the sign fix, the diagonal of Q has mean 0 over many
    /// draws (without it, LAPACK's convention biases it).
    @Test func orthogonalDrawsAreUnbiased() throws {
        var diagonal = 0.0
        for seed in 0..<200 {
            let q = try LAPACK.orthogonal(4, seed: UInt64(seed))
            diagonal += Double(q.scalars[0] + q.scalars[5] + q.scalars[10] + q.scalars[15])
        }
        #expect(abs(diagonal / 800) < 0.1)
    }

    @Test func rejectsWhatLAPACKWouldNot() throws {
        #expect(throws: TensorError.self) { try LAPACK.eigenvalues(Tensor(shape: [2, 3], scalars: Array(repeating: 0, count: 6))) }
        #expect(throws: TensorError.self) { try LAPACK.power(Tensor(shape: [1, 1], scalars: [2]), -1) }
        #expect(throws: TensorError.self) { try LAPACK.orthogonal(0, seed: 1) }
        #expect(try LAPACK.power(Tensor(shape: [1, 1], scalars: [2]), 10).scalars == [1024])
        #expect(try LAPACK.eigenvalues(Tensor(shape: [0, 0], scalars: [])).real.isEmpty)
    }
}
