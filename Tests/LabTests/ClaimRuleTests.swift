import Testing
@testable import Lab

/// Section 5: a documented number's value and tolerance, and when it holds.
@Suite struct ClaimRuleTests {
    static let K = 1024.0, M = 1_048_576.0, G = 1_073_741_824.0, T = 1_099_511_627_776.0

    /// (claim, value, tolerance, unit)
    static let rules: [(String, Double, Double, String?)] = [
        // The examples of section 5.
        ("4.7%", 0.047, 0.0005, nil), ("93MB", 93e6, 0.5e6, "B"), ("138,357,544", 138_357_544, 0.5, nil),
        ("0.0474", 0.0474, 0.00005, nil), ("138M", 138e6, 0.5e6, nil), ("5.1%", 0.051, 0.0005, nil),
        // Explicit tolerances: absolute in the claim's multiplier, or relative with %.
        ("0.90 ± 0.02", 0.9, 0.02, nil), ("138M ± 1", 138e6, 1e6, nil), ("61MB ± 5%", 61e6, 3.05e6, "B"),
        ("4.7% ± 0.2", 0.047, 0.002, nil), ("138M ± 500K", 138e6, 5e5, nil), ("0.9 +- 0.1", 0.9, 0.1, nil),
        ("0.9 +/- 0.1", 0.9, 0.1, nil), ("2.5±0.5", 2.5, 0.5, nil), ("1,000 ± 10%", 1000, 100, nil),
        // Binary multipliers.
        ("64Ki", 64 * K, 0.5 * K, nil), ("1.5Mi", 1.5 * M, 0.05 * M, nil), ("2GiB", 2 * G, 0.5 * G, "B"),
        ("1Ti", T, 0.5 * T, nil),
        // Units, signs, exponents, spaces.
        ("12GFLOPs", 12e9, 0.5e9, "FLOPs"), ("15.5 GFLOPs", 15.5e9, 0.05e9, "FLOPs"), ("3 params", 3, 0.5, "params"),
        ("7 K", 7000, 500, nil), ("-1.25", -1.25, 0.005, nil), ("−0.5", -0.5, 0.05, nil), ("1e-3", 0.001, 0.0005, nil),
        ("2.5e3", 2500, 50, nil), ("1.0E+2", 100, 5, nil), ("100%", 1, 0.005, nil), ("0", 0, 0.5, nil),
        ("-3.0e-2 ± 1e-3", -0.03, 0.001, nil), ("  42  ", 42, 0.5, nil),
        // Percentage points, and `k` as `.Ns` writes thousands.
        ("29% ± 3pp", 0.29, 0.03, nil), ("0.29 ± 3pp", 0.29, 0.03, nil), ("12.3k", 12_300, 50, nil),
        ("5 kg", 5000, 500, "g"),
    ]

    @Test(arguments: rules)
    func valueAndTolerance(text: String, value: Double, tolerance: Double, unit: String?) throws {
        let c = try Claim.parse(text)
        #expect(abs(c.value - value) <= 1e-12 * Swift.max(1, abs(value)), "\(text): \(c.value)")
        #expect(abs(c.tolerance - tolerance) <= 1e-12 * Swift.max(1, abs(tolerance)), "\(text): ±\(c.tolerance)")
        #expect(c.unit == unit)
    }

    @Test(arguments: rules)
    func holdsJustInsideNotJustOutside(text: String, value: Double, tolerance: Double, unit: String?) throws {
        let c = try Claim.parse(text)
        for sign in [-1.0, 1.0] {
            #expect(c.holds(value + sign * tolerance * 0.98), "\(text) inside, sign \(sign)")
            #expect(!c.holds(value + sign * tolerance * 1.02), "\(text) outside, sign \(sign)")
        }
        #expect(c.holds(value))
        #expect(!c.holds(.nan) && !c.holds(.infinity) && !c.holds(-.infinity))
    }

    @Test func decimalValuesOnTheEdgeHold() throws {
        // 0.04745 is not exact in binary; the rounding rule still takes it.
        #expect(try Claim.parse("0.0474").holds(0.04745))
        #expect(try Claim.parse("0.0474").holds(Double(Float(0.0474258))))
        #expect(!(try Claim.parse("0.0474").holds(0.0475)))
    }

