import Foundation
import Lab

/// Stage: one lesson's tree with its outputs spliced in, as the HTML of the
/// page's article. Each `.cell` node names the result it shows.
struct RenderStage {
    var unsafe: Bool
    var builtins: Set<String>
    /// Images are embedded only from inside the project, like every file a lesson reads.
    var projectRoot: URL

    final class State {
        var figures = 0
        var tables = 0
        /// Heading ids given so far.
        var headingIDs = HeadingIDs()
        var warnings: [Diagnostic] = []
        var math: [String] = []
        /// Files embedded in the page, so the page cache notices when they change.
        var embedded: [URL] = []
        /// Footnote numbers by label, in order of first reference in the
        /// source (definitions, which may cite each other, counted where
        /// they stand), as cmark numbers them; cmark puts the definitions
        /// at the end in that same order. `firstReference` is where each
        /// label is first cited: that reference gets the id the back link
        /// points to.
        var footnotes: [String: Int] = [:]
        var firstReference: [String: (line: Int, column: Int)] = [:]
        var definitions = 0
        /// Exercises (`> [!EXERCISE]`) are numbered per lesson, as figures are.
        var exercises = 0
        /// Labelled display formulas by index: their anchor and number.
        var equations: [Int: LabelTarget] = [:]
        /// Citations: year labels, and the id of each work's first citation.
        var years: [String: String] = [:]
        var citationIDs: [String: String] = [:]
        var referencesDone = false
        /// Errata met so far, and the section they stand in (its id and title).
        var errata = 0
        var section: (id: String, html: String)?
        var errataBox = ErrataBox()
    }

    func run(_ lesson: LessonRun, math: [String]) -> (html: String, warnings: [Diagnostic], embedded: [URL]) {
        let state = State()
        state.math = math
        numberFootnotes(lesson.tree, state)
        for (i, f) in lesson.formulas.enumerated() where f.display && f.used {
            if let label = f.label, let t = lesson.prose.labels.byLabel[label], t.kind == .equation { state.equations[i] = t }
        }
        // Figures, tables and equations take their labels as ids: headings give way.
        state.headingIDs.reserve(lesson.prose.labels.targets.map(\.label))
        state.years = ReferenceHTML.years(lesson.prose)
        var out = ""
        for child in lesson.tree.children { render(child, lesson, state, &out) }
        if !state.referencesDone { out += references(lesson, state) }
        if state.definitions > 0 { out += "</ol>\n</section>\n" }
        return (state.errataBox.placed(in: out), state.warnings, state.embedded)
    }

