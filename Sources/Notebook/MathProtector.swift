import Lab

/// Hides `$...$` and `$$...$$` from the Markdown parser, so `_` and `*` in
/// TeX never turn into emphasis. Each formula becomes a placeholder of
/// private-use characters that cmark passes through as text. A formula
/// over several lines keeps one line of output per line of source: the
/// placeholder on its first line, and on each later line the line's
/// container prefix (indentation, the `>` of the quote the formula sits
/// in) and a continuation mark. So no blank line appears where there was
/// none, blocks nest as written, and line numbers hold.
///
/// Code is left alone: code blocks and HTML blocks (found by a first parse
/// of the text as it is), inline code spans (which end at the paragraph
/// that opened them) and autolinks.
///
/// Dollar rules follow Pandoc's `tex_math_dollars`: an opening `$` is not
/// followed by a space, a closing `$` is not preceded by one nor followed
/// by a digit, so "$5 and $10" stays text. `\$` is a literal dollar. A `$`
/// inside `\text{...}` does not close, so `$\text{a $b$ c}$` is one formula.
struct MathProtector {
    struct Formula: Sendable {
        var tex: String
        var display: Bool
        var location: SourceLocation
        /// The formula as written, one piece per source line: the first from
        /// its opening `$`, later ones after their line's container prefix,
        /// the last through its closing `$`.
        var pieces: [String]
        /// False when the formula turned out to sit only in code, a URL or a
        /// link label (see `unprotect`): it is shown as written, not typeset.
        var used = true
        /// `$$ ... $$ {#eq-NAME}` (format 1.1, section 9.1): a display formula
        /// with a label is numbered; `labelLocation` is where the `{#` stands.
        var label: String?
        var labelLocation: SourceLocation?
    }

    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"
    /// Stands on each later line of a formula written over several lines.
    static let continuation: Unicode.Scalar = "\u{E002}"

    static func placeholder(_ i: Int) -> String { "\(open)\(i)\(close)" }

    /// What a backslash escapes in CommonMark: ASCII punctuation.
    static let escapable = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

    /// A line of the text: where it starts and ends (before its newline).
    private struct Line {
        var start: Int
        var end: Int
        var verbatim: Bool
    }

    static func protect(_ text: String) -> (String, [Formula]) {
        let s = Array(text.unicodeScalars)
        var lines: [Line] = []
        var start = 0
        for (k, c) in s.enumerated() where c == "\n" {
            lines.append(Line(start: start, end: k, verbatim: false))
            start = k + 1
        }
        lines.append(Line(start: start, end: s.count, verbatim: false))
        for range in MarkdownParser.verbatimLines(text) {
            for n in range where n >= 1 && n <= lines.count { lines[n - 1].verbatim = true }
        }
        var scanner = Scanner(s: s, lines: lines)
        scanner.run()
        return (String(scanner.out), scanner.formulas)
    }

    private struct Scanner {
        let s: [Unicode.Scalar]
        let lines: [Line]
        var out = String.UnicodeScalarView()
        var formulas: [Formula] = []
        /// Formulas by what they look like as written, so that the same
        /// formula twice is one placeholder (link labels then still match).
        var seen: [String: Int] = [:]
        var line = 0

        init(s: [Unicode.Scalar], lines: [Line]) {
            self.s = s
            self.lines = lines
        }

        func isBlank(_ n: Int) -> Bool {
            lines[n].verbatim || s[lines[n].start..<lines[n].end].allSatisfy { $0 == " " || $0 == "\t" || $0 == ">" || $0 == "\r" }
        }

        mutating func run() {
            while line < lines.count {
                let l = lines[line]
                if l.verbatim {
                    out.append(contentsOf: s[l.start..<l.end])
                } else {
                    scanLine(from: l.start)
                }
                if lines[line].end < s.count { out.append("\n") }
                line += 1
            }
        }

