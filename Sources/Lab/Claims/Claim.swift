import Foundation

/// A documented number as an author writes it in prose: `0.0474`, `138M`,
/// `93MB`, `5.1%`, `138,357,544`, `0.90 ± 0.02`, `61MB ± 5%`, `29% ± 3pp`.
///
///     CLAIM := NUMBER [MULTIPLIER] [UNIT] [TOLERANCE]
///
/// Without a tolerance the claim holds when the computed value rounds to the
/// written digits: half a unit of the last written digit, after the multiplier.
public struct Claim: Sendable, Equatable {
    public let text: String
    public let value: Double
    /// Absolute tolerance, already scaled.
    public let tolerance: Double
    let unit: String?
    /// The multiplier as written (`M`, `%`, `Ki`) and its factor, and the
    /// count of written decimals: enough to show another value the same way.
    let multiplier: String
    public let scale: Double
    public let decimals: Int

    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public let message: String
        /// 0-based scalar offset in the claim text.
        public let offset: Int
        public var description: String { message }
    }

    static let multipliers: [(String, Double)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
        // `k` as `.Ns` writes thousands (12.3k), beside the older `K`.
        ("K", 1e3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("%", 0.01),
    ]

    public static func parse(_ text: String) throws(SyntaxError) -> Claim {
        var scanner = ClaimScanner(text)
        scanner.skipSpaces()
        guard let number = scanner.number() else {
            throw SyntaxError(message: "expected a number in the claim '\(text)'", offset: scanner.offset)
        }
        scanner.skipSpaces()
        let multiplierStart = scanner.offset
        let scale = scanner.multiplier() ?? 1
        let multiplier = String(String.UnicodeScalarView(scanner.scalars[multiplierStart..<scanner.offset]))
        scanner.skipSpaces()
        let unit = scanner.letters()
        scanner.skipSpaces()
        var tolerance = number.halfUnit * scale
        if scanner.plusMinus() {
            scanner.skipSpaces()
            guard let tol = scanner.number(), tol.value >= 0 else {
                throw SyntaxError(message: "expected a non-negative number after '±'", offset: scanner.offset)
            }
            scanner.skipSpaces()
            if scanner.consume("pp") {
                // Percentage points: `29% ± 3pp` is 26% to 32%, whatever the claim's multiplier.
                tolerance = tol.value * 0.01
            } else if scanner.consume("%") {
                tolerance = abs(number.value * scale) * tol.value / 100
            } else if let m = scanner.multiplier() {
                tolerance = tol.value * m
            } else {
                // A bare tolerance is in the claim's own multiplier: `138M ± 1` is ±1M.
                tolerance = tol.value * scale
            }
            scanner.skipSpaces()
        }
        guard scanner.atEnd else {
            throw SyntaxError(message: "unexpected '\(scanner.rest)' in the claim '\(text)'; "
                              + "a claim is NUMBER [k|K|M|G|T|Ki|Mi|Gi|Ti|%] [unit] [± tolerance[%|pp]]",
                              offset: scanner.offset)
        }
        // `1e999` overflows a Double, and an infinite claim would "hold" for any value.
        let decimalShift = ["K": 3, "k": 3, "M": 6, "G": 9, "T": 12, "%": -2, "": 0][multiplier]
        let value = decimalShift.map(number.shifted) ?? number.value * scale
        guard value.isFinite, tolerance.isFinite else {
            throw SyntaxError(message: "the number in the claim '\(text)' is out of range", offset: 0)
        }
        return Claim(text: text.trimmingSpaces, value: value, tolerance: tolerance,
                     unit: unit.isEmpty ? nil : unit, multiplier: multiplier, scale: scale,
                     decimals: number.decimals)
    }

    /// Whether `computed` reproduces the claim. A hair of slack absorbs
    /// binary rounding of decimal values (0.0474 is not exact in a Double).
    public func holds(_ computed: Double) -> Bool {
        guard computed.isFinite else { return false }
        let slack = 1e-9 * max(tolerance, abs(value) * 1e-6, Double.leastNormalMagnitude)
        return abs(computed - value) <= tolerance + slack
    }

    /// A computed value written the way the claim is: `60950432` beside
    /// `93MB` reads `61MB`.
    public func formatLike(_ x: Double) -> String {
        guard x.isFinite else { return ValueFormat.plain(x) }
        let digits = min(decimals, 12)
        return ValueFormat.fixed(x / scale, digits) + multiplier + (unit ?? "")
    }

    /// Why this claim, as a `~` claim, cannot meaningfully fail (format
    /// 1.1, section 9.4), or nil. A tolerance of exactly half the value is
    /// allowed: `1` means 0.5 to 1.5, which a wrong result can still miss.
    public var weakness: String? {
        guard value != 0, tolerance > abs(value) / 2 else { return nil }
        let tol = ValueFormat.plain(tolerance), doc = ValueFormat.plain(value)
        if tolerance >= abs(value) {
            return "the tolerance ±\(tol) around \(doc) includes 0, so the claim cannot meaningfully fail; "
                + "write more digits or a smaller tolerance"
        }
        return "the tolerance ±\(tol) is more than half of \(doc), so the claim can hardly fail; "
            + "write more digits or a smaller tolerance"
    }

    /// Exact equality, for `==` claims.
    func equals(_ computed: Double) -> Bool { computed == value }
}

