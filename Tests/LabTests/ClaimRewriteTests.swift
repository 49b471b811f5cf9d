import Testing
@testable import Lab

/// `check --fix` writes the computed value the way the author wrote the old
/// number; the rewritten claim then holds.
@Suite struct ClaimRewriteTests {
    @Test(arguments: [
        ("0.0474", 0.05123 as Double, "0.0512"),
        ("0.90 ± 0.02", 0.8712, "0.87 ± 0.02"),
        ("138M", 61_952_123, "62M"),
        ("4.7%", 0.05249, "5.2%"),
        ("93MB", 96_000_000, "96MB"),
        ("61MB ± 5%", 59_400_000, "59MB ± 5%"),
        ("138,357,544", 62_378_344, "62,378,344"),
        ("1,024.5", 2048.25, "2,048.2"),
        ("3", 12.4, "12"),
        ("-0.25", 0.131, "0.13"),
        ("1.2e-3", 0.0000456, "4.6e-5"),
        ("2e3", 9960, "1e4"),
        ("  0.5  ", 0.75, "  0.8  "),
        ("7.3 Ki", 3072, "3.0 Ki"),
        ("29% ± 3", 0.3312, "33% ± 3"),
    ])
    func rewritesKeepTheWrittenForm(old: String, computed: Double, expected: String) throws {
        let fixed = try #require(ClaimRewrite.rewrite(old, computed: computed))
        #expect(fixed == expected)
        #expect(try Claim.parse(fixed).holds(computed), "\(fixed) should hold for \(computed)")
    }

    @Test func notANumberIsNotWritten() {
        #expect(ClaimRewrite.rewrite("0.5", computed: .nan) == nil)
        #expect(ClaimRewrite.rewrite("0.5", computed: .infinity) == nil)
        #expect(ClaimRewrite.rewrite("abc", computed: 1) == nil)
    }

    @Test(arguments: [
        ("?", 0.047425873 as Double, "0.04743"),
        ("?.2", 0.047425873, "0.05"),
        ("?3", 0.047425873, "0.0474"),
        ("?3", 138_357_544, "1.38e8"), ("?2", 371.017, "3.7e2"), ("?3", 371.017, "371"),
        ("?2", 1.5e-9, "1.5e-9"),
        ("?.0", 12.5, "12"),
    ])
    func placeholdersFillToTheirPrecision(text: String, computed: Double, expected: String) throws {
        let precision = try #require(ClaimRewrite.placeholder(text))
        #expect(ClaimRewrite.fill(precision, computed: computed) == expected)
    }

    @Test func otherTextIsNoPlaceholder() {
        #expect(ClaimRewrite.placeholder("0.5") == nil)
        #expect(ClaimRewrite.placeholder("?x") == nil)
        #expect(ClaimRewrite.placeholder("?.99") == nil)
    }
}
