import Foundation

/// Locale-free, deterministic number formatting for SVG output.
///
/// `String(format:)` depends on the C locale and Swift's `description` picks
/// its own digit count; figures must be byte-identical everywhere, so all
/// numbers in SVG text go through here.
enum Decimals {
    /// `v` rounded half away from zero to `digits` decimals.
    static func round(_ v: Double, _ digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        return (v * scale).rounded(.toNearestOrAwayFromZero) / scale
    }

    /// Exactly `digits` decimals: fixed(1.5, 2) is "1.50", fixed(-0.001, 1) is "0.0".
    static func fixed(_ v: Double, _ digits: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "inf" : "-inf") }
        let digits = min(max(0, digits), 12)
        let scaled = (abs(v) * pow(10, Double(digits))).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return integerString(v) }
        let n = UInt64(scaled)
        let divisor = UInt64(pow(10, Double(digits)))
        var text = String(n / divisor)
        if digits > 0 {
            let frac = String(n % divisor)
            text += "." + String(repeating: "0", count: digits - frac.count) + frac
        }
        return (v < 0 && n != 0 ? "-" : "") + text
    }

    /// Up to `digits` decimals with trailing zeros (and a bare ".") removed:
    /// the form used for SVG coordinates ("12.5", "3", "0.25").
    static func trimmed(_ v: Double, _ digits: Int = 2) -> String {
        var text = fixed(v, digits)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A short human-readable value for data labels: integers as integers,
    /// otherwise three significant digits ("0.873", "12.4", "1234"), and
    /// scientific notation for tiny or huge magnitudes ("3.2e-5").
    static func short(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "inf" : "-inf") }
        let a = abs(v)
        if a == 0 { return "0" }
        if a >= 1e15 || a < 1e-3 {
            let e = Int(floor(log10(a)))
            var m = round(v / pow(10, Double(e)), 1)
            var exp = e
            if abs(m) >= 10 { m /= 10; exp += 1 }
            return trimmed(m, 1) + "e" + String(exp)
        }
        if a >= 100 || v == v.rounded() { return fixed(v, 0) }
        let digits = 2 - Int(floor(log10(a)))
        return trimmed(v, digits)
    }

    private static func integerString(_ v: Double) -> String {
        // Past 2^53 every Double is an integer; Int64 covers what fits.
        if abs(v) < 9.2e18 { return String(Int64(v.rounded())) }
        return short(v)
    }

    /// Typographic minus signs (U+2212) in place of hyphens, for numbers
    /// shown in figures: a minus is as wide as a digit and lines up.
    static func typeset(_ number: String) -> String {
        String(number.map { $0 == "-" ? "\u{2212}" : $0 })
    }
}
