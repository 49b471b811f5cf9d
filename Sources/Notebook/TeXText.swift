import Foundation

/// The text a BibTeX value stands for: accents (`{\"u}`, `\'e`, `\c{c}`)
/// as proper Unicode, special letters (`\ss`, `\o`, `\aa`), escaped
/// punctuation (`\&`, `\%`), `--` and `---` as dashes, `~` as a no-break
/// space, grouping braces and formatting commands (`\emph{...}`) dropped
/// with their content kept. What it does not know it leaves as written, so
/// nothing an author typed disappears.
enum TeXText {
    /// Accent commands and the combining mark each adds.
    static let accents: [String: Unicode.Scalar] = [
        "\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "k": "\u{0328}",
        "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}",
    ]

    /// Commands that are letters of their own.
    static let letters: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
        "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textquoteright": "’", "textquoteleft": "‘",
        "LaTeX": "LaTeX", "TeX": "TeX",
    ]

    /// Groups nest in accents' arguments at most this deep before they are kept as written.
    static let maxDepth = 32

    static func plain(_ tex: String, depth: Int = 0) -> String {
        var out = String.UnicodeScalarView()
        let s = Array(tex.unicodeScalars)
        var i = 0
        /// The next argument of a command: a braced group or one character, as plain text.
        func argument() -> String {
            while i < s.count, s[i] == " " { i += 1 }
            guard i < s.count else { return "" }
            if s[i] == "{" {
                var depth = 0
                let start = i + 1
                while i < s.count {
                    if s[i] == "{" { depth += 1 } else if s[i] == "}" { depth -= 1; if depth == 0 { break } }
                    i += 1
                }
                let inner = String(String.UnicodeScalarView(s[start..<min(i, s.count)]))
                i = min(i + 1, s.count)
                return depth < maxDepth ? plain(inner, depth: depth + 1) : inner
            }
            if s[i] == "\\" {
                // `\'\i`: an accent on a command letter.
                var k = i + 1
                while k < s.count, s[k].properties.isAlphabetic { k += 1 }
                let name = String(String.UnicodeScalarView(s[(i + 1)..<k]))
                if let letter = letters[name] {
                    i = k
                    return letter
                }
            }
            let c = s[i]
            i += 1
            return String(c)
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "{", "}":
                i += 1
            case "~":
                out.append("\u{00A0}")
                i += 1
            case "-":
                var n = 0
                while i + n < s.count, s[i + n] == "-" { n += 1 }
                out.append(contentsOf: (n == 2 ? "–" : n == 3 ? "—" : String(repeating: "-", count: n)).unicodeScalars)
                i += n
            case "\\":
                guard i + 1 < s.count else { out.append(c); i += 1; continue }
                let next = s[i + 1]
                if "&%$#_{} ".unicodeScalars.contains(next) {
                    out.append(next)
                    i += 2
                    continue
                }
                if next == "\\" { out.append(" "); i += 2; continue }
                var k = i + 1
                if next.properties.isAlphabetic {
                    while k < s.count, s[k].properties.isAlphabetic { k += 1 }
                } else {
                    k += 1
                }
                let name = String(String.UnicodeScalarView(s[(i + 1)..<k]))
                if let mark = accents[name] {
                    i = k
                    let base = argument()
                    let letter = base == "ı" ? "i" : base == "ȷ" ? "j" : base
                    out.append(contentsOf: (letter + String(mark)).precomposedStringWithCanonicalMapping.unicodeScalars)
                } else if let letter = letters[name] {
                    i = k
                    // A letter command ends at a space or an empty group: `\ss{}`, `\o `.
                    if i + 1 < s.count, s[i] == "{", s[i + 1] == "}" { i += 2 } else if i < s.count, s[i] == " " { i += 1 }
                    out.append(contentsOf: letter.unicodeScalars)
                } else if next.properties.isAlphabetic {
                    // A formatting command (\emph, \textit, \url, ...): its argument stays.
                    i = k
                    while i < s.count, s[i] == " " { i += 1 }
                    if i < s.count, s[i] == "{" { out.append(contentsOf: argument().unicodeScalars) }
                } else {
                    out.append(contentsOf: "\\\(name)".unicodeScalars)
                    i = k
                }
            case "$":
                i += 1
            default:
                out.append(c)
                i += 1
            }
        }
        // Line breaks and runs of spaces in a field are layout, not text.
        return String(out).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .joined(separator: " ")
    }
}
