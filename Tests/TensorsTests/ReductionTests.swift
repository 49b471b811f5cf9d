import Testing
@testable import Tensors

struct ReductionTests {
    // t = [[3, 1, 4],
    //      [1, 5, 9]]
    static let t = tensor([2, 3], [3, 1, 4, 1, 5, 9])

    @Test(arguments: [
        (ReduceOp.sum, nil, [], [23]),
        (.sum, 0, [3], [4, 6, 13]),
        (.sum, 1, [2], [8, 15]),
        (.sum, -1, [2], [8, 15]),
        (.sum, -2, [3], [4, 6, 13]),
        (.mean, nil, [], [23.0 / 6]),
        (.mean, 1, [2], [8.0 / 3, 5]),
        (.max, nil, [], [9]),
        (.max, 0, [3], [3, 5, 9]),
        (.min, 1, [2], [1, 1]),
        (.argmax, nil, [], [5]),
        (.argmax, 0, [3], [0, 1, 1]),
        (.argmin, nil, [], [1]),     // first of the two 1s
        (.argmin, 1, [2], [1, 0]),
        (.norm, nil, [], [Float((9 + 1 + 16 + 1 + 25 + 81 as Double).squareRoot())]),
        (.norm, 0, [3], [Float(10.0.squareRoot()), Float(26.0.squareRoot()), Float(97.0.squareRoot())]),
    ] as [(ReduceOp, Int?, [Int], [Float])])
    func reduces(op: ReduceOp, axis: Int?, shape: [Int], expected: [Float]) throws {
        let r = try Self.t.reduce(op, axis: axis)
        #expect(r.shape == shape)
        #expect(close(r.scalars, expected), "\(op) axis \(String(describing: axis))")
    }

    @Test func keepDims() throws {
        #expect(try Self.t.reduce(.sum, axis: 1, keepDims: true).shape == [2, 1])
        #expect(try Self.t.reduce(.max, axis: -2, keepDims: true).shape == [1, 3])
        #expect(try Self.t.reduce(.mean, keepDims: true).shape == [1, 1])
        let kept = try Self.t.reduce(.sum, axis: 0, keepDims: true)
        #expect(kept.scalars == [4, 6, 13])
    }

    @Test func middleAxisOfRank3AgainstReference() throws {
        let x = random([3, 4, 5], seed: 7)
        let r = try x.reduce(.sum, axis: 1)
        #expect(r.shape == [3, 5])
        for i in 0..<3 {
            for k in 0..<5 {
                let s = (0..<4).map { x.scalars[i * 20 + $0 * 5 + k] }.reduce(0, +)
                #expect(Swift.abs(r.scalars[i * 5 + k] - s) < 1e-5)
            }
        }
        let am = try x.reduce(.argmax, axis: 1)
        for i in 0..<3 {
            for k in 0..<5 {
                let column = (0..<4).map { x.scalars[i * 20 + $0 * 5 + k] }
                #expect(Int(am.scalars[i * 5 + k]) == column.firstIndex(of: column.max() ?? 0))
            }
        }
    }

    @Test func axisOutOfRange() {
        #expect(tensorError { try Self.t.reduce(.sum, axis: 2) } == .axisOutOfRange(axis: 2, rank: 2))
        #expect(tensorError { try Self.t.reduce(.sum, axis: -3) } == .axisOutOfRange(axis: -3, rank: 2))
    }

    @Test(arguments: [ReduceOp.mean, .max, .min, .argmax, .argmin])
    func emptyIsAClearError(op: ReduceOp) throws {
        let empty = try Tensor(zeros: [0])
        guard case let .invalidArgument(message) = tensorError({ try empty.reduce(op) }) else {
            Issue.record("expected invalidArgument for \(op)")
            return
        }
        #expect(message.contains("empty"))
        #expect(tensorError { try Tensor(zeros: [2, 0]).reduce(op, axis: 1) } != nil)
        // Reducing a non-empty axis of an empty tensor is fine: the result is empty.
        #expect(try Tensor(zeros: [2, 0]).reduce(op, axis: 0).shape == [0])
    }

    @Test func sumAndNormOfEmptyAreZero() throws {
        #expect(try Tensor(zeros: [0]).reduce(.sum).scalars == [0])
        #expect(try Tensor(zeros: [0]).reduce(.norm).scalars == [0])
    }

    @Test func largeMeanIsAccurate() throws {
        // A Float running sum of a million 0.1s is off in the 3rd digit; Double is not.
        let x = try Tensor(repeating: 0.1, shape: [1_000_000])
        let m = try x.reduce(.mean).scalars[0]
        #expect(Swift.abs(m - 0.1) < 1e-6)
        let offset = try Tensor(repeating: 10_000, shape: [1000, 1000]).reduce(.mean, axis: 0)
        #expect(offset.scalars.allSatisfy { $0 == 10_000 })
    }

    @Test func nanWinsMax() throws {
        let x = Tensor([1, .nan, 3])
        #expect(try x.reduce(.max).scalars[0].isNaN)
        #expect(try x.reduce(.argmax).scalars == [1])
    }
}

struct SoftmaxTests {
    @Test func rowsSumToOne() throws {
        let x = random([4, 7], seed: 3)
        let p = try x.softmax()
        let sums = try p.reduce(.sum, axis: 1)
        #expect(sums.scalars.allSatisfy { Swift.abs($0 - 1) < 1e-6 })
        #expect(p.scalars.allSatisfy { $0 > 0 && $0 < 1 })
    }

    @Test func stableAtLargeInputs() throws {
        let p = try Tensor([1000, 1001, 1002]).softmax()
        let expected: [Float] = [0.09003057, 0.24472847, 0.66524096]
        #expect(close(p.scalars, expected))
        let q = try Tensor([-1000, 0]).softmax()
        #expect(q.scalars == [0, 1])
    }

    @Test func alongAnotherAxis() throws {
        let x = random([2, 3, 4], seed: 5)
        let p = try x.softmax(axis: 1)
        let sums = try p.reduce(.sum, axis: 1)
        #expect(sums.shape == [2, 4])
        #expect(sums.scalars.allSatisfy { Swift.abs($0 - 1) < 1e-6 })
        // Same as moving the axis last, taking softmax, and moving it back.
        let viaLast = try x.transposed([0, 2, 1]).softmax().transposed([0, 2, 1])
        #expect(close(p.scalars, viaLast.scalars, tolerance: 1e-6))
    }

    @Test func edgeCases() throws {
        #expect(try Tensor(scalar: 5).softmax().scalars == [1])
        #expect(try Tensor(zeros: [0, 3]).softmax().shape == [0, 3])
        #expect(tensorError { try Tensor([1, 2]).softmax(axis: 1) } == .axisOutOfRange(axis: 1, rank: 1))
    }
}
