import Testing
@testable import Tensors

struct RandomStreamTests {
    @Test func sameSeedSameValues() throws {
        var a = RandomStream(seed: 42), b = RandomStream(seed: 42)
        for _ in 0..<100 { #expect(a.nextUInt64() == b.nextUInt64()) }
        #expect(try Tensor.normal(shape: [3, 4], seed: 9) == Tensor.normal(shape: [3, 4], seed: 9))
        #expect(try Tensor.uniform(shape: [50], seed: 9) == Tensor.uniform(shape: [50], seed: 9))
    }

    @Test func differentSeedsDiffer() throws {
        var a = RandomStream(seed: 1), b = RandomStream(seed: 2)
        let xs = (0..<16).map { _ in a.nextUInt64() }, ys = (0..<16).map { _ in b.nextUInt64() }
        #expect(Set(xs).isDisjoint(with: ys))
        #expect(try Tensor.uniform(shape: [8], seed: 1) != Tensor.uniform(shape: [8], seed: 2))
    }

    @Test func valueDependsOnlyOnSeedAndIndex() {
        var s = RandomStream(seed: 7)
        let first = (0..<10).map { _ in s.nextUInt64() }
        var jumped = RandomStream(seed: 7, counter: 6)
        #expect(jumped.nextUInt64() == first[6])
        #expect(RandomStream(seed: 7).value(at: 3) == first[3])
        #expect(s.counter == 10)
    }

    @Test func tensorsAgreeWithTheStream() throws {
        var s = RandomStream(seed: 5)
        let u = try Tensor.uniform(shape: [6], seed: 5)
        #expect(u.scalars == (0..<6).map { _ in s.uniform() })
        var n = RandomStream(seed: 5)
        let g = try Tensor.normal(shape: [6], seed: 5)
        #expect(g.scalars == (0..<6).map { _ in n.normal() })
    }

    @Test func uniformRangeAndMoments() throws {
        let u = try Tensor.uniform(shape: [100_000], seed: 3, low: -2, high: 6)
        #expect(u.scalars.allSatisfy { $0 >= -2 && $0 < 6 })
        let mean = try u.reduce(.mean).scalars[0]
        #expect(Swift.abs(mean - 2) < 0.05)
    }

    @Test func normalMoments() throws {
        let n = try Tensor.normal(shape: [100_000], seed: 11)
        let mean = try n.reduce(.mean).scalars[0]
        let centered = try Tensor.elementwise(n, Tensor(scalar: mean), .sub)
        let std = try centered.reduce(.norm).scalars[0] / Float(100_000).squareRoot()
        #expect(Swift.abs(mean) < 0.02)
        #expect(Swift.abs(std - 1) < 0.02)
        let shifted = try Tensor.normal(shape: [100_000], seed: 11, mean: 5, std: 2)
        #expect(Swift.abs(try shifted.reduce(.mean).scalars[0] - 5) < 0.04)
        #expect(n.scalars.allSatisfy { $0.isFinite })
    }

    @Test func childSeeds() {
        let a = RandomStream.seed(combining: 1, 2), b = RandomStream.seed(combining: 2, 1)
        #expect(a != b)
        #expect(a == RandomStream.seed(combining: 1, 2))
        #expect(RandomStream.seed(combining: 1, 3) != a)
    }

    @Test func badParameters() {
        #expect(tensorError { try Tensor.normal(shape: [2], seed: 0, std: -1) } != nil)
        #expect(tensorError { try Tensor.uniform(shape: [2], seed: 0, low: 0, high: .infinity) } != nil)
        #expect(tensorError { try Tensor.uniform(shape: [-1], seed: 0) } != nil)
    }
}