    @Test func exactEqualityIsExact() throws {
        let c = try Claim.parse("138,357,544")
        #expect(c.equals(138_357_544))
        #expect(!c.equals(138_357_544.25))
        #expect(!c.equals(.nan))
    }

    @Test(arguments: [
        ("", "expected a number in the claim"), ("abc", "expected a number in the claim 'abc'"),
        ("1.2.3", "unexpected '.3'"), ("5 ± -1", "expected a non-negative number after '±'"),
        ("5 ±", "expected a non-negative number after '±'"), ("5 ± x", "expected a non-negative number"),
        ("5MB extra", "unexpected 'extra'"), ("1,23", "unexpected ',23'"), ("--5", "expected a number"),
        ("1e999", "out of range"), ("1e99999999999999999999", "out of range"), ("5 ± 1e999", "out of range"),
        ("1 ± 2 ± 3", "unexpected '± 3'"),
    ])
    func malformedClaimsAreErrors(text: String, message: String) {
        do {
            let c = try Claim.parse(text)
            Issue.record("'\(text)' parsed as \(c)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    /// `!~` passes exactly when `~` fails; a NaN passes neither.
    @Test(arguments: [(0.0474, true), (0.04744, true), (0.04736, true), (0.0476, false), (-0.0474, false)])
    func erratumIsTheOppositeOfApprox(x: Double, holds: Bool) {
        let s = Harness.session()
        let r = Harness.run("x = \(x)\nexpect x ~ 0.0474\nexpect x !~ 0.0474", in: s)
        #expect(r.claims.map(\.status) == (holds ? [.pass, .fail] : [.fail, .pass]))
    }

    @Test func nanNeverPasses() {
        let s = Harness.session()
        let r = Harness.run("n = 0 / 0\nexpect n ~ 1\nexpect n !~ 1\nexpect n == 1\nexpect n == n", in: s)
        #expect(r.claims.map(\.status) == [.error, .error, .error, .error])
        #expect(r.claims[0].error?.message.contains("not a finite number") == true)
    }

    /// Infinity equals itself, but an overflow is never a documented number.
    @Test func infinityNeverPasses() {
        let s = Harness.session()
        let r = Harness.run("""
            i = 1 / 0
            e = exp(1000)
            expect i == i
            expect e == e
            expect i ~ 1
            expect i !~ 1
            expect [1, i] == [1, i]
            expect exp(zeros([2]) + 1000) == exp(zeros([2]) + 1000)
            """, in: s)
        #expect(r.claims.count == 6)
        #expect(r.claims.allSatisfy { $0.status == .error }, "\(r.claims.map(\.status))")
        #expect(r.claims[0].error?.rendered.hasPrefix("lessons/t.md:12:8: error: the computed value is") == true,
                "\(r.claims[0].error?.rendered ?? "")")
    }

    @Test func malformedClaimInABlockPointsIntoTheClaim() {
        let s = Harness.session()
        let r = Harness.run("x = 1\nexpect x ~ 12 apples pears", in: s)
        #expect(r.claims.first?.status == .error)
        #expect(r.claims.first?.error?.location == SourceLocation(line: 11, column: 22))  // "pears"
    }
}

@Suite struct ExactClaimTests {
    /// `==` needs the claim's value to be the Double nearest what is written.
    @Test(arguments: [("4.7%", 0.047), ("5%", 0.05), ("0.1%", 0.001), ("1.1K", 1100), ("2.3M", 2.3e6), ("0.3", 0.3),
                      ("1.5e-3", 0.0015), ("-7.1%", -0.071), ("1,234.5", 1234.5), ("1Ki", 1024)])
    func decimalValuesAreExact(text: String, value: Double) throws {
        #expect(try Claim.parse(text).value == value)
        #expect(try Claim.parse(text).equals(value))
    }

    @Test func exactClaimsInABlock() {
        let r = Harness.run("expect 0.047 == 4.7%\nexpect 138357544 == 138,357,544\nexpect 0.1 + 0.2 == 0.3", in: Harness.session())
        #expect(r.claims.map(\.status) == [.pass, .pass, .fail])
    }
}
