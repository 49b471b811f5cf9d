import Lab

/// Stage: after the blocks ran (their outputs number the figures), finds
/// cross-references and citations in the prose, resolves them, and reports
/// a duplicate label, a missing one or an unknown key as an error at its
/// line and column. Runs for `check` as for `render`, so both count them.
struct ReferenceStage {
    let bibliography: Bibliography?

    func run(_ lesson: inout LessonRun) {
        var state = State(lesson: lesson, bibliography: bibliography)
        state.links.labels = LabelTable(lesson)
        state.links.bibliography = bibliography
        lesson.tree = state.walk(lesson.tree)
        lesson.diagnostics += state.links.labels.diagnostics + state.diagnostics
        lesson.diagnostics.sort { $0.location < $1.location }
        lesson.prose = state.links
    }

    private struct State {
        let lesson: LessonRun
        let bibliography: Bibliography?
        var links = ProseLinks()
        var diagnostics: [Diagnostic] = []
        /// Per line, where the search for the next `@key` resumes.
        var cursors: [Int: Int] = [:]

        init(lesson: LessonRun, bibliography: Bibliography?) {
            self.lesson = lesson
            self.bibliography = bibliography
        }

        mutating func walk(_ node: MarkdownNode) -> MarkdownNode {
            var node = node
            switch node.kind {
            // Code, raw HTML and what runs are never prose; a link's text is
            // already a link (and an image's only its alt text).
            case .codeBlock, .htmlBlock, .code, .htmlInline, .cell, .link, .image, .citeGroup: return node
            default: break
            }
            var children: [MarkdownNode] = []
            var run: [MarkdownNode] = []
            for child in node.children {
                switch child.kind {
                case .text, .softBreak:
                    run.append(child)
                default:
                    children += scan(run)
                    run = []
                    children.append(walk(child))
                }
            }
            children += scan(run)
            node.children = children
            return node
        }

        /// A run of text and soft line breaks, read as one string so a group
        /// may wrap; rebuilt with a `.citeGroup` for each group found.
        mutating func scan(_ run: [MarkdownNode]) -> [MarkdownNode] {
            guard run.contains(where: { if case let .text(t) = $0.kind { t.contains("@") } else { false } }) else { return run }
            var text = ""
            var starts: [(offset: Int, line: Int)] = []
            var offset = 0
            for n in run {
                let piece: String
                if case let .text(t) = n.kind { piece = t } else { piece = "\n" }
                starts.append((offset, n.line))
                text += piece
                offset += piece.unicodeScalars.count
            }
            func line(at o: Int) -> Int { starts.last { $0.offset <= o }?.line ?? run[0].line }
            var out: [MarkdownNode] = []
            func emit(_ s: String, _ line: Int) {
                let parts = s.split(separator: "\n", omittingEmptySubsequences: false)
                for (k, p) in parts.enumerated() {
                    if k > 0 { out.append(MarkdownNode(kind: .softBreak, children: [], line: line, column: 1)) }
                    if !p.isEmpty { out.append(MarkdownNode(kind: .text(String(p)), children: [], line: line, column: 1)) }
                }
            }
            for piece in ProseScanner.scan(text) {
                switch piece {
                case let .text(t):
                    emit(t, run[0].line)
                case let .group(items, bracketed, source):
                    if let index = resolve(items, bracketed: bracketed, line: line) {
                        out.append(MarkdownNode(kind: .citeGroup(index: index, literal: source), children: [],
                                                line: line(at: items[0].offset), column: 1))
                    } else {
                        emit(source, line(at: items[0].offset))
                    }
                }
            }
            // Rebuilt text keeps its run's first line: no later stage reads a text node's place.
            return out
        }

