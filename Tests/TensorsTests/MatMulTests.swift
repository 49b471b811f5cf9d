import Testing
@testable import Tensors

struct MatMulTests {
    /// (m, k, n) including the gemv (m or n = 1) and sdot (both) paths.
    @Test(arguments: [(1, 1, 1), (2, 3, 4), (7, 5, 3), (1, 9, 6), (6, 9, 1), (1, 13, 1), (33, 17, 40), (4, 0, 3)])
    func matricesAgainstTripleLoop(m: Int, k: Int, n: Int) throws {
        let a = random([m, k], seed: UInt64(m * 100 + k)), b = random([k, n], seed: UInt64(n * 7 + 1))
        let c = try a.matmul(b)
        #expect(c.shape == [m, n])
        #expect(close(c.scalars, naiveMatmul(a.scalars, b.scalars, m: m, k: k, n: n), tolerance: 1e-5))
    }

    @Test func vectorCases() throws {
        let v = random([5], seed: 1), w = random([5], seed: 2)
        let s = try v.matmul(w)
        #expect(s.shape == [])
        let inner = zip(v.scalars, w.scalars).map(*).reduce(0, +)
        #expect(Swift.abs(s.scalars[0] - inner) < 1e-5)
        #expect(try v.dot(w) == s)

        let m = random([5, 3], seed: 3)
        let vm = try v.matmul(m)          // (5) @ (5, 3) -> (3)
        #expect(vm.shape == [3])
        #expect(close(vm.scalars, naiveMatmul(v.scalars, m.scalars, m: 1, k: 5, n: 3)))
        let mt = random([3, 5], seed: 4)
        let mv = try mt.matmul(v)         // (3, 5) @ (5) -> (3)
        #expect(mv.shape == [3])
        #expect(close(mv.scalars, naiveMatmul(mt.scalars, v.scalars, m: 3, k: 5, n: 1)))
        #expect(try mt.dot(v) == mv)
    }

    /// Batched shapes: a, b, and the expected result's shape.
    @Test(arguments: [
        ([2, 3, 4], [2, 4, 5], [2, 3, 5]),
        ([2, 3, 4], [4, 5], [2, 3, 5]),        // folded into one tall GEMM
        ([3, 4], [2, 4, 5], [2, 3, 5]),
        ([2, 1, 3, 4], [5, 4, 2], [2, 5, 3, 2]),
        ([2, 3, 4], [4], [2, 3]),
        ([4], [2, 4, 5], [2, 5]),
        ([3, 1, 4], [3, 4, 1], [3, 1, 1]),
    ] as [([Int], [Int], [Int])])
    func batchedAgainstTripleLoop(aShape: [Int], bShape: [Int], expected: [Int]) throws {
        let a = random(aShape, seed: 11), b = random(bShape, seed: 12)
        let c = try a.matmul(b)
        #expect(c.shape == expected)
        // Reference: promote vectors, broadcast batch axes by hand, multiply each pair.
        let a2 = aShape.count == 1 ? [1] + aShape : aShape
        let b2 = bShape.count == 1 ? bShape + [1] : bShape
        let (m, k, n) = (a2[a2.count - 2], a2[a2.count - 1], b2[b2.count - 1])
        let batch = try Tensor.broadcastShape(Array(a2.dropLast(2)), Array(b2.dropLast(2)))
        let aBatch = Array(a2.dropLast(2)), bBatch = Array(b2.dropLast(2))
        var expectedValues: [Float] = []
        for t in 0..<batch.reduce(1, *) {
            let index = unravel(t, batch)
            let ai = flatIndex(Array(index.suffix(aBatch.count)).enumerated().map { aBatch[$0] == 1 ? 0 : $1 }, aBatch)
            let bi = flatIndex(Array(index.suffix(bBatch.count)).enumerated().map { bBatch[$0] == 1 ? 0 : $1 }, bBatch)
            let am = Array(a.scalars[ai * m * k ..< (ai + 1) * m * k])
            let bm = Array(b.scalars[bi * k * n ..< (bi + 1) * k * n])
            expectedValues += naiveMatmul(am, bm, m: m, k: k, n: n)
        }
        #expect(close(c.scalars, expectedValues, tolerance: 1e-5))
    }

    @Test func mismatches() {
        #expect(tensorError { try iota([2, 3]).matmul(iota([4, 2])) } == .shapeMismatch(op: "@", [2, 3], [4, 2]))
        #expect(tensorError { try iota([3]).matmul(iota([4])) } == .shapeMismatch(op: "@", [3], [4]))
        #expect(tensorError { try iota([2, 2, 3]).matmul(iota([3, 3, 2])) } == .shapeMismatch(op: "@", [2, 2, 3], [3, 3, 2]))
        #expect(tensorError { try iota([3]).dot(iota([4])) } == .shapeMismatch(op: "dot", [3], [4]))
        guard case .invalidArgument = tensorError({ try Tensor(scalar: 2).matmul(iota([2])) }) else {
            Issue.record("a scalar operand of @ should be an invalid argument")
            return
        }
    }

    @Test func dotWithAScalarScales() throws {
        #expect(try Tensor(scalar: 2).dot(Tensor([1, 2])).scalars == [2, 4])
    }

    @Test func emptyProducts() throws {
        #expect(try Tensor(zeros: [0, 3]).matmul(iota([3, 2])).shape == [0, 2])
        #expect(try Tensor(zeros: [0]).matmul(try Tensor(zeros: [0])).scalars == [0])
        #expect(try Tensor(zeros: [2, 0]).matmul(try Tensor(zeros: [0, 3])).scalars == [Float](repeating: 0, count: 6))
    }
}