/// A cursor over a claim's characters.
struct ClaimScanner {
    struct Number {
        var value: Double; var halfUnit: Double; var decimals: Int
        /// The written digits and exponent, for exact decimal scaling.
        var digits = "0"; var exponent = 0

        /// The value times 10^shift, rounded once from the decimal text: `4.7%`
        /// is the Double nearest 0.047, which `4.7 * 0.01` is not, and `==` claims need that.
        func shifted(by shift: Int) -> Double {
            Double("\(digits)e\(exponent + shift)") ?? value * pow(10, Double(shift))
        }
    }

    let scalars: [Unicode.Scalar]
    var offset = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var atEnd: Bool { offset >= scalars.count }
    var rest: String { String(String.UnicodeScalarView(scalars[offset...])) }

    func peek(_ k: Int = 0) -> Unicode.Scalar? { offset + k < scalars.count ? scalars[offset + k] : nil }
    func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0 >= "0" && $0 <= "9" } ?? false }

    mutating func skipSpaces() {
        while let c = peek(), c == " " || c == "\t" || c == "\u{00A0}" || c == "\u{202F}" { offset += 1 }
    }

    mutating func consume(_ s: String) -> Bool {
        let want = Array(s.unicodeScalars)
        guard offset + want.count <= scalars.count, Array(scalars[offset..<offset + want.count]) == want else { return false }
        offset += want.count
        return true
    }

    /// `[-] digits [, ddd]* [. digits] [e [-] digits]`, with the size of
    /// half a unit in its last written digit.
    mutating func number() -> Number? {
        let start = offset
        var text = ""
        if peek() == "-" || peek() == "−" { text = "-"; offset += 1 }
        guard isDigit(peek()) else { offset = start; return nil }
        while isDigit(peek()) { text.unicodeScalars.append(peek()!); offset += 1 }
        // Thousands groups: a comma followed by exactly three digits.
        while peek() == ",", isDigit(peek(1)), isDigit(peek(2)), isDigit(peek(3)), !isDigit(peek(4)) {
            text += String(String.UnicodeScalarView(scalars[offset + 1...offset + 3]))
            offset += 4
        }
        var decimals = 0
        if peek() == ".", isDigit(peek(1)) {
            text += "."
            offset += 1
            while isDigit(peek()) { text.unicodeScalars.append(peek()!); offset += 1; decimals += 1 }
        }
        var exponent = 0
        if peek() == "e" || peek() == "E" {
            let save = offset
            offset += 1
            var sign = 1
            if peek() == "-" || peek() == "+" { sign = peek() == "-" ? -1 : 1; offset += 1 }
            if isDigit(peek()) {
                var digits = ""
                while isDigit(peek()) { digits.unicodeScalars.append(peek()!); offset += 1 }
                exponent = sign * (Int(digits).map { Swift.min($0, 10_000) } ?? 10_000)  // past any Double
            } else {
                offset = save
            }
        }
        guard let mantissa = Double(text) else { offset = start; return nil }
        return Number(value: Double("\(text)e\(exponent)") ?? mantissa * pow(10, Double(exponent)),
                      halfUnit: 0.5 * pow(10, Double(exponent - decimals)), decimals: max(0, decimals - exponent),
                      digits: text, exponent: exponent)
    }

    mutating func multiplier() -> Double? {
        for (name, scale) in Claim.multipliers where consume(name) {
            return scale
        }
        return nil
    }

    mutating func letters() -> String {
        var s = ""
        while let c = peek(), c.properties.isAlphabetic || c == "/" || c == "²" { s.unicodeScalars.append(c); offset += 1 }
        return s
    }

    mutating func plusMinus() -> Bool { consume("±") || consume("+-") || consume("+/-") }
}
