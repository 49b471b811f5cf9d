import Testing
@testable import Tensors

struct ReshapeTests {
    @Test(arguments: [
        ([3, 4], [3, 4]), ([-1], [12]), ([2, -1], [2, 6]), ([-1, 3], [4, 3]),
        ([2, 2, -1], [2, 2, 3]), ([12, 1], [12, 1]), ([1, -1, 1], [1, 12, 1]),
    ] as [([Int], [Int])])
    func reshapes(request: [Int], expected: [Int]) throws {
        let r = try iota([2, 6]).reshaped(request)
        #expect(r.shape == expected)
        #expect(r.scalars == iota([12]).scalars)
    }

    @Test(arguments: [[5], [2, -1, -1], [5, -1], [-2, 6], [0, -1]])
    func rejects(request: [Int]) {
        guard case let .invalidShape(shape, why) = tensorError({ try iota([2, 6]).reshaped(request) }) else {
            Issue.record("expected invalidShape for \(request)")
            return
        }
        #expect(shape == request)
        #expect(!why.isEmpty)
    }

    @Test func emptyAndScalar() throws {
        #expect(try Tensor(zeros: [0, 4]).reshaped([4, 0]).shape == [4, 0])
        #expect(try Tensor(scalar: 3).reshaped([1, 1]).scalars == [3])
        #expect(try Tensor([3]).reshaped([]).shape == [])
    }
}

struct TransposeTests {
    @Test func matrix() throws {
        let t = try iota([2, 3]).transposed()
        #expect(t.shape == [3, 2])
        #expect(t.scalars == [0, 3, 1, 4, 2, 5])
        #expect(try t.transposed() == iota([2, 3]))
    }

    /// Every permutation of a rank-4 tensor against index arithmetic.
    @Test(arguments: [[0, 1, 2, 3], [3, 2, 1, 0], [0, 2, 3, 1], [0, 3, 1, 2], [1, 0, 3, 2], [2, 0, 1, -1]])
    func permutations(perm: [Int]) throws {
        let shape = [2, 3, 4, 5]
        let x = iota(shape)
        let y = try x.transposed(perm)
        let p = perm.map { $0 < 0 ? $0 + 4 : $0 }
        #expect(y.shape == p.map { shape[$0] })
        for i in 0..<y.count {
            let out = unravel(i, y.shape)
            var source = [Int](repeating: 0, count: 4)
            for (d, axis) in p.enumerated() { source[axis] = out[d] }
            #expect(y.scalars[i] == x.scalars[flatIndex(source, shape)])
        }
    }

    @Test func largeMatrixCrossesTiles() throws {
        let x = iota([70, 45])
        let y = try x.transposed()
        #expect(y.scalars[1 * 70 + 69] == x.scalars[69 * 45 + 1])
        #expect(try y.transposed() == x)
    }

    @Test func rejectsNonPermutations() throws {
        for bad in [[0, 0], [0], [0, 2], [0, 1, 2]] {
            guard case .invalidArgument = tensorError({ try iota([2, 3]).transposed(bad) }) else {
                Issue.record("expected invalidArgument for \(bad)")
                continue
            }
        }
        #expect(try Tensor(scalar: 1).transposed().shape == [])
    }
}
