import Testing
@testable import Tensors

/// Absurd sizes are errors, never crashes or multi-gigabyte allocations.
struct LimitsTests {
    static let huge = 1_000_000

    @Test func creationIsTooLarge() {
        let shape = [Self.huge, Self.huge]  // 10^12 values
        #expect(tensorError { try Tensor.uniform(shape: shape, seed: 1) } == .tooLarge(shape))
        #expect(tensorError { try Tensor.normal(shape: shape, seed: 1) } == .tooLarge(shape))
        #expect(tensorError { try Tensor(zeros: [1 << 40, 1 << 40, 1 << 40]) } == .tooLarge([1 << 40, 1 << 40, 1 << 40]))
        let message = TensorError.tooLarge(shape).description
        #expect(message.contains("1e+12"))
    }

    @Test func broadcastingPastTheLimit() throws {
        let column = try Tensor(zeros: [Self.huge, 1]), row = try Tensor(zeros: [1, Self.huge])
        #expect(tensorError { try Tensor.elementwise(column, row, .add) } == .tooLarge([Self.huge, Self.huge]))
        #expect(throws: TensorError.self) { try Tensor.broadcastShape([Self.huge, 1], [1, Self.huge]) }
    }

    @Test func productsPastTheLimit() throws {
        let a = try Tensor(zeros: [Self.huge, 1]), b = try Tensor(zeros: [1, Self.huge])
        #expect(tensorError { try a.matmul(b) } == .tooLarge([Self.huge, Self.huge]))
    }

    @Test func joiningPastTheLimit() throws {
        // 2048 rows of 2^20 values: one 4 MiB buffer shared by every copy.
        let row = try Tensor(zeros: [1, 1 << 20])
        let rows = [Tensor](repeating: row, count: 2048)
        #expect(tensorError { try Tensor.concat(rows) } == .tooLarge([2048, 1 << 20]))
        #expect(tensorError { try Tensor.stack(rows) } == .tooLarge([2048, 1, 1 << 20]))
    }

    /// An empty tensor may have enormous other axes; nothing should overflow.
    @Test func emptyWithHugeAxes() throws {
        let e = try Tensor(zeros: [0, 1 << 40, 1 << 40])
        #expect(e.count == 0)
        #expect(try e.reduce(.sum, axis: 1).shape == [0, 1 << 40])
        #expect(tensorError { try e.reduce(.sum, axis: 0) } == .tooLarge([1 << 40, 1 << 40]))
        #expect(try e.transposed().shape == [1 << 40, 1 << 40, 0])
        #expect(try e.softmax().shape == e.shape)
        #expect(try Tensor.elementwise(e, try Tensor(zeros: [0, 1, 1 << 40]), .add).shape == e.shape)
        #expect(try e.subscripted([.all, .at(5)]).shape == [0, 1 << 40])
        #expect(try e.matmul(try Tensor(zeros: [1 << 40, 0])).shape == [0, 1 << 40, 0])
        #expect(try Tensor.concat([e, e], axis: 1).shape == [0, 1 << 41, 1 << 40])
        #expect(try e.reshaped([1 << 40, 0]).shape == [1 << 40, 0])
    }
}
