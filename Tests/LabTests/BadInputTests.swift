import Testing
@testable import Lab

/// Malformed or absurd input gets a located error, never a crash or a hang.
@Suite struct BadInputTests {
    func firstError(_ source: String) -> String? { Harness.error(source)?.message }

    @Test func unterminatedString() {
        let d = Harness.error("x = \"abc\ny = 2")
        #expect(d?.rendered == "lessons/t.md:10:5: error: unterminated string: expected a closing '\"' before the end of the line")
        #expect(firstError("x = \"abc\\") != nil)
    }

    @Test(arguments: ["(", "[", "{a: ", "-", "not ", "2^", "f("])
    func deepNestingIsAnError(opener: String) {
        let closer: String
        switch opener {
        case "(", "f(": closer = ")"
        case "[": closer = "]"
        case "{a: ": closer = "}"
        default: closer = ""
        }
        let source = "x = " + String(repeating: opener, count: 5000) + "1" + String(repeating: closer, count: 5000)
        let r = Harness.run(source, in: Harness.session())
        #expect(r.status == .error)
        #expect(r.diagnostics.contains { $0.message.contains("nested too deeply") }, "\(r.diagnostics.first?.message ?? "")")
    }

    @Test(arguments: [" + 1", " * 2", " and true", " == 1", ".a", "[0]", "(1)"])
    func longChainsDoNotOverflowTheStack(link: String) {
        let source = "x = r" + String(repeating: link, count: 5000)
        let r = Harness.run(source, in: Harness.session())
        #expect(r.status == .error)
        #expect(r.diagnostics.first?.message.contains("nested too deeply") == true)
    }

    @Test func ordinaryChainsStillParse() {
        #expect(Harness.value(String(repeating: "1 + ", count: 99) + "1")?.number == 100)
        let deep = "r = " + String(repeating: "{a: ", count: 40) + "1" + String(repeating: "}", count: 40)
        #expect(Harness.value("r" + String(repeating: ".a", count: 40), setup: deep)?.number == 1)
    }

    @Test func aFlatSumIsNotNesting() {
        #expect(Harness.value(String(repeating: "1 + ", count: 499) + "1")?.number == 500)
        #expect(Harness.value(String(repeating: "2 * ", count: 129) + "1")?.number == 0x1p129)
    }

    @Test(arguments: ["(", "["])
    func bracketsNestExactlyAsDeepAsDocumented(opener: String) {
        let closer = opener == "(" ? ")" : "]"
        func nest(_ n: Int) -> String { String(repeating: opener, count: n) + "1" + String(repeating: closer, count: n) }
        #expect(Harness.value(nest(100))?.flat == [1])
        let d = Harness.error("x = " + nest(101))
        #expect(d?.rendered.hasPrefix("lessons/t.md:10:105: error: brackets nested too deeply") == true, "\(d?.rendered ?? "")")
        #expect(Harness.run("x = " + nest(101), in: Harness.session()).diagnostics.count == 1)
    }

    @Test func absurdSizesHitTheLimit() {
        #expect(firstError("x = zeros([1000000, 1000000])")?.contains("the limit is") == true)
        #expect(firstError("x = ones([1e14, 1e14, 1e14])")?.contains("limit") == true)
        #expect(firstError("x = arange(1e300)")?.contains("limit") == true)
        #expect(firstError("x = linspace(0, 1, count=1e12)")?.contains("limit") == true)
        #expect(firstError("x = zeros([1e300])") != nil)
        #expect(firstError("x = reshape(arange(4), [-1, -1])") != nil)
        #expect(firstError("x = transpose(zeros([2, 2]), axes=[5, 5])") != nil)
        #expect(firstError("x = round(1, digits=1e300)") != nil)
        #expect(firstError("x = [1, 2][1e300]") != nil)
        #expect(firstError("x = arange(10)[::1e14]") == nil)
    }

    @Test(arguments: ["\u{0}", "x = \u{0}1", "\u{1}\u{2}\u{7f}", "x = 3 € 4", "x = 1 ± 2", "\u{FFFD}\u{FFFE}",
                      "p = 😀", "x = `1`", "x = 1 ; y = 2", "\t\t\u{0B}", "@@@", "!", ")))", "x = 'a'", "~~", "expect"])
    func junkIsReportedNotFatal(source: String) {
        let r = Harness.run(source, in: Harness.session())
        #expect(r.status == .error)
        #expect(r.diagnostics.allSatisfy { $0.location.line == 10 })
    }

    @Test func invalidCharactersAreNamed() {
        #expect(firstError("x = \u{0}") == "unexpected character 'U+0'")
        #expect(firstError("x = 1 ± 2") == "unexpected character '±'; a tolerance goes after '~' in a claim")
        #expect(firstError("x = 'a'") == "unexpected character '''; strings use double quotes")
    }

    @Test func hugeAndTinyNumbers() {
        #expect(Harness.value("1e999")?.number == .infinity)
        #expect(Harness.value("1e-999")?.number == 0)
        #expect(Harness.value("1" + String(repeating: "0", count: 400))?.number == .infinity)
        #expect(Harness.value("2 ^ 1e308")?.number == .infinity)
        #expect(Harness.value("[1e39] + 0")?.flat == [.infinity])  // past Float32
        #expect(Harness.inline("= 1e999:,d").text == "∞")
        #expect(firstError("x = 1e") != nil)
        #expect(firstError("x = 1e+") != nil)
    }

    @Test func emptyInputs() {
        let s = Harness.session()
        #expect(Harness.run("", in: s).status == .ok)
        #expect(Harness.run("\n\n# only a comment\n", in: s).status == .ok)
        #expect(s.evaluate(inline: "=", origin: Harness.origin()).diagnostic?.message == "expected an expression, found end of line")
        #expect(s.evaluate(inline: "", origin: Harness.origin()).diagnostic != nil)
        #expect(Harness.value("[]")?.flat == [])
        #expect(Harness.value("sum([])")?.number == 0)
        #expect(firstError("x = max([])") != nil)
    }

    @Test func figureArgumentsCannotCrash() {
        #expect(firstError("x = scatter([[0, 0], [1, 1]], labels=[1e300, 0 / 0])") != nil)
        #expect(firstError("x = image(zeros([0, 0]))") != nil)
        #expect(firstError("x = grid([])") != nil)
    }
}
