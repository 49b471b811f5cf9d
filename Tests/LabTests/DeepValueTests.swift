import Testing
@testable import Lab

/// Values built one level at a time at run time nest no deeper than the
/// source may, so nothing that walks a value can overflow the stack.
@Suite struct DeepValueTests {
    /// `a` wrapped in `levels` lists, one binding line at a time.
    static func wrapped(_ levels: Int, start: String = "a = 1") -> String {
        ([start] + Array(repeating: "a = [a]", count: levels)).joined(separator: "\n")
    }

    @Test func repeatedBindingStopsAtTheLimit() {
        let r = Harness.run(Self.wrapped(30_000), in: Harness.session())
        #expect(r.status == .error)
        // Line 10 binds a = 1; the 101st wrapping, on line 111, is refused at its '['.
        #expect(r.diagnostics.first?.rendered
                == "lessons/t.md:111:5: error: this list is nested more than 100 levels deep; values may nest at most 100")
    }

    @Test(arguments: ["a == a", "a + a", "mean(a)", "stack(a)", "table(a)", "plot(a)", "a", "expect a == a",
                      "expect a ~ 1", "a * 2"])
    func operationsOnTheDeepestValueNeverCrash(use: String) {
        let s = Harness.session()
        #expect(Harness.run(Self.wrapped(99), in: s, id: "build").status == .ok)
        _ = Harness.run(use, in: s)  // a value or a located error: only not a crash
        let r = Harness.run(Self.wrapped(30_000, start: "a = a") + "\n" + use, in: s)
        #expect(r.status == .error)
        #expect(r.diagnostics.first?.message.contains("values may nest at most 100") == true)
    }

    @Test func comprehensionsAndRecordsAreMeasuredToo() {
        let list = (["a = 1"] + Array(repeating: "a = [a for i in [1]]", count: 200)).joined(separator: "\n")
        #expect(Harness.error(list)?.message.contains("this list is nested more than 100") == true)
        let record = (["a = 1"] + Array(repeating: "a = {x: a}", count: 200)).joined(separator: "\n")
        #expect(Harness.error(record)?.rendered.hasPrefix("lessons/t.md:111:5: error: this record is nested") == true)
    }

    @Test func aLiteralAsDeepAsTheSourceAllowsIsAValue() {
        let deep = String(repeating: "[", count: 100) + "1" + String(repeating: "]", count: 100)
        #expect(Harness.value(deep) != nil)
        #expect(ValueDepth.of(Harness.value(deep)!) == 100)
    }
}
