import Testing
@testable import Tensors

struct IndexingTests {
    static let v = iota([10])

    /// Python's own answers for list(range(10))[start:end:step].
    @Test(arguments: [
        (nil, nil, nil, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
        (2, 5, nil, [2, 3, 4]),
        (-3, nil, nil, [7, 8, 9]),
        (nil, -7, nil, [0, 1, 2]),
        (nil, nil, 3, [0, 3, 6, 9]),
        (nil, nil, -1, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]),
        (8, 2, -2, [8, 6, 4]),
        (-1, -4, -1, [9, 8, 7]),
        (5, 2, nil, []),
        (2, 5, -1, []),
        (-100, 100, nil, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
        (100, nil, -3, [9, 6, 3, 0]),
        (nil, -100, -4, [9, 5, 1]),
        (3, 4, Int.max, [3]),
        (nil, nil, Int.min, [9]),
    ] as [(Int?, Int?, Int?, [Float])])
    func slices(start: Int?, end: Int?, step: Int?, expected: [Float]) throws {
        let s = try Self.v.subscripted([.range(start: start, end: end, step: step)])
        #expect(s.shape == [expected.count])
        #expect(s.scalars == expected)
    }

    @Test func singleIndicesDropAxes() throws {
        let m = iota([3, 4])
        #expect(try m.subscripted([.at(1)]) == Tensor([4, 5, 6, 7]))
        #expect(try m.subscripted([.at(-1)]) == Tensor([8, 9, 10, 11]))
        #expect(try m.subscripted([.all, .at(0)]) == Tensor([0, 4, 8]))
        #expect(try m.subscripted([.at(2), .at(-1)]) == Tensor(scalar: 11))
        #expect(try m.subscripted([]) == m)
    }

    @Test func mixedOnRank3() throws {
        let x = iota([2, 3, 4])
        let s = try x.subscripted([.at(1), .range(start: nil, end: nil, step: -1), .range(start: 1, end: 3, step: nil)])
        #expect(s.shape == [3, 2])
        #expect(s.scalars == [21, 22, 17, 18, 13, 14])
        let t = try x.subscripted([.range(start: nil, end: nil, step: -1), .at(0)])
        #expect(t.shape == [2, 4])
        #expect(t.scalars == [12, 13, 14, 15, 0, 1, 2, 3])
    }

    @Test func errors() {
        #expect(tensorError { try Self.v.subscripted([.at(10)]) } == .indexOutOfRange(index: 10, size: 10, axis: 0))
        #expect(tensorError { try Self.v.subscripted([.at(-11)]) } == .indexOutOfRange(index: -11, size: 10, axis: 0))
        #expect(tensorError { try iota([2, 3]).subscripted([.all, .at(3)]) } == .indexOutOfRange(index: 3, size: 3, axis: 1))
        #expect(tensorError { try Self.v.subscripted([.range(start: nil, end: nil, step: 0)]) }
            == .invalidArgument("slice step cannot be zero"))
        guard case let .invalidArgument(message) = tensorError({ try Self.v.subscripted([.at(0), .at(0)]) }) else {
            Issue.record("too many indices should be an invalid argument")
            return
        }
        #expect(message.contains("too many indices"))
        #expect(tensorError { try Tensor(scalar: 1).subscripted([.at(0)]) } != nil)
    }

    @Test func slicingAnEmptyAxis() throws {
        let e = try Tensor(zeros: [0, 3])
        #expect(try e.subscripted([.range(start: 1, end: nil, step: nil)]).shape == [0, 3])
        #expect(try Self.v.subscripted([.range(start: 5, end: 5, step: nil)]).shape == [0])
    }
}
