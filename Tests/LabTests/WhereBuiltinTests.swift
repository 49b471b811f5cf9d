import Testing
@testable import Lab

/// `where`, `cumsum` and `log10`: element-wise choice with broadcasting,
/// running sums, and the base-10 logarithm.
@Suite struct WhereBuiltinTests {
    static func flat(_ expr: String) -> [Double]? { Harness.value(expr)?.flat }

    @Test func choosesElementWiseWithBroadcasting() {
        #expect(Self.flat("where([1, 0, 1], [1, 2, 3], [10, 20, 30])") == [1, 20, 3])
        #expect(Self.flat("where([-1, 2, -3] > 0, [-1, 2, -3], 0)") == [0, 2, 0])
        // A column condition picks whole rows; scalars fill every place.
        let t = Harness.value("where([[1], [0]], [[1, 2, 3], [4, 5, 6]], -1)")?.tensor
        #expect(t?.shape == [2, 3])
        #expect(t?.scalars == [1, 2, 3, -1, -1, -1])
        #expect(Harness.value("where(true, 1, 2)")?.number == 1)
        #expect(Harness.value("where(false, 1, 2)")?.number == 2)
        #expect(Harness.value("where([true, false], 1, 2)")?.tensor?.shape == [2])
    }

    @Test func aLessonMayStillBindTheName() {
        // Lesson 06 binds `where` to a tensor of positions; the built-in
        // must not take the name from it.
        #expect(Harness.value("where + 1", setup: "where = 2")?.number == 3)
        #expect(Harness.value("where([1, 0], 5, 6)", setup: "where = 2")?.flat == [5, 6])
    }

    @Test func whereErrorsSayWhatIsExpected() {
        let cases: [(String, String)] = [
            ("w = where([0.5, 1], 1, 2)", "'cond' must hold true/false or 0/1 values"),
            ("w = where([1, 0], [1, 2, 3], 0)", "cond (2), a (3) and b () do not broadcast"),
            ("w = where([1], \"a\", 0)", "'a' must be a number, a tensor or a list of numbers"),
        ]
        for (source, text) in cases {
            let d = Harness.error(source)
            #expect(d?.message.contains(text) == true, "\(source): \(d?.message ?? "no error")")
        }
    }

    @Test func cumsumRunsOverTheFlattenedValuesOrAnAxis() {
        #expect(Self.flat("cumsum([1, 2, 3])") == [1, 3, 6])
        let flat = Harness.value("cumsum([[1, 2], [3, 4]])")?.tensor
        #expect(flat?.shape == [4])
        #expect(flat?.scalars == [1, 3, 6, 10])
        #expect(Self.flat("cumsum([[1, 2], [3, 4]], axis=0)") == [1, 2, 4, 6])
        #expect(Self.flat("cumsum([[1, 2], [3, 4]], axis=1)") == [1, 3, 3, 7])
        #expect(Harness.value("cumsum(5)")?.tensor?.shape == [1])
        #expect(Harness.error("c = cumsum([1, 2], axis=1)")?.message.contains("'axis' is 1") == true)
    }

    @Test func log10OfNumbersAndTensors() {
        #expect(Harness.value("log10(1000)")?.number == 3)
        #expect(close(Self.flat("log10([1, 10, 0.01])"), [0, 1, -2]))
        #expect(Self.flat("log10([0])") == [-.infinity])
    }
}