        /// Copies line `line` from `i` on, replacing formulas; a formula or
        /// code span over several lines moves `line` on.
        mutating func scanLine(from start: Int) {
            var i = start
            while i < lines[line].end {
                let c = s[i]
                // A backslash escapes any ASCII punctuation, as in CommonMark: `\$`
                // is a dollar, `\`` is no code span, `\\` is a backslash before math.
                if c == "\\", i + 1 < lines[line].end, MathProtector.escapable.contains(s[i + 1]) {
                    out.append(c); out.append(s[i + 1]); i += 2
                    continue
                }
                if c == "`" {
                    i = codeSpan(at: i)
                    continue
                }
                if c == "<", let end = autolink(at: i) {
                    out.append(contentsOf: s[i..<end]); i = end
                    continue
                }
                if c == "$", let next = formula(at: i) {
                    i = next
                    continue
                }
                out.append(c)
                i += 1
            }
        }

        private func run(_ c: Unicode.Scalar, from k: Int) -> Int {
            var n = 0
            while k + n < s.count, s[k + n] == c { n += 1 }
            return n
        }

        /// A code span: the backtick run and everything to a run of the same
        /// length in the same paragraph, copied as written; an unmatched run
        /// is just backticks.
        mutating func codeSpan(at i: Int) -> Int {
            let n = run("`", from: i)
            var k = i + n, l = line
            while true {
                if k >= lines[l].end {
                    l += 1
                    guard l < lines.count, !isBlank(l) else {
                        out.append(contentsOf: s[i..<i + n])
                        return i + n
                    }
                    k = lines[l].start
                    continue
                }
                if s[k] == "`" {
                    let m = run("`", from: k)
                    if m == n { break }
                    k += m
                } else { k += 1 }
            }
            for j in i..<k + n { out.append(s[j]) }
            line = l
            return k + n
        }

        /// The end of an autolink (`<https://...>`, `<a@b.c>`) at `i`, if one starts there.
        func autolink(at i: Int) -> Int? {
            let end = lines[line].end
            var k = i + 1
            while k < end, s[k] != ">", s[k] != "<", s[k] != " ", s[k] != "\t" { k += 1 }
            guard k < end, s[k] == ">" else { return nil }
            let inner = s[(i + 1)..<k]
            func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
            if let colon = inner.firstIndex(of: ":"), colon - (i + 1) >= 2, colon - (i + 1) <= 32,
               let first = inner.first, isLetter(first),
               inner[..<colon].allSatisfy({ isLetter($0) || ("0"..."9").contains($0) || "+.-".unicodeScalars.contains($0) }) {
                return k + 1
            }
            if let at = inner.firstIndex(of: "@"), at > i + 1, at < k - 1, !inner.contains("\\") {
                return k + 1
            }
            return nil
        }