        /// Resolves a group; nil when it is text after all (escaped with `\@`,
        /// or citations in a lesson without a bibliography, as in format 1.0).
        mutating func resolve(_ items: [ProseScanner.Item], bracketed: Bool, line: (Int) -> Int) -> Int? {
            var resolved: [ProseLinks.Item] = []
            var first: SourceLocation?
            for item in items {
                let l = line(item.offset)
                guard let at = locate(item.key, line: l) else { return nil }
                if first == nil, bracketed, escapedBracket(before: at) { return nil }
                first = first ?? at
                if item.isCrossReference {
                    if let target = links.labels.byLabel[item.key] {
                        resolved.append(.local(target))
                    } else {
                        links.external.append(.init(label: item.key, line: at.line, column: at.column))
                        resolved.append(.external(links.external.count - 1))
                    }
                    continue
                }
                guard let bibliography else {
                    // Format 1.0 lessons may say "@name" in prose; only a bracket asks for a citation.
                    guard bracketed else { return nil }
                    diagnostics.append(Diagnostic(file: lesson.source.path, location: at,
                                                  message: "[@\(item.key)] cites a work, but the lesson has no bibliography; "
                                                      + "add 'bibliography: FILE.bib' to its front matter or to lectern.yml"))
                    resolved.append(.unknown(item.key))
                    continue
                }
                guard bibliography.works[item.key] != nil else {
                    var message = "no work with the key '\(item.key)' in the bibliography"
                    if let s = Suggest.closest(to: item.key, among: bibliography.keys) {
                        message += "; did you mean '\(s)'?"
                    } else if let nearest = ReferenceStage.nearest(item.key, bibliography.keys) {
                        message += "; the closest key is '\(nearest)'"
                    }
                    diagnostics.append(Diagnostic(file: lesson.source.path, location: at, message: message))
                    resolved.append(.unknown(item.key))
                    continue
                }
                if !links.cited.contains(item.key) { links.cited.append(item.key) }
                resolved.append(.work(key: item.key, prefix: item.prefix, suffix: item.suffix))
            }
            let at = first ?? SourceLocation(line: 1, column: 1)
            links.groups.append(.init(items: resolved, bracketed: bracketed, line: at.line, column: at.column))
            return links.groups.count - 1
        }

        /// Whether the `[` that opens a group, the nearest before its first
        /// `@` on the line, is escaped (`\[@key]` is text, as Markdown has it).
        func escapedBracket(before at: SourceLocation) -> Bool {
            guard at.line >= 1, at.line <= lesson.source.lines.count else { return false }
            let raw = Array(lesson.source.lines[at.line - 1].unicodeScalars)
            guard let open = raw[..<min(max(0, at.column - 1), raw.count)].lastIndex(of: "[") else { return false }
            return open > 0 && raw[open - 1] == "\\"
        }

        /// Where `@key` stands on its line in the file: the next occurrence
        /// after the previous one found there, outside code spans; nil when
        /// it is escaped (`\@key`), which keeps it text.
        mutating func locate(_ key: String, line: Int) -> SourceLocation? {
            guard line >= 1, line <= lesson.source.lines.count else { return SourceLocation(line: max(1, line), column: 1) }
            let raw = Array(lesson.source.lines[line - 1].unicodeScalars)
            let needle = Array(("@" + key).unicodeScalars)
            let code = ReferenceStage.codeSpans(raw)
            var k = cursors[line] ?? 0
            while k + needle.count <= raw.count {
                if raw[k] == "@", raw[k..<k + needle.count].elementsEqual(needle), !code.contains(where: { $0.contains(k) }) {
                    cursors[line] = k + needle.count
                    if k > 0, raw[k - 1] == "\\" { return nil }
                    return SourceLocation(line: line, column: k + 1)
                }
                k += 1
            }
            return SourceLocation(line: line, column: 1)
        }
    }

    /// The ranges of a line's code spans (matched backtick runs).
    static func codeSpans(_ raw: [Unicode.Scalar]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var k = 0
        while k < raw.count {
            guard raw[k] == "`" else { k += 1; continue }
            var n = 0
            while k + n < raw.count, raw[k + n] == "`" { n += 1 }
            var e = k + n
            var closed = false
            while e < raw.count {
                if raw[e] == "`" {
                    var m = 0
                    while e + m < raw.count, raw[e + m] == "`" { m += 1 }
                    if m == n { closed = true; e += m; break }
                    e += m
                } else {
                    e += 1
                }
            }
            if closed { spans.append(k..<e); k = e } else { k += n }
        }
        return spans
    }

    /// The candidate with the fewest differing characters by edit distance,
    /// for a suggestion when none is close enough to be a typo.
    static func nearest(_ word: String, _ candidates: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for i in 1...max(1, a.count) where !a.isEmpty {
                var previous = row[0]
                row[0] = i
                for j in stride(from: 1, through: b.count, by: 1) {
                    let keep = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                    previous = keep
                }
            }
            return a.isEmpty ? b.count : row[b.count]
        }
        let w = Array(word.lowercased())
        return candidates.min { (distance(w, Array($0.lowercased())), $0) < (distance(w, Array($1.lowercased())), $1) }
    }
}
