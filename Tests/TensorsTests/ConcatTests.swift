import Testing
@testable import Tensors

struct ConcatTests {
    @Test func alongEachAxis() throws {
        let a = iota([2, 3]), b = tensor([2, 1], [10, 11]), c = tensor([1, 3], [20, 21, 22])
        let rows = try Tensor.concat([a, c])
        #expect(rows.shape == [3, 3])
        #expect(rows.scalars == [0, 1, 2, 3, 4, 5, 20, 21, 22])
        let cols = try Tensor.concat([a, b], axis: 1)
        #expect(cols.shape == [2, 4])
        #expect(cols.scalars == [0, 1, 2, 10, 3, 4, 5, 11])
        #expect(try Tensor.concat([b, a], axis: -1).scalars == [10, 0, 1, 2, 11, 3, 4, 5])
    }

    @Test func emptyPiecesAndSingleTensor() throws {
        let a = iota([2, 3])
        #expect(try Tensor.concat([a, try Tensor(zeros: [2, 0])], axis: 1) == a)
        #expect(try Tensor.concat([a]) == a)
    }

    @Test func errors() {
        #expect(tensorError { try Tensor.concat([iota([2, 3]), iota([2, 2])]) }
            == .shapeMismatch(op: "concat", [2, 3], [2, 2]))
        #expect(tensorError { try Tensor.concat([iota([2, 3]), iota([6])]) }
            == .shapeMismatch(op: "concat", [2, 3], [6]))
        #expect(tensorError { try Tensor.concat([iota([2]), iota([2])], axis: 1) } == .axisOutOfRange(axis: 1, rank: 1))
        #expect(tensorError { try Tensor.concat([]) } != nil)
        #expect(tensorError { try Tensor.concat([Tensor(scalar: 1), Tensor(scalar: 2)]) } != nil)
    }
}

struct StackTests {
    @Test(arguments: [(0, [3, 2, 2]), (1, [2, 3, 2]), (2, [2, 2, 3]), (-1, [2, 2, 3]), (-3, [3, 2, 2])])
    func newAxis(axis: Int, shape: [Int]) throws {
        let parts = (0..<3).map { i in iota([2, 2]).map { $0 + Float(10 * i) } }
        let s = try Tensor.stack(parts, axis: axis)
        #expect(s.shape == shape)
        // Taking index i along the new axis gives back part i.
        let a = axis < 0 ? axis + 3 : axis
        for i in 0..<3 {
            let index = (0..<3).map { $0 == a ? TensorIndex.at(i) : .all }
            #expect(try s.subscripted(index) == parts[i])
        }
    }

    @Test func scalarsStackIntoAVector() throws {
        #expect(try Tensor.stack([Tensor(scalar: 1), Tensor(scalar: 2)]) == Tensor([1, 2]))
    }

    @Test func errors() {
        #expect(tensorError { try Tensor.stack([iota([2]), iota([3])]) } == .shapeMismatch(op: "stack", [2], [3]))
        #expect(tensorError { try Tensor.stack([iota([2])], axis: 2) } == .axisOutOfRange(axis: 2, rank: 2))
        #expect(tensorError { try Tensor.stack([]) } != nil)
    }
}
