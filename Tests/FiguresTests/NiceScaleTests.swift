import Testing
@testable import Figures

@Suite struct NiceScaleTests {
    struct TickCase: Sendable, CustomTestStringConvertible {
        let lower: Double, upper: Double, maxCount: Int
        let expected: [Double]
        var testDescription: String { "[\(lower), \(upper)] max \(maxCount)" }
    }

    static let tickCases: [TickCase] = [
        .init(lower: 0, upper: 1, maxCount: 6, expected: [0, 0.2, 0.4, 0.6, 0.8, 1]),
        .init(lower: 0, upper: 10, maxCount: 6, expected: [0, 2, 4, 6, 8, 10]),
        .init(lower: 0.35, upper: 1.62, maxCount: 8, expected: [0, 0.5, 1, 1.5, 2]),
        .init(lower: -3, upper: 7, maxCount: 5, expected: [-5, 0, 5, 10]),
        .init(lower: 7, upper: -3, maxCount: 5, expected: [-5, 0, 5, 10]),
        .init(lower: 0, upper: 0.3, maxCount: 4, expected: [0, 0.1, 0.2, 0.3]),
        .init(lower: 0.961, upper: 0.988, maxCount: 7, expected: [0.96, 0.965, 0.97, 0.975, 0.98, 0.985, 0.99]),
        .init(lower: 0, upper: 138e6, maxCount: 8, expected: [0, 20e6, 40e6, 60e6, 80e6, 100e6, 120e6, 140e6]),
        .init(lower: 1e-7, upper: 4e-7, maxCount: 4, expected: [1e-7, 2e-7, 3e-7, 4e-7]),
        .init(lower: 5, upper: 5, maxCount: 5, expected: [4.5, 5, 5.5]),
        .init(lower: 0, upper: 0, maxCount: 5, expected: [-1, -0.5, 0, 0.5, 1]),
        .init(lower: 0, upper: 1, maxCount: 0, expected: [0, 0.5, 1]),
        .init(lower: -0.001, upper: 0.0015, maxCount: 2, expected: [-0.002, 0, 0.002]),
    ]

    @Test(arguments: tickCases)
    func ticks(_ c: TickCase) {
        #expect(NiceScale.ticks(lower: c.lower, upper: c.upper, maxCount: c.maxCount) == c.expected)
    }

    @Test func ticksCoverTheRangeWithinTheCount() {
        let ranges: [(Double, Double)] = [(0, 1), (-17.3, 4.2), (1e-9, 3e-9), (123456, 987654),
                                          (-0.001, 0.0015), (99.5, 100.5), (0.1, 0.7)]
        for (lo, hi) in ranges {
            for count in 3...12 {
                let t = NiceScale.ticks(lower: lo, upper: hi, maxCount: count)
                #expect(t.count >= 2 && t.count <= count, "\(lo)...\(hi) max \(count): \(t)")
                guard let first = t.first, let last = t.last else { continue }
                #expect(first <= lo && last >= hi, "\(lo)...\(hi) max \(count): \(t)")
                let step = NiceScale.step(of: t)
                let mantissa = step / pow10(Int((log10(step)).rounded(.down)))
                #expect([1, 2, 5, 10].contains { abs(mantissa - $0) < 1e-6 }, "step \(step) is not 1-2-5")
            }
        }
    }

    func pow10(_ e: Int) -> Double { e >= 0 ? (0..<e).reduce(1) { r, _ in r * 10 } : 1 / pow10(-e) }

    /// Decimal exponent of a positive finite x (written out: no libm in tests).
    func log10(_ x: Double) -> Double {
        guard x.isFinite, x > 0 else { return 0 }
        var e = 0.0, v = x
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }

    @Test func unusableBoundsGiveNoTicks() {
        #expect(NiceScale.ticks(lower: .nan, upper: 1, maxCount: 5).isEmpty)
        #expect(NiceScale.ticks(lower: 0, upper: .infinity, maxCount: 5).isEmpty)
        #expect(NiceScale.ticks(lower: -1e308, upper: 1e308, maxCount: 5).isEmpty)
        #expect(NiceScale.ticks(lower: 0, upper: 1, maxCount: Int.max).count <= 1000)
    }

    static let labelCases: [(Double, Double, String)] = [
        (0.4, 0.2, "0.4"), (15, 5, "15"), (0, 0.5, "0.0"), (-0.5, 0.5, "-0.5"),
        (1e-17, 0.1, "0.0"), (-1e-17, 0.1, "0.0"), (0.30000000000000004, 0.1, "0.3"),
        (0.965, 0.005, "0.965"), (1234, 100, "1234"), (2, 1, "2"),
        (20000, 10000, "20k"), (140e6, 20e6, "140M"), (1.5e6, 5e5, "1.5M"), (3e9, 1e9, "3G"),
        (2.5e-7, 5e-8, "2.5e-7"), (1e-6, 5e-7, "1e-6"), (-3e-5, 1e-5, "-3e-5"), (0, 1e-6, "0"),
        (2e20, 1e20, "2e20"), (.nan, 1, "NaN"), (.infinity, 1, "inf"), (7, .nan, "7"),
    ]

    @Test(arguments: labelCases)
    func labels(value: Double, step: Double, expected: String) {
        #expect(NiceScale.label(value, step: step) == expected)
    }

    @Test func decimalsAreLocaleFree() {
        #expect(Decimals.fixed(1.5, 2) == "1.50")
        #expect(Decimals.fixed(-0.001, 1) == "0.0")
        #expect(Decimals.fixed(-2.25, 1) == "-2.3")
        #expect(Decimals.trimmed(12.5) == "12.5")
        #expect(Decimals.trimmed(3.0) == "3")
        #expect(Decimals.trimmed(-0.001) == "0")
        #expect(Decimals.short(0.8734) == "0.873")
        #expect(Decimals.short(12.44) == "12.4")
        #expect(Decimals.short(1234.5) == "1235")
        #expect(Decimals.short(-0.31) == "-0.31")
        #expect(Decimals.short(3.2e-5) == "3.2e-5")
        #expect(Decimals.short(0) == "0")
        #expect(Decimals.typeset("-1.5e-3") == "\u{2212}1.5e\u{2212}3")
    }
}
