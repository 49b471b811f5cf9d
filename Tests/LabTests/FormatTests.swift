import Testing
@testable import Lab

/// Section 4: how values read in prose, by default and with a format spec.
@Suite struct FormatTests {
    @Test(arguments: [
        (0.0474258, ".2f", "0.05"), (0.0474258, ".4f", "0.0474"), (3.14159, ".0f", "3"), (-0.001, ".2f", "0.00"),
        (0.0474258, ".2e", "4.74e-2"), (138357544, ".3e", "1.384e8"), (1, ".1e", "1.0e0"),
        (0.0474, ".1%", "4.7%"), (0.0474258, ".2%", "4.74%"), (1, ".0%", "100%"),
        (138357544, ",d", "138,357,544"), (999, ",d", "999"), (-1234567, ",d", "-1,234,567"), (1234.6, ",d", "1,235"),
        (138357544, ".3s", "138M"), (1500, ".2s", "1.5k"), (0.0025, ".2s", "2.5m"), (999999, ".3s", "1M"),
        (0, ".3s", "0"), (15.5e9, ".3s", "15.5G"), (-2e6, ".1s", "-2M"), (3e12, ".1s", "3T"), (42, ".3s", "42"),
        (3.7, "d", "4"), (-0.4, "d", "0"), (138357544, "d", "138357544"),
        (Double.nan, ".2f", "NaN"), (Double.infinity, ",d", "∞"),
    ])
    func format(x: Double, spec: String, text: String) {
        #expect(ValueFormat.format(x, spec: spec) == text, "\(x) \(spec)")
    }

    @Test(arguments: [".2q", "2f", ".f", "", ".99f", ".-1f", "f", ".2", ",f", "%"])
    func unknownSpecs(spec: String) {
        #expect(ValueFormat.format(1, spec: spec) == nil)
        #expect(!ValueFormat.isValidSpec(spec))
    }

    @Test(arguments: [
        (3.0, "3"), (138357544, "138,357,544"), (1234, "1234"), (12345, "12,345"), (-5, "-5"), (0, "0"), (-0.0, "0"),
        (1e14, "100,000,000,000,000"), (0.0474258, "0.04743"), (3.14159, "3.142"), (123.456, "123.5"), (0.5, "0.5"),
        (0.1 + 0.2, "0.3"), (-2.71828, "-2.718"), (1e-5, "1e-5"), (2.5e-7, "2.5e-7"), (1.5e20, "1.5e20"),
        (1e15, "1e15"), (123456.7, "123457"), (Double.nan, "NaN"), (Double.infinity, "∞"), (-Double.infinity, "−∞"),
    ])
    func defaultDisplay(x: Double, text: String) {
        #expect(ValueFormat.plain(x) == text, "\(x)")
    }

    @Test(arguments: [
        ("= p", "0.04743"), ("= p:.2%", "4.74%"), ("= p:.2e", "4.74e-2"), ("= p:.3f", "0.047"), ("= n:,d", "138,357,544"),
        ("= n:.3s", "138M"), ("= n:d", "138357544"), ("= n", "138,357,544"), ("= arange(3)", "[0, 1, 2]"),
        ("= arange(10)", "[0, 1, 2, ..., 7, 8, 9]"), ("= name", "vgg"), ("= [name, 1]", "[\"vgg\", 1]"),
        ("= p > 0", "true"), ("= {a: p}", "{a: 0.04743}"), ("= p * 100:.1f", "4.7"), ("= [p][0]:.1%", "4.7%"),
    ])
    func inlineSpans(span: String, text: String) {
        let r = Harness.inline(span, after: "p = 0.0474258\nn = 138357544\nname = \"vgg\"")
        #expect(r.diagnostic == nil, "\(r.diagnostic?.rendered ?? "")")
        #expect(r.text == text)
        #expect(r.claim == nil)
    }

    @Test func inlineClaimsShowTheNumberAsWritten() {
        let block = "p = 0.0474258\nm = 61e6"
        let approx = Harness.inline("= p ~ 0.0474", after: block)
        #expect(approx.text == "0.0474")
        #expect(approx.claim?.status == .pass && approx.claim?.kind == .approx)
        let erratum = Harness.inline("= m !~ 93MB", after: block)
        #expect(erratum.text == "93MB")
        #expect(erratum.claim?.status == .pass && erratum.claim?.kind == .erratum)
        #expect(erratum.claim?.computedText == "61,000,000")
        let failing = Harness.inline("= p ~ 0.05 ± 0.001", after: block)
        #expect(failing.claim?.status == .fail)
        let exact = Harness.inline("= 2 + 2 == 4", after: block)
        #expect(exact.claim?.status == .pass && exact.claim?.kind == .exact)
    }

    @Test func aFormatNeedsANumber() {
        let r = Harness.inline("= name:.2f", after: "name = \"vgg\"")
        #expect(r.diagnostic?.message == "expected a number for the value of a formatted span, got a string")
        #expect(r.diagnostic?.location == SourceLocation(line: 30, column: 8))
        #expect(r.text == "name:.2f")  // the span as written
    }
}
