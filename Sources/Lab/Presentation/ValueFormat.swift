import Foundation

/// How numbers read on the page: by default 4 significant digits, integers
/// in full; with a format spec from section 4 of the lesson format.
public enum ValueFormat {
    static func isValidSpec(_ spec: String) -> Bool { parse(spec) != nil }

    enum Spec: Equatable {
        case fixed(Int), scientific(Int), percent(Int), grouped, si(Int), integer
    }

    static func parse(_ spec: String) -> Spec? {
        switch spec {
        case ",d": return .grouped
        case "d": return .integer
        default: break
        }
        guard spec.hasPrefix("."), spec.count >= 3, let kind = spec.last,
              let n = Int(spec.dropFirst().dropLast()), n >= 0, n <= 20 else { return nil }
        switch kind {
        case "f": return .fixed(n)
        case "e": return .scientific(n)
        case "%": return .percent(n)
        case "s": return .si(max(n, 1))
        default: return nil
        }
    }

    /// Formats a number with a spec; nil when the spec is unknown.
    public static func format(_ x: Double, spec: String) -> String? {
        guard let s = parse(spec) else { return nil }
        guard x.isFinite else { return plain(x) }
        switch s {
        case let .fixed(n): return fixed(x, n)
        case let .scientific(n): return scientific(x, n)
        case let .percent(n): return fixed(x * 100, n) + "%"
        case .grouped: return grouped(x.rounded())
        case .integer: return fixed(x.rounded(), 0)
        case let .si(n): return si(x, significant: n)
        }
    }

    /// The default display of a number: integers in full (grouped past
    /// four digits), others with 4 significant digits, scientific beyond
    /// the range where fixed notation stays short.
    public static func plain(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        if x == x.rounded(), abs(x) < 1e15 {
            return abs(x) >= 10_000 ? grouped(x) : fixed(x, 0)
        }
        let magnitude = abs(x)
        if magnitude >= 1e-4, magnitude < 1e6 {
            let digits = max(0, 3 - Int(floor(log10(magnitude))))
            return trimZeros(fixed(x, digits))
        }
        return scientific(x, 3, trim: true)
    }

    static func fixed(_ x: Double, _ digits: Int) -> String {
        let s = String(format: "%.\(digits)f", x)
        // Avoid "-0" and "-0.00" on the page.
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(s.dropFirst()) }
        return s
    }

    static func scientific(_ x: Double, _ digits: Int, trim: Bool = false) -> String {
        let s = String(format: "%.\(digits)e", x)
        guard let e = s.firstIndex(of: "e") else { return s }
        var mantissa = String(s[..<e])
        if trim { mantissa = trimZeros(mantissa) }
        var exp = String(s[s.index(after: e)...])
        let negative = exp.hasPrefix("-")
        exp = String(exp.drop { $0 == "+" || $0 == "-" || $0 == "0" })
        return mantissa + "e" + (negative ? "-" : "") + (exp.isEmpty ? "0" : exp)
    }

    static func trimZeros(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    static func grouped(_ x: Double) -> String {
        let digits = fixed(abs(x), 0)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (x < 0 && digits != "0" ? "-" : "") + out
    }

    static let prefixes: [(Double, String)] = [
        (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"), (1, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n"),
    ]

    /// `138357544` with `.3s` reads `138M`.
    static func si(_ x: Double, significant: Int) -> String {
        if x == 0 { return "0" }
        let magnitude = abs(x)
        let (scale, prefix) = prefixes.first { magnitude >= $0.0 * 0.9995 } ?? prefixes.last!
        let v = x / scale
        let digits = max(0, significant - 1 - Int(floor(log10(abs(v)))))
        return trimZeros(fixed(v, digits)) + prefix
    }
}
