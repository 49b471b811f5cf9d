import Testing
@testable import Tensors

struct BroadcastTests {
    @Test(arguments: [
        ([3], [3], [3]),
        ([2, 3], [3], [2, 3]),
        ([2, 1], [1, 3], [2, 3]),
        ([4, 1, 5], [3, 1], [4, 3, 5]),
        ([], [2, 2], [2, 2]),
        ([0], [1], [0]),
        ([1], [0], [0]),
        ([2, 1, 4], [1], [2, 1, 4]),
    ] as [([Int], [Int], [Int])])
    func shapes(a: [Int], b: [Int], expected: [Int]) throws {
        #expect(try Tensor.broadcastShape(a, b) == expected)
        #expect(try Tensor.broadcastShape(b, a) == expected)
    }

    @Test func mismatchNamesTheOperatorAndBothShapes() {
        let error = tensorError { try Tensor.elementwise(iota([2, 3]), iota([4, 3]), .add) }
        #expect(error == .shapeMismatch(op: "+", [2, 3], [4, 3]))
        let message = error?.description ?? ""
        #expect(message.contains("+"))
        #expect(message.contains("(2, 3)"))
        #expect(message.contains("(4, 3)"))
        #expect(throws: TensorError.self) { try Tensor.broadcastShape([3], [4]) }
    }

    /// Every path (same shape, scalar either side, strided broadcast) against a per-element reference.
    @Test(arguments: [
        ([2, 3], [2, 3]), ([2, 3], []), ([], [2, 3]), ([2, 3], [1]), ([1, 1], [4]),
        ([2, 3, 4], [3, 1]), ([2, 1, 4], [1, 3, 1]), ([5, 1], [1, 6]), ([2, 3, 4, 5], [1, 3, 1, 1]),
        ([3, 4, 5], [4, 5]), ([2, 1, 3], [2, 7, 1]),
    ] as [([Int], [Int])])
    func matchesReference(aShape: [Int], bShape: [Int]) throws {
        let a = random(aShape, seed: 1), b = random(bShape, seed: 2)
        let c = try Tensor.elementwise(a, b, .sub)
        let shape = try Tensor.broadcastShape(aShape, bShape)
        #expect(c.shape == shape)
        let expected = (0..<c.count).map { i -> Float in
            let index = unravel(i, shape)
            return broadcastValue(a, at: index) - broadcastValue(b, at: index)
        }
        #expect(c.scalars == expected)
    }

    @Test func emptyOperands() throws {
        let c = try Tensor.elementwise(try Tensor(zeros: [0, 3]), iota([3]), .mul)
        #expect(c.shape == [0, 3])
        #expect(c.scalars.isEmpty)
    }

    @Test func mapKeepsShape() {
        let t = iota([2, 2]).map { $0 * 10 }
        #expect(t.shape == [2, 2])
        #expect(t.scalars == [0, 10, 20, 30])
    }
}
