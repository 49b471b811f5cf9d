import Testing
@testable import Lab
import Tensors

/// `eigvals`, `matpow` and `orthogonal` (LESSON-FORMAT 9.5).
@Suite struct LinearAlgebraBuiltinTests {
    @Test func eigenvaluesOfARotationAreAComplexPair() throws {
        let setup = "e = eigvals([[0, -1], [1, 0]])"
        #expect(Harness.value("e.real", setup: setup)?.flat == [0, 0])
        #expect(Harness.value("e.imag", setup: setup)?.flat == [1, -1])
        #expect(Harness.value("e.abs", setup: setup)?.flat == [1, 1])
    }

    @Test func eigenvaluesComeLargestModulusFirst() throws {
        let e = try #require(Harness.value("eigvals([[0.5, 0, 0], [0, -2, 0], [0, 0, 1]]).real")?.flat)
        #expect(e == [-2, 1, 0.5])
        // A triangular matrix's eigenvalues are its diagonal.
        let t = try #require(Harness.value("eigvals([[3, 1, 7], [0, -4, 2], [0, 0, 0.25]]).abs")?.flat)
        #expect(zip(t, [4, 3, 0.25]).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func matrixPowersByRepeatedSquaring() throws {
        let setup = "m = [[0.9, 0.2], [-0.1, 1.1]]"
        #expect(Harness.value("matpow(m, 0)", setup: setup)?.flat == [1, 0, 0, 1])
        let one = try #require(Harness.value("matpow(m, 1)", setup: setup)?.flat)
        #expect(zip(one, [0.9, 0.2, -0.1, 1.1]).allSatisfy { abs($0 - $1) < 1e-7 })
        let p = try #require(Harness.value("matpow(m, 7)", setup: setup)?.flat)
        let q = try #require(Harness.value("m @ m @ m @ m @ m @ m @ m", setup: setup)?.flat)
        #expect(zip(p, q).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    /// QᵀQ = I; the same seed gives the same matrix; its eigenvalues lie on
    /// the unit circle.
    @Test func orthogonalMatricesAreOrthogonal() throws {
        let setup = "q = orthogonal(6, seed=3)"
        let product = try #require(Harness.value("transpose(q) @ q", setup: setup)?.flat)
        for i in 0..<6 { for j in 0..<6 { #expect(abs(product[i * 6 + j] - (i == j ? 1 : 0)) < 1e-5) } }
        #expect(Harness.value("q", setup: setup)?.flat == Harness.value("orthogonal(6, seed=3)")?.flat)
        #expect(Harness.value("q", setup: setup)?.flat != Harness.value("orthogonal(6, seed=4)")?.flat)
        let moduli = try #require(Harness.value("eigvals(q).abs", setup: setup)?.flat)
        #expect(moduli.allSatisfy { abs($0 - 1) < 1e-5 })
    }

    /// The lesson's use: the eigenvalues of an RNN's recurrent weights W_h,
    /// the last n columns of its `.w`.
    @Test func eigenvaluesOfARecurrentWeightMatrix() throws {
        let setup = "net = cnn(\"INPUT SEQ-5x3 -> RNN-4 -> LAST\", seed=2)\nw = weights(net, layer=\"rnn1\").w"
        #expect(Harness.value("w.shape", setup: setup)?.flat == [4, 7])
        let moduli = try #require(Harness.value("eigvals(w[:, 3:]).abs", setup: setup)?.flat)
        #expect(moduli.count == 4 && moduli == moduli.sorted(by: >))
    }

    @Test(arguments: [
        ("eigvals([[1, 2, 3], [4, 5, 6]])", "square matrix", 13),
        ("matpow([[1, 2]], 2)", "square matrix", 12),
        ("matpow([[1]], -1)", "must be 0 or more", 19),
        ("orthogonal(0)", "from 1 to 4096", 16),
        ("orthogonal(100000)", "from 1 to 4096", 16),
    ])
    func badCallsAreLocated(_ source: String, _ message: String, _ column: Int) {
        let e = Harness.error("x = " + source)
        #expect(e?.message.contains(message) == true, "\(e?.message ?? "no error")")
        #expect(e?.location.column == column, "\(e.map { "\($0.location)" } ?? "no error")")
    }
}
