import Testing
@testable import Lab

/// `correlation` and `rank_correlation`, with values worked out by hand.
@Suite struct StatisticsBuiltinTests {
    static func number(_ expr: String) -> Double? { Harness.value(expr)?.number }

    @Test(arguments: [
        // Perfectly linear, and perfectly reversed.
        ("correlation([1, 2, 3], [2, 4, 6])", 1.0),
        ("correlation([1, 2, 3], [3, 2, 1])", -1.0),
        // x = [1,2,3,4], y = [1,3,2,4]: deviations ±1.5, ±0.5 and -1.5,0.5,-0.5,1.5 → Σxy = 4, Σx² = Σy² = 5.
        ("correlation([1, 2, 3, 4], [1, 3, 2, 4])", 0.8),
        // A monotone but non-linear relation has rank correlation 1.
        ("rank_correlation([1, 2, 3, 4], [1, 8, 27, 1000])", 1.0),
        ("rank_correlation([[1, 2], [3, 4]], [10, 9, 8, 7])", -1.0),
        // Ties share their mean rank: a → ranks [1.5, 1.5, 3, 4], b → [1, 2, 3, 4];
        // deviations a: -1, -1, 0.5, 1.5 (Σa² = 4.5), b: -1.5, -0.5, 0.5, 1.5 (Σb² = 5), Σab = 4.5.
        ("rank_correlation([0, 0, 1, 2], [1, 2, 3, 4])", 4.5 / (4.5 * 5.0).squareRoot()),
    ])
    func handWorked(_ expr: String, _ expected: Double) throws {
        let got = try #require(Self.number(expr), "\(expr) failed")
        #expect(abs(got - expected) < 1e-6, "\(expr) = \(got), expected \(expected)")
    }

    @Test func oneValuePerItemWithEach() throws {
        let t = try #require(Harness.value("rank_correlation([[1, 2, 3], [1, 2, 3]], [[1, 2, 3], [3, 2, 1]], each=true)")?.tensor)
        #expect(t.shape == [2] && t.scalars == [1, -1])
        let r = try #require(Harness.value("correlation(reshape(arange(8), [2, 2, 2]), reshape(arange(8), [2, 2, 2]) ^ 2, each=true)")?.tensor)
        #expect(r.shape == [2] && r.scalars.allSatisfy { $0 > 0.9 && $0 <= 1.0001 })
    }

    @Test func constantOrNaNGivesNaN() {
        #expect(Self.number("correlation([1, 1, 1], [1, 2, 3])")?.isNaN == true)
        #expect(Self.number("rank_correlation([1, 2, 0 / 0], [1, 2, 3])")?.isNaN == true)
    }

    @Test func errorsSayWhatIsWrong() {
        let cases: [(String, String)] = [
            ("c = correlation([1, 2, 3], [1, 2])", "they must have as many"),
            ("c = rank_correlation([1], [1])", "needs at least 2 values"),
            ("c = rank_correlation([[1, 2]], [[1, 2], [3, 4]], each=true)", "two stacks of the same shape"),
            ("c = rank_correlation([1, 2], [1, 2], each=true)", "two stacks of the same shape"),
        ]
        for (source, text) in cases {
            let d = Harness.error(source)
            #expect(d?.message.contains(text) == true, "\(source): \(d?.message ?? "no error")")
        }
    }
}

/// `translate`, `rotate`, `scale` keep the shape and name bad arguments.
@Suite struct TransformBuiltinTests {
    @Test func shapesAreKept() {
        for call in ["translate(ones([1, 4, 4]), 1, -1)", "rotate(ones([2, 1, 4, 4]), 30)", "scale(ones([4, 4]), 0.5)"] {
            let t = Harness.value(call)?.tensor
            #expect(t != nil, "\(call)")
        }
        #expect(Harness.value("translate(ones([2, 1, 4, 4]), 1, 0)")?.tensor?.shape == [2, 1, 4, 4])
        // Moving right by one empties the first column only.
        #expect(Harness.value("sum(translate(ones([3, 3]), 1, 0))")?.number == 6)
    }

    @Test func errorsNameTheArgument() {
        for (source, text) in [("t = scale(ones([3, 3]), 0)", "'factor' must be a positive number, got 0"),
                               ("t = rotate(ones([3]), 10)", "x must be an image"),
                               ("t = translate(ones([3, 3]), 1 / 0, 0)", "'dx' must be a finite number")] {
            let d = Harness.error(source)
            #expect(d?.message.contains(text) == true, "\(source): \(d?.message ?? "no error")")
        }
    }
}