        /// Replaces the formula opening at `i`, if there is one; returns where
        /// scanning goes on (on the line the formula closes on).
        mutating func formula(at i: Int) -> Int? {
            let display = i + 1 < lines[line].end && s[i + 1] == "$"
            let width = display ? 2 : 1
            let first = i + width
            // `$$` may end its line (display math usually does); `$` may not.
            if !display, first >= lines[line].end || s[first] == " " || s[first] == "\t" { return nil }
            // Find the close, line by line, collecting the pieces as written.
            let depth = quoteDepth(line)
            var pieces: [String] = []
            var texLines: [String] = []
            var pieceStart = i, texStart = first
            var k = first, l = line
            var braces = 0
            var prefixes: [Int] = []
            while true {
                if k >= lines[l].end {
                    pieces.append(String(String.UnicodeScalarView(s[pieceStart..<lines[l].end])))
                    texLines.append(String(String.UnicodeScalarView(s[texStart..<lines[l].end])))
                    l += 1
                    guard l < lines.count, !isBlank(l) else { return nil }
                    k = prefixEnd(l, depth: depth)
                    prefixes.append(k)
                    pieceStart = k
                    texStart = k
                    continue
                }
                let c = s[k]
                if c == "\\" {
                    // Pandoc reads `\text{...}` to its balancing brace: a `$` in it does not close.
                    if braces == 0, k + 5 < lines[l].end, String(String.UnicodeScalarView(s[(k + 1)...(k + 5)])) == "text{" {
                        braces = 1
                        k += 6
                    } else {
                        k += 2
                    }
                    continue
                }
                if braces > 0, c == "{" { braces += 1 } else if braces > 0, c == "}" { braces -= 1 }
                if c == "$", braces == 0 {
                    if display {
                        if k + 1 < lines[l].end, s[k + 1] == "$", k > first { break }
                        if k + 1 < lines[l].end, s[k + 1] == "$" { return nil }
                    } else {
                        let before = s[k - 1]
                        let after: Unicode.Scalar? = k + 1 < lines[l].end ? s[k + 1] : nil
                        guard k > texStart, before != " ", before != "\t", !(after.map { ("0"..."9").contains($0) } ?? false) else {
                            return nil
                        }
                        break
                    }
                }
                k += 1
            }
            var end = k + width
            pieces.append(String(String.UnicodeScalarView(s[pieceStart..<end])))
            texLines.append(String(String.UnicodeScalarView(s[texStart..<k])))
            let tex = texLines.joined(separator: "\n")
            var label: (name: String, column: Int)?
            if display, let (name, after) = equationLabel(after: end, line: l) {
                label = (name, end + (s[end..<after].prefix { $0 == " " || $0 == "\t" }.count) - lines[l].start + 1)
                // Kept with the formula as written, for where it goes back as text (in code).
                pieces[pieces.count - 1] += String(String.UnicodeScalarView(s[end..<after]))
                end = after
            }
            // A labelled formula is its own: the same TeX twice is two equations.
            let key = (display ? "$$" : "$") + pieces.joined(separator: "\n") + (label.map { "{#\($0.name)}" } ?? "")
            let index: Int
            if let known = seen[key] {
                index = known
            } else {
                index = formulas.count
                seen[key] = index
                let column = i - lines[line].start + 1
                formulas.append(Formula(tex: tex, display: display,
                                        location: SourceLocation(line: line + 1, column: column), pieces: pieces,
                                        label: label?.name,
                                        labelLocation: label.map { SourceLocation(line: l + 1, column: $0.column) }))
            }
            out.append(contentsOf: placeholder(index).unicodeScalars)
            for (n, prefixEnd) in prefixes.enumerated() {
                let l = line + n + 1
                out.append("\n")
                out.append(contentsOf: s[lines[l].start..<prefixEnd])
                out.append(continuation)
            }
            line = l
            return end
        }

        /// `{#eq-NAME}` after a display formula's closing `$$` on its line,
        /// spaces allowed before it: the label and where scanning goes on.
        func equationLabel(after end: Int, line l: Int) -> (String, Int)? {
            var k = end
            let stop = lines[l].end
            while k < stop, s[k] == " " || s[k] == "\t" { k += 1 }
            let open = Array("{#eq-".unicodeScalars)
            guard k + open.count < stop, s[k..<k + open.count].elementsEqual(open) else { return nil }
            var e = k + open.count
            while e < stop, ProseScanner.isLabelCharacter(s[e]) { e += 1 }
            guard e < stop, s[e] == "}", e > k + open.count else { return nil }
            return (String(String.UnicodeScalarView(s[(k + 2)..<e])), e + 1)
        }

        /// How many `>` open the line (through list markers and indentation):
        /// the quotes a formula starting on it sits in.
        func quoteDepth(_ n: Int) -> Int {
            var k = lines[n].start, depth = 0
            let end = lines[n].end
            while k < end {
                let c = s[k]
                if c == " " || c == "\t" {
                    k += 1
                } else if c == ">" {
                    depth += 1
                    k += 1
                } else if "-+*".unicodeScalars.contains(c), k + 1 < end, s[k + 1] == " " || s[k + 1] == "\t" {
                    k += 1
                } else {
                    var d = k
                    while d < end, ("0"..."9").contains(s[d]) { d += 1 }
                    guard d > k, d < end, s[d] == "." || s[d] == ")" else { break }
                    k = d + 1
                }
            }
            return depth
        }

        /// Where a later line of a formula starts past its indentation and
        /// the `>` markers of the formula's quotes.
        func prefixEnd(_ n: Int, depth: Int) -> Int {
            var k = lines[n].start, markers = 0
            while k < lines[n].end {
                if s[k] == " " || s[k] == "\t" { k += 1 } else if s[k] == ">", markers < depth { markers += 1; k += 1 } else { break }
            }
            return k
        }
    }
}

