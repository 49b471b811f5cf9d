import Testing
@testable import Lab

/// `var`, `std`, `median`, `percentile`, with values worked out by hand
/// (and as NumPy gives them).
@Suite struct SpreadBuiltinTests {
    static func flat(_ expr: String) -> [Double]? { Harness.value(expr)?.flat }
    static func number(_ expr: String) -> Double? { Harness.value(expr)?.number }

    @Test func varianceAndStandardDeviation() throws {
        // Mean 5; squared deviations 9, 1, 1, 1, 0, 0, 4, 16 sum to 32.
        let x = "[2, 4, 4, 4, 5, 5, 7, 9]"
        #expect(Self.number("var(\(x))") == 4)
        #expect(Self.number("std(\(x))") == 2)
        #expect(close(Self.flat("var(\(x), ddof=1)"), [32.0 / 7]))
        #expect(close(Self.flat("std(\(x), ddof=1)"), [(32.0 / 7).squareRoot()]))
        // Along an axis, the axis goes: rows [1, 3] and [2, 6].
        #expect(Self.flat("var([[1, 3], [2, 6]], axis=1)") == [1, 4])
        #expect(Self.flat("var([[1, 3], [2, 6]], axis=0)") == [0.25, 2.25])
        #expect(Self.flat("std([[1, 3], [2, 6]], axis=-1)") == [1, 2])
        #expect(Self.number("var(7)") == 0)
        #expect(Self.number("std([1, 0 / 0])")?.isNaN == true)
    }

    @Test func medianTakesTheMiddle() {
        #expect(Self.number("median([3, 1, 2])") == 2)
        #expect(Self.number("median([4, 1, 3, 2])") == 2.5)
        #expect(Self.flat("median([[1, 5, 3], [9, 8, 7]], axis=1)") == [3, 8])
        #expect(Self.flat("median([[1, 5], [3, 9]], axis=0)") == [2, 7])
        #expect(Self.number("median([1, 0 / 0, 3])")?.isNaN == true)
    }

    @Test func percentileInterpolatesLinearly() {
        // NumPy: np.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) = [1, 1.75, 2.5, 3.7, 4].
        #expect(close(Self.flat("percentile([1, 2, 3, 4], [0, 25, 50, 90, 100])"), [1, 1.75, 2.5, 3.7, 4]))
        #expect(Self.number("percentile([10, 0, 20], 50)") == 10)
        #expect(close(Self.flat("percentile([[1, 2, 3, 4], [10, 20, 30, 40]], 25, axis=1)"), [1.75, 17.5]))
        // A list of q stacks the results first: (q, rest).
        let both = Harness.value("percentile([[1, 2], [3, 4]], [0, 100], axis=0)")?.tensor
        #expect(both?.shape == [2, 2])
        #expect(both?.scalars == [1, 2, 3, 4])
    }

    @Test func errorsNameTheArgument() {
        let cases: [(String, String)] = [
            ("v = var([1], ddof=1)", "ddof=1 divides by n - ddof = 0"),
            ("v = std([1, 2], ddof=-1)", "'ddof' must be at least 0"),
            ("v = var([[1, 2]], axis=2)", "'axis' is 2"),
            ("v = median([])", "median of no values is undefined"),
            ("v = percentile([1, 2], 101)", "'q' must be from 0 to 100"),
            ("v = percentile([1, 2], \"half\")", "'q' must be a percentage from 0 to 100"),
            ("v = percentile([1, 2], [])", "non-empty list"),
        ]
        for (source, text) in cases {
            let d = Harness.error(source)
            #expect(d?.message.contains(text) == true, "\(source): \(d?.message ?? "no error")")
        }
    }
}
