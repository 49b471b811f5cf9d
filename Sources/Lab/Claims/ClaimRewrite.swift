import Foundation

/// Writes a computed value in place of a documented number, the way the
/// author wrote the old one: the same count of written decimals, the same
/// multiplier, unit and tolerance, thousands separators if the old number
/// had them. `check --fix` uses it on `~` claims that no longer reproduce,
/// and to fill the placeholder `~ ?` (`?.2`: two decimals; `?3`: three
/// significant digits; `?`: four significant digits, as an inline value shows).
public enum ClaimRewrite {
    /// The claim text with its number replaced by `computed`; nil when the
    /// text is not a claim or the value cannot be written (not finite).
    public static func rewrite(_ text: String, computed: Double) -> String? {
        guard computed.isFinite, let claim = try? Claim.parse(text) else { return nil }
        var scanner = ClaimScanner(text)
        scanner.skipSpaces()
        let start = scanner.offset
        guard let number = scanner.number() else { return nil }
        let scalars = Array(text.unicodeScalars)
        let written = String(String.UnicodeScalarView(scalars[start..<scanner.offset]))
        let value = computed / claim.scale
        let replacement: String
        if written.contains("e") || written.contains("E") {
            replacement = scientific(value, mantissaDecimals: mantissaDecimals(written))
        } else if written.contains(",") {
            replacement = grouped(value, decimals: number.decimals)
        } else {
            replacement = ValueFormat.fixed(value, number.decimals)
        }
        return String(String.UnicodeScalarView(scalars[..<start])) + replacement
            + String(String.UnicodeScalarView(scalars[scanner.offset...]))
    }

    /// A placeholder's precision: `?` (nil: four significant digits), `?.N`
    /// (N decimals) or `?N` (N significant digits); nil if `text` is not one.
    public enum Precision: Equatable, Sendable {
        case decimals(Int)
        case significant(Int)
    }

    public static func placeholder(_ text: String) -> Precision?? {
        // Not `placeholderParts(text)?.precision`: optional chaining would flatten `.some(nil)` away.
        guard let parts = placeholderParts(text) else { return nil }
        return .some(parts.precision)
    }

    /// A placeholder split into its precision and what follows it: nothing,
    /// or a tolerance the filled number keeps (`?.2 ± 0.05`).
    public static func placeholderParts(_ text: String) -> (precision: Precision?, token: String, rest: String)? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let token = String(t.prefix { $0 != " " && $0 != "\t" && $0 != "±" })
        let rest = String(t.dropFirst(token.count))
        let after = rest.trimmingCharacters(in: .whitespaces)
        guard after.isEmpty || after.hasPrefix("±") || after.hasPrefix("+/-"),
              let precision = precision(of: token) else { return nil }
        return (precision, token, rest)
    }

    private static func precision(of token: String) -> Precision?? {
        guard token.hasPrefix("?") else { return nil }
        let rest = token.dropFirst()
        if rest.isEmpty { return .some(nil) }
        if rest.hasPrefix("."), let n = Int(rest.dropFirst()), (0...12).contains(n) { return .some(.decimals(n)) }
        if let n = Int(rest), (1...12).contains(n) { return .some(.significant(n)) }
        return nil
    }

    /// The claim a placeholder becomes: its token filled, its tolerance kept.
    public static func filled(_ text: String, computed: Double) -> String? {
        guard let (precision, token, _) = placeholderParts(text), let number = fill(precision, computed: computed),
              let range = text.range(of: token) else { return nil }
        return text.replacingCharacters(in: range, with: number)
    }

    /// The number a placeholder becomes: plain digits, no multiplier.
    public static func fill(_ precision: Precision?, computed: Double) -> String? {
        guard computed.isFinite else { return nil }
        switch precision {
        case let .decimals(n)?: return ValueFormat.fixed(computed, n)
        case let .significant(n)?: return significant(computed, n)
        case nil:
            // As an inline value shows it: whole numbers in full, grouped from 10,000.
            if computed == computed.rounded(), abs(computed) < 1e15 {
                return abs(computed) >= 10_000 ? grouped(computed, decimals: 0) : ValueFormat.fixed(computed, 0)
            }
            return significant(computed, 4)
        }
    }

    static func significant(_ x: Double, _ digits: Int) -> String {
        guard x != 0 else { return "0" }
        let magnitude = Int(floor(log10(abs(x))))
        // Fewer digits than the whole part has (371 to two) need an exponent: "370" would claim ±0.5.
        if magnitude >= 15 || magnitude < -6 || magnitude >= digits { return scientific(x, mantissaDecimals: digits - 1) }
        return ValueFormat.fixed(x, max(0, digits - 1 - magnitude))
    }

    static func mantissaDecimals(_ written: String) -> Int {
        let mantissa = written.split(whereSeparator: { $0 == "e" || $0 == "E" })[0]
        guard let dot = mantissa.firstIndex(of: ".") else { return 0 }
        return mantissa.distance(from: dot, to: mantissa.endIndex) - 1
    }

    static func scientific(_ x: Double, mantissaDecimals: Int) -> String {
        guard x != 0 else { return ValueFormat.fixed(0, mantissaDecimals) + "e0" }
        var exponent = Int(floor(log10(abs(x))))
        var mantissa = ValueFormat.fixed(x / pow(10, Double(exponent)), mantissaDecimals)
        // 9.96 with one decimal rounds to 10.0: carry into the exponent.
        if let m = Double(mantissa), abs(m) >= 10 {
            exponent += 1
            mantissa = ValueFormat.fixed(x / pow(10, Double(exponent)), mantissaDecimals)
        }
        return mantissa + "e" + String(exponent)
    }

    static func grouped(_ x: Double, decimals: Int) -> String {
        let fixed = ValueFormat.fixed(abs(x), decimals)
        let parts = fixed.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(parts[0])
        var out: [Character] = []
        while digits.count > 3 {
            out = [","] + digits.suffix(3) + out
            digits.removeLast(3)
        }
        let integer = String(digits + out)
        let sign = x < 0 && Double(fixed) != 0 ? "-" : ""
        return sign + integer + (parts.count > 1 ? "." + parts[1] : "")
    }
}