extension MathProtector {
    /// Wherever cmark put a placeholder into something that is not prose
    /// (code the first parse could not see, a raw HTML tag, a link's
    /// destination or an autolink's text), the formula's source goes back.
    /// The continuation marks of formulas over several lines, and the line
    /// breaks before them, go. Formulas left in text are the ones typeset.
    static func unprotect(_ node: MarkdownNode, _ formulas: inout [Formula]) -> MarkdownNode {
        let tree = restore(node, &formulas, inURL: [])
        for i in formulas.indices { formulas[i].used = false }
        markUsed(tree, &formulas)
        return tree
    }

    private static func restore(_ node: MarkdownNode, _ formulas: inout [Formula], inURL: Set<Int>) -> MarkdownNode {
        var node = node
        var inURL = inURL
        switch node.kind {
        case let .codeBlock(info, literal):
            node.kind = .codeBlock(info: source(info, formulas), literal: source(literal, formulas))
        case let .code(literal): node.kind = .code(source(literal, formulas))
        case let .htmlBlock(raw): node.kind = .htmlBlock(source(raw, formulas))
        case let .htmlInline(raw): node.kind = .htmlInline(source(raw, formulas))
        case let .link(url, title):
            // An extended autolink (`https://x.org/$g$`) has the formula in its
            // text as well: there it is the URL's text, not math.
            let text = node.plainText
            if url == text || url == "http://" + text || url == "mailto:" + text { inURL.formUnion(indices(in: url)) }
            node.kind = .link(url: source(url, formulas), title: source(title, formulas))
        case let .image(url, title): node.kind = .image(url: source(url, formulas), title: source(title, formulas))
        case let .text(t) where !inURL.isEmpty && !indices(in: t).isDisjoint(with: inURL):
            node.kind = .text(source(t, formulas, only: inURL))
        default: break
        }
        var children: [MarkdownNode] = []
        for (n, child) in node.children.enumerated() {
            if case .softBreak = child.kind, n + 1 < node.children.count,
               case let .text(next) = node.children[n + 1].kind, next.unicodeScalars.first == continuation {
                continue
            }
            var c = restore(child, &formulas, inURL: inURL)
            if case let .text(t) = c.kind, t.unicodeScalars.contains(continuation) {
                c.kind = .text(String(String.UnicodeScalarView(t.unicodeScalars.filter { $0 != continuation })))
            }
            children.append(c)
        }
        node.children = children
        return node
    }

    private static func markUsed(_ node: MarkdownNode, _ formulas: inout [Formula]) {
        if case let .text(t) = node.kind {
            for i in indices(in: t) where i < formulas.count { formulas[i].used = true }
        }
        for c in node.children { markUsed(c, &formulas) }
    }

    /// The formulas whose placeholders `text` holds.
    static func indices(in text: String) -> Set<Int> {
        guard text.unicodeScalars.contains(open) else { return [] }
        var found: Set<Int> = []
        var rest = text.unicodeScalars[...]
        while let o = rest.firstIndex(of: open) {
            rest = rest[rest.index(after: o)...]
            guard let end = rest.firstIndex(of: close) else { break }
            if let i = Int(String(String.UnicodeScalarView(rest[..<end]))) { found.insert(i) }
            rest = rest[rest.index(after: end)...]
        }
        return found
    }

    /// `text` with each placeholder (of the formulas in `only`, if given)
    /// and its continuation marks replaced by the formula as written.
    private static func source(_ text: String, _ formulas: [Formula], only: Set<Int>? = nil) -> String {
        guard text.unicodeScalars.contains(open) || text.unicodeScalars.contains(continuation) else { return text }
        var out = String.UnicodeScalarView()
        var rest = text.unicodeScalars[...]
        var pending: [String] = []
        while let c = rest.first {
            rest.removeFirst()
            if c == continuation, !pending.isEmpty {
                out.append(contentsOf: pending.removeFirst().unicodeScalars)
                continue
            }
            guard c == open, let end = rest.firstIndex(of: close),
                  let i = Int(String(String.UnicodeScalarView(rest[..<end]))), i < formulas.count,
                  only?.contains(i) ?? true else {
                out.append(c)
                continue
            }
            rest = rest[rest.index(after: end)...]
            let f = formulas[i]
            out.append(contentsOf: f.pieces[0].unicodeScalars)
            pending = Array(f.pieces.dropFirst())
        }
        return String(out)
    }
}
