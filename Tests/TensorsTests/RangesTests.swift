import Testing
@testable import Tensors

struct RangesTests {
    @Test(arguments: [
        (0, 5, 1, [0, 1, 2, 3, 4]),
        (1, 2, 0.25, [1, 1.25, 1.5, 1.75]),
        (5, 0, -2, [5, 3, 1]),
        (0, 1, 0.3, [0, 0.3, 0.6, 0.9]),
        (3, 3, 1, []),
        (3, 0, 1, []),
        (-1.5, 1, 1, [-1.5, -0.5, 0.5]),
    ] as [(Double, Double, Double, [Float])])
    func arange(start: Double, stop: Double, step: Double, expected: [Float]) throws {
        let r = try Tensor.arange(start, stop, step)
        #expect(r.shape == [expected.count])
        #expect(close(r.scalars, expected))
    }

    @Test func arangeErrors() {
        #expect(tensorError { try Tensor.arange(0, 1, 0) } == .invalidArgument("arange step cannot be zero"))
        #expect(tensorError { try Tensor.arange(0, .infinity) } != nil)
        #expect(tensorError { try Tensor.arange(0, .nan) } != nil)
        guard case .tooLarge = tensorError({ try Tensor.arange(0, 1e12) }) else {
            Issue.record("arange(0, 1e12) should be too large")
            return
        }
        guard case .tooLarge = tensorError({ try Tensor.arange(-1e308, 1e308, 1e-300) }) else {
            Issue.record("an infinite length should be too large")
            return
        }
    }

    @Test func linspace() throws {
        #expect(try Tensor.linspace(0, 1, count: 5).scalars == [0, 0.25, 0.5, 0.75, 1])
        #expect(try Tensor.linspace(2, -2, count: 3).scalars == [2, 0, -2])
        #expect(try Tensor.linspace(3, 7, count: 1).scalars == [3])
        #expect(try Tensor.linspace(3, 7, count: 0).shape == [0])
        let fine = try Tensor.linspace(0, 0.1, count: 1001)
        #expect(fine.scalars[1000] == Float(0.1))
        #expect(tensorError { try Tensor.linspace(0, 1, count: -1) } != nil)
        #expect(tensorError { try Tensor.linspace(0, 1, count: 1 << 40) } == .tooLarge([1 << 40]))
    }
}