    private func render(_ node: MarkdownNode, _ lesson: LessonRun, _ state: State, _ out: inout String) {
        func children() { for c in node.children { render(c, lesson, state, &out) } }
        switch node.kind {
        case .document, .other: children()
        case let .citeGroup(index, _):
            guard index < lesson.prose.groups.count else { break }
            out += ReferenceHTML.group(lesson.prose.groups[index], lesson.prose, years: state.years,
                                       text: { text($0, state) }, firstCitation: { key in
                guard state.citationIDs[key] == nil else { return nil }
                let id = "cite-" + ReferenceHTML.anchor(key).dropFirst(4)
                state.citationIDs[key] = id
                return id
            })
        case let .footnoteReference(label):
            let key = Self.footnoteKey(label)
            let n = state.footnotes[key] ?? 0
            let first = state.firstReference[key].map { $0 == (node.line, node.column) } ?? false
            let id = first ? " id=\"fnref-\(n)\"" : ""
            out += "<sup class=\"footnote-ref\"><a href=\"#fn-\(n)\"\(id)>\(n)</a></sup>"
        case let .footnoteDefinition(label):
            // The References come before the footnotes, which cmark puts last.
            if !state.referencesDone { out += references(lesson, state) }
            if state.definitions == 0 { out += "<section class=\"footnotes\">\n<ol>\n" }
            state.definitions += 1
            let n = state.footnotes[Self.footnoteKey(label)] ?? state.definitions
            out += "<li id=\"fn-\(n)\">\n"; children()
            out += "<a class=\"footnote-back\" href=\"#fnref-\(n)\" aria-label=\"back to the text\">↩</a></li>\n"
        case .paragraph:
            // A paragraph holding only a display formula needs no <p> around it.
            let start = out.endIndex, errata = state.errata
            out += "<p>"; children(); out += "</p>\n"
            // A paragraph that corrects its source is quoted in the errata box at the top.
            if state.errata > errata { state.errataBox.add(paragraph: String(out[start...]), section: state.section) }
        case let .heading(level):
            let id = state.headingIDs.unique(HTML.slug(MathText.restore(node.plainText, formulas: lesson.formulas)))
            out += "<h\(level) id=\"\(id)\">"
            let titleStart = out.endIndex
            children()
            if level >= 2 { state.section = (id, String(out[titleStart...])) }
            out += "<a class=\"anchor\" href=\"#\(id)\" aria-label=\"link to this section\">#</a></h\(level)>\n"
        case .blockQuote:
            guard let callout = Callout(node) else { out += "<blockquote>\n"; children(); out += "</blockquote>\n"; break }
            var title = callout.title
            if callout.kind == "exercise" { state.exercises += 1; title += " \(state.exercises)" }
            out += "<div class=\"callout \(callout.kind)\" role=\"note\"><p class=\"callout-title\">\(title)</p>\n"
            for c in callout.children { render(c, lesson, state, &out) }
            out += "</div>\n"
        case .thematicBreak: out += "<hr>\n"
        case let .list(ordered, start, _):
            out += ordered ? (start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n") : "<ul>\n"
            for item in node.children { renderItem(item, tight: isTight(node), lesson, state, &out) }
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .item: renderItem(node, tight: false, lesson, state, &out)
        case let .codeBlock(info, literal):
            // The language is the info string's first word; any whitespace ends it.
            let lang = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first.map(String.init) ?? ""
            let cls = lang.isEmpty ? "" : " class=\"language-\(HTML.escape(lang))\""
            // Known languages are coloured, line by line so long lines wrap with a hanging indent.
            let body = CodeHighlighter.html(literal, language: lang).map(CellHTML.lines) ?? HTML.escape(literal)
            out += "<pre class=\"code\"><code\(cls)>\(body)</code></pre>\n"
        case let .cell(index, _):
            switch lesson.results[index] {
            case let .block(b):
                out += CellHTML.block(b, index: b.ordinal, builtins: builtins, figures: &state.figures, tables: &state.tables)
            case let .inline(r):
                var html = CellHTML.inline(r)
                if let c = r.claim, c.kind == .erratum, c.status == .pass {
                    state.errata += 1
                    html = html.replacingOccurrences(of: "<span class=\"claim erratum\"",
                                                     with: "<span class=\"claim erratum\" id=\"erratum-\(state.errata)\"")
                }
                out += html
            }
        case let .htmlBlock(raw): out += rawHTML(raw, node, lesson, state, block: true)
        case let .htmlInline(raw): out += rawHTML(raw, node, lesson, state, block: false)
        case let .table(alignments): renderTable(node, alignments, lesson, state, &out)
        case .tableRow, .tableCell: children()
        case let .text(t): out += text(t, state)
        case .softBreak: out += "\n"
        case .lineBreak: out += "<br>\n"
        case let .code(literal):
            out += "<code>\(text(literal, state))</code>"
        case .emphasis: out += "<em>"; children(); out += "</em>"
        case .strong: out += "<strong>"; children(); out += "</strong>"
        case .strikethrough: out += "<del>"; children(); out += "</del>"
        case let .link(url, title):
            // As in cmark-gfm: schemes that run code are dropped unless `--unsafe`.
            let href = HTML.encodeURL(unsafe ? url : HTML.safeURL(url))
            let t = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
            out += "<a href=\"\(HTML.escape(href))\"\(t)>"; children(); out += "</a>"
        case let .image(url, title):
            let src: String
            switch ImageEmbedder.embed(url, lessonDirectory: lesson.source.url.deletingLastPathComponent(), projectRoot: projectRoot) {
            case let .link(u): src = HTML.encodeURL(unsafe ? u : HTML.safeURL(u))
            case let .file(uri, file): src = uri; state.embedded.append(file)
            case let .problem(message, keep, watch):
                src = HTML.encodeURL(keep)
                if let f = watch { state.embedded.append(f) }
                state.warnings.append(Diagnostic(file: lesson.source.path, location: SourceLocation(line: node.line, column: node.column),
                                                 severity: .warning, message: message))
            }
            let t = title.isEmpty ? "" : " title=\"\(HTML.escape(title))\""
            let alt = MathText.restore(node.plainText, formulas: lesson.formulas)
            out += "<img src=\"\(HTML.escape(src))\" alt=\"\(HTML.escape(alt))\"\(t)>"
        }
    }

    /// The References section, once, with an id no heading has taken.
    private func references(_ lesson: LessonRun, _ state: State) -> String {
        state.referencesDone = true
        guard !lesson.prose.cited.isEmpty else { return "" }
        return ReferenceHTML.section(lesson.prose, years: state.years, id: state.headingIDs.unique("references"), backLinks: state.citationIDs)
    }

    /// Labels match case-insensitively and with whitespace collapsed, as link labels do.
    static func footnoteKey(_ label: String) -> String {
        label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Numbers every cited label by its first reference in source order.
    private func numberFootnotes(_ tree: MarkdownNode, _ state: State) {
        var references: [(line: Int, column: Int, key: String)] = []
        func walk(_ node: MarkdownNode) {
            if case let .footnoteReference(label) = node.kind {
                references.append((node.line, node.column, Self.footnoteKey(label)))
            }
            node.children.forEach(walk)
        }
        walk(tree)
        references.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        for r in references where state.footnotes[r.key] == nil {
            state.footnotes[r.key] = state.footnotes.count + 1
            state.firstReference[r.key] = (r.line, r.column)
        }
    }

    private func isTight(_ list: MarkdownNode) -> Bool {
        if case let .list(_, _, tight) = list.kind { return tight }
        return false
    }

    private func renderItem(_ item: MarkdownNode, tight: Bool, _ lesson: LessonRun, _ state: State, _ out: inout String) {
        var checkbox = ""
        if case let .item(checked?) = item.kind {
            checkbox = "<input type=\"checkbox\" disabled\(checked ? " checked" : "")> "
        }
        out += checkbox.isEmpty ? "<li>" : "<li class=\"task\">"
        out += checkbox
        for c in item.children {
            if tight, case .paragraph = c.kind {
                for g in c.children { render(g, lesson, state, &out) }
            } else {
                render(c, lesson, state, &out)
            }
        }
        out += "</li>\n"
    }

    private func renderTable(_ node: MarkdownNode, _ alignments: [MarkdownNode.Alignment], _ lesson: LessonRun,
                             _ state: State, _ out: inout String) {
        out += "<div class=\"table-wrap\"><table>\n"
        var bodyOpen = false
        for row in node.children {
            let header: Bool
            if case let .tableRow(h) = row.kind { header = h } else { header = false }
            if header { out += "<thead>\n" } else if !bodyOpen { out += "<tbody>\n"; bodyOpen = true }
            out += "<tr>"
            for (i, cell) in row.children.enumerated() {
                let tag = header ? "th" : "td"
                let align = i < alignments.count ? alignments[i] : .none
                let style: String
                switch align {
                case .left: style = " style=\"text-align:left\""
                case .center: style = " style=\"text-align:center\""
                case .right: style = " style=\"text-align:right\""
                case .none: style = ""
                }
                out += "<\(tag)\(style)>"
                for c in cell.children { render(c, lesson, state, &out) }
                out += "</\(tag)>"
            }
            out += "</tr>\n"
            if header { out += "</thead>\n" }
        }
        if bodyOpen { out += "</tbody>\n" }
        out += "</table></div>\n"
    }

    /// Escapes text and swaps math placeholders for typeset formulas.
    private func text(_ t: String, _ state: State) -> String {
        guard t.unicodeScalars.contains(MathProtector.open) else { return HTML.escape(t) }
        var out = ""
        var pending = ""
        var scalars = t.unicodeScalars[...]
        while let c = scalars.first {
            scalars.removeFirst()
            if c == MathProtector.open, let end = scalars.firstIndex(of: MathProtector.close),
               let i = Int(String(String.UnicodeScalarView(scalars[..<end]))), i < state.math.count {
                out += HTML.escape(pending)
                if let t = state.equations[i] {
                    out += "<span class=\"equation\" id=\"\(HTML.escape(t.label))\">\(state.math[i])"
                        + "<span class=\"equation-number\">(\(t.number))</span></span>"
                } else {
                    out += state.math[i]
                }
                pending = ""
                scalars = scalars[scalars.index(after: end)...]
            } else {
                pending.unicodeScalars.append(c)
            }
        }
        return out + HTML.escape(pending)
    }

    private func rawHTML(_ raw: String, _ node: MarkdownNode, _ lesson: LessonRun, _ state: State, block: Bool) -> String {
        if unsafe { return HTML.tagFilter(raw) }
        // Comments are harmless and common (notes to co-authors); drop them quietly.
        if raw.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<!--") { return "" }
        state.warnings.append(Diagnostic(file: lesson.source.path, location: SourceLocation(line: node.line, column: node.column),
                                         severity: .warning, message: "raw HTML omitted; pass --unsafe to keep it"))
        return block ? "<!-- raw HTML omitted -->\n" : "<!-- raw HTML omitted -->"
    }
}
