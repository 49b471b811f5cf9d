import Lab

/// Hides `$...$` and `$$...$$` from the Markdown parser, so `_` and `*` in
/// TeX never turn into emphasis. Each formula becomes a placeholder of
/// private-use characters that cmark passes through as text; newlines
/// inside a formula are kept after its placeholder so line numbers hold.
/// Code (fenced blocks and inline spans) is left alone.
///
/// Dollar rules follow Pandoc's `tex_math_dollars`: an opening `$` is not
/// followed by a space, a closing `$` is not preceded by one nor followed
/// by a digit, so "$5 and $10" stays text. `\$` is a literal dollar.
struct MathProtector {
    struct Formula: Sendable {
        var tex: String
        var display: Bool
        var location: SourceLocation
        /// False when the formula turned out to sit in code or a URL (see
        /// `unprotect`): it is shown as written and not typeset.
        var used = true
    }

    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    static func placeholder(_ i: Int) -> String { "\(open)\(i)\(close)" }

    /// What a backslash escapes in CommonMark: ASCII punctuation.
    static let escapable = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

    static func protect(_ text: String) -> (String, [Formula]) {
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var formulas: [Formula] = []
        var i = 0
        var line = 1, lineStart = 0
        var fence: (Unicode.Scalar, Int)?
        var atLineStart = true

        func run(_ c: Unicode.Scalar, from k: Int) -> Int {
            var n = 0
            while k + n < s.count, s[k + n] == c { n += 1 }
            return n
        }

        while i < s.count {
            let c = s[i]
            if atLineStart {
                atLineStart = false
                // Fenced code: up to three spaces, then ``` or ~~~.
                var k = i, spaces = 0
                while k < s.count, s[k] == " ", spaces < 4 { k += 1; spaces += 1 }
                if spaces < 4, k < s.count, s[k] == "`" || s[k] == "~" {
                    let n = run(s[k], from: k)
                    if n >= 3 {
                        if let (fc, fn) = fence {
                            // A closing fence has nothing after its run but spaces;
                            // "```python" inside a ``` block is content.
                            var e = k + n
                            while e < s.count, s[e] == " " || s[e] == "\t" { e += 1 }
                            if fc == s[k], n >= fn, e == s.count || s[e] == "\n" || s[e] == "\r" { fence = nil }
                        } else {
                            fence = (s[k], n)
                        }
                        // A fence line is never inline content: copy it whole, so its
                        // backticks are not taken for a code span.
                        while i < s.count, s[i] != "\n" { out.append(s[i]); i += 1 }
                        continue
                    }
                }
            }
            if c == "\n" {
                out.append(c); i += 1; line += 1; lineStart = i; atLineStart = true
                continue
            }
            if fence != nil { out.append(c); i += 1; continue }
            // A backslash escapes any ASCII punctuation, as in CommonMark: `\$`
            // is a dollar, `\`` is no code span, `\\` is a backslash before math.
            if c == "\\", i + 1 < s.count, MathProtector.escapable.contains(s[i + 1]) {
                out.append(c); out.append(s[i + 1]); i += 2
                continue
            }
            if c == "`" {
                let n = run("`", from: i)
                var k = i + n, closing: Int?
                while k < s.count {
                    if s[k] == "`" {
                        let m = run("`", from: k)
                        if m == n { closing = k; break }
                        k += m
                    } else { k += 1 }
                }
                let end = closing.map { $0 + n } ?? i + n
                for j in i..<end {
                    out.append(s[j])
                    if s[j] == "\n" { line += 1; lineStart = j + 1 }
                }
                i = end
                continue
            }
            if c == "$" {
                let display = i + 1 < s.count && s[i + 1] == "$"
                let start = i + (display ? 2 : 1)
                if let end = findClose(s, from: start, display: display) {
                    let tex = String(String.UnicodeScalarView(s[start..<end]))
                    formulas.append(Formula(tex: tex, display: display,
                                            location: SourceLocation(line: line, column: i - lineStart + 1)))
                    out.append(contentsOf: placeholder(formulas.count - 1).unicodeScalars)
                    let newlines = tex.unicodeScalars.filter { $0 == "\n" }.count
                    for _ in 0..<newlines { out.append("\n") }
                    if newlines > 0 {
                        line += newlines
                        lineStart = (s[start..<end].lastIndex(of: "\n") ?? start) + 1
                    }
                    i = end + (display ? 2 : 1)
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return (String(out), formulas)
    }

    /// Where a formula opened at `start` closes, or nil if it is not math.
    private static func findClose(_ s: [Unicode.Scalar], from start: Int, display: Bool) -> Int? {
        guard start < s.count else { return nil }
        if !display, s[start] == " " || s[start] == "\n" || s[start] == "\t" { return nil }
        var k = start
        var previousNewline = false
        while k < s.count {
            let c = s[k]
            if c == "\\" { k += 2; previousNewline = false; continue }
            if c == "\n" {
                if previousNewline { return nil }  // a blank line ends the paragraph
                previousNewline = true
            } else if c != " " && c != "\t" {
                previousNewline = false
            }
            if display {
                if c == "$", k + 1 < s.count, s[k + 1] == "$" { return k > start ? k : nil }
            } else if c == "$" {
                let before = s[k - 1]
                let after: Unicode.Scalar? = k + 1 < s.count ? s[k + 1] : nil
                if before != " ", before != "\t", before != "\n", !(after.map { $0 >= "0" && $0 <= "9" } ?? false), k > start {
                    return k
                }
                return nil
            }
            k += 1
        }
        return nil
    }
}

extension MathProtector {
    /// The protector finds code by lines, not by parsing: it cannot see an
    /// indented code block, a fence inside a quote, or a `$` in a link's
    /// destination. Wherever cmark put a placeholder into something that is
    /// not prose, the formula's source goes back and it is not typeset.
    static func unprotect(_ node: MarkdownNode, _ formulas: inout [Formula]) -> MarkdownNode {
        var node = node
        switch node.kind {
        case let .codeBlock(info, literal):
            node.kind = .codeBlock(info: source(info, &formulas), literal: source(literal, &formulas))
        case let .code(literal): node.kind = .code(source(literal, &formulas))
        case let .htmlBlock(raw): node.kind = .htmlBlock(source(raw, &formulas))
        case let .htmlInline(raw): node.kind = .htmlInline(source(raw, &formulas))
        case let .link(url, title): node.kind = .link(url: source(url, &formulas), title: source(title, &formulas))
        case let .image(url, title): node.kind = .image(url: source(url, &formulas), title: source(title, &formulas))
        default: break
        }
        node.children = node.children.map { unprotect($0, &formulas) }
        return node
    }

    /// `text` with each placeholder replaced by the formula as written,
    /// dropping the newlines `protect` put after it.
    private static func source(_ text: String, _ formulas: inout [Formula]) -> String {
        guard text.unicodeScalars.contains(open) else { return text }
        var out = String.UnicodeScalarView()
        var rest = text.unicodeScalars[...]
        while let c = rest.first {
            rest.removeFirst()
            guard c == open, let end = rest.firstIndex(of: close),
                  let i = Int(String(String.UnicodeScalarView(rest[..<end]))), i < formulas.count else {
                out.append(c)
                continue
            }
            rest = rest[rest.index(after: end)...]
            let f = formulas[i]
            formulas[i].used = false
            let fence = f.display ? "$$" : "$"
            out.append(contentsOf: (fence + f.tex + fence).unicodeScalars)
            var newlines = f.tex.unicodeScalars.filter { $0 == "\n" }.count
            while newlines > 0, rest.first == "\n" { rest.removeFirst(); newlines -= 1 }
        }
        return String(out)
    }
}
