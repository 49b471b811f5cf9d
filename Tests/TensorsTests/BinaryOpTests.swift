import Testing
@testable import Tensors

struct BinaryOpTests {
    static let x: [Float] = [-7, -1, 0, 2.5, 3, 5]
    static let y: [Float] = [3, 2, 1, 2.5, -2, 3]

    @Test(arguments: [
        (BinaryOp.add, [-4, 1, 1, 5, 1, 8]),
        (.sub, [-10, -3, -1, 0, 5, 2]),
        (.mul, [-21, -2, 0, 6.25, -6, 15]),
        (.div, [-7.0 / 3, -0.5, 0, 1, -1.5, 5.0 / 3]),
        (.pow, [-343, 1, 0, 9.882118, 1.0 / 9, 125]),
        (.mod, [2, 1, 0, 0, -1, 2]),  // Python: -7 % 3 == 2, 3 % -2 == -1
        (.eq, [0, 0, 0, 1, 0, 0]),
        (.ne, [1, 1, 1, 0, 1, 1]),
        (.lt, [1, 1, 1, 0, 0, 0]),
        (.le, [1, 1, 1, 1, 0, 0]),
        (.gt, [0, 0, 0, 0, 1, 1]),
        (.ge, [0, 0, 0, 1, 1, 1]),
        (.minimum, [-7, -1, 0, 2.5, -2, 3]),
        (.maximum, [3, 2, 1, 2.5, 3, 5]),
    ] as [(BinaryOp, [Float])])
    func everyOperation(op: BinaryOp, expected: [Float]) throws {
        let result = try Tensor.elementwise(Tensor(Self.x), Tensor(Self.y), op)
        #expect(close(result.scalars, expected), "\(op)")
        // The per-value form agrees with the kernels.
        #expect(close(zip(Self.x, Self.y).map { op($0, $1) }, expected), "\(op) scalar")
        // The scalar fast paths agree with the general one.
        let left = try Tensor.elementwise(Tensor(scalar: Self.x[0]), Tensor(Self.y), op)
        #expect(close(left.scalars, Self.y.map { op(Self.x[0], $0) }), "\(op) scalar left")
        let right = try Tensor.elementwise(Tensor(Self.x), Tensor(scalar: Self.y[4]), op)
        #expect(close(right.scalars, Self.x.map { op($0, Self.y[4]) }), "\(op) scalar right")
    }

    @Test func symbolsAreTheLanguageSpellings() {
        #expect(BinaryOp.allCases.map(\.symbol) == [
            "+", "-", "*", "/", "^", "%", "==", "!=", "<", "<=", ">", ">=", "minimum", "maximum",
        ])
    }

    @Test func nanPropagatesThroughMinimumAndMaximum() throws {
        let a = Tensor([.nan, 1]), b = Tensor([1, .nan])
        #expect(try Tensor.elementwise(a, b, .minimum).scalars.allSatisfy { $0.isNaN })
        #expect(try Tensor.elementwise(a, b, .maximum).scalars.allSatisfy { $0.isNaN })
        #expect(try Tensor.elementwise(a, b, .eq).scalars == [0, 0])
        #expect(try Tensor.elementwise(a, b, .ne).scalars == [1, 1])
    }

    @Test func modByZeroIsNaNAndDivisionByZeroIsInfinite() throws {
        #expect(try Tensor.elementwise(Tensor([1]), Tensor([0]), .mod).scalars[0].isNaN)
        #expect(try Tensor.elementwise(Tensor([1, -1]), Tensor([0, 0]), .div).scalars == [.infinity, -.infinity])
    }

    @Test func scalarResultIsRankZero() throws {
        let r = try Tensor.elementwise(Tensor(scalar: 2), Tensor(scalar: 3), .pow)
        #expect(r.shape == [])
        #expect(r.scalars == [8])
    }
}
