import Testing
@testable import Lab

/// `sort`, `argsort`, `topk`: NumPy's orders (stable, along the last axis by
/// default), with NaN counted as the largest value.
@Suite struct SortingBuiltinTests {
    static func flat(_ expr: String) -> [Double]? { Harness.value(expr)?.flat }
    static func shape(_ expr: String) -> [Int]? { Harness.value(expr)?.tensor?.shape }

    @Test func sortsAlongTheLastAxisByDefault() {
        #expect(Self.flat("sort([3, 1, 2])") == [1, 2, 3])
        #expect(Self.flat("sort([3, 1, 2], descending=true)") == [3, 2, 1])
        #expect(Self.flat("sort([[3, 1], [0, 2]])") == [1, 3, 0, 2])
        #expect(Self.flat("sort([[3, 1], [0, 2]], axis=0)") == [0, 1, 3, 2])
        #expect(Self.flat("sort([[3, 1], [0, 2]], axis=none)") == [0, 1, 2, 3])
        #expect(Self.shape("sort([[3, 1], [0, 2]], axis=none)") == [4])
        #expect(Self.shape("sort(zeros([2, 3, 4]), axis=1)") == [2, 3, 4])
        // Along the middle axis of (2, 2, 2): each (i, :, k) lane is sorted.
        #expect(Self.flat("sort(reshape([4, 1, 3, 0, 7, 5, 6, 8], [2, 2, 2]), axis=1)") == [3, 0, 4, 1, 6, 5, 7, 8])
    }

    @Test func argsortIsStable() {
        #expect(Self.flat("argsort([3, 1, 2])") == [1, 2, 0])
        // Equal values keep their order, ascending and descending.
        #expect(Self.flat("argsort([2, 1, 2, 1])") == [1, 3, 0, 2])
        #expect(Self.flat("argsort([2, 1, 2, 1], descending=true)") == [0, 2, 1, 3])
        #expect(Self.flat("argsort([[5, 4], [1, 9]], axis=none)") == [2, 1, 0, 3])
        #expect(Self.flat("argsort([[5, 4], [1, 9]], axis=0)") == [1, 0, 0, 1])
    }

    @Test func nanIsTheLargest() {
        #expect(close(Self.flat("sort([2, 0 / 0, 1])"), [1, 2, .nan]))
        #expect(close(Self.flat("sort([2, 0 / 0, 1], descending=true)"), [.nan, 2, 1]))
        #expect(Self.flat("argsort([2, 0 / 0, 1])") == [2, 0, 1])
        #expect(Self.flat("topk([2, 0 / 0, 1], 1).indices") == [1])
    }

    @Test func topkGivesTheLargestFirstWithTiesToTheLowerIndex() {
        #expect(Self.flat("topk([0.1, 0.7, 0.2], 2).values") == [Double(Float(0.7)), Double(Float(0.2))])
        #expect(Self.flat("topk([0.1, 0.7, 0.2], 2).indices") == [1, 2])
        #expect(Self.flat("topk([5, 9, 5, 9], 3).indices") == [1, 3, 0])
        // A batch of scores: each row's top classes.
        let rows = "topk([[1, 3, 2], [9, 8, 7]], 2)"
        #expect(Self.shape(rows + ".indices") == [2, 2])
        #expect(Self.flat(rows + ".indices") == [1, 2, 0, 1])
        #expect(Self.flat(rows + ".values") == [3, 2, 9, 8])
        // Along the first axis, and over everything with flat indices.
        #expect(Self.flat("topk([[1, 3, 2], [9, 0, 7]], 1, axis=0).indices") == [1, 0, 1])
        #expect(Self.flat("topk([[1, 3, 2], [9, 0, 7]], 2, axis=none).indices") == [3, 5])
    }

    @Test func errorsNameTheArgument() {
        let cases: [(String, String)] = [
            ("t = topk([1, 2, 3], 4)", "'k' must be from 1 to 3"),
            ("t = topk([1, 2, 3], 0)", "'k' must be from 1 to 3"),
            ("t = topk([[1, 2], [3, 4]], 3, axis=0)", "along axis 0"),
            ("t = sort([1, 2], axis=1)", "'axis' is 1, but this tensor of shape (2) has axes 0 to 0"),
            ("t = sort(3)", "'x' is a single number"),
            ("t = argsort(\"abc\")", "'x' must be a tensor or a list of numbers"),
            ("t = sort([1, 2], descending=1)", "'descending' must be true or false"),
        ]
        for (source, text) in cases {
            let d = Harness.error(source)
            #expect(d?.message.contains(text) == true, "\(source): \(d?.message ?? "no error")")
        }
    }
}
