import Lab

/// What runs in a lesson, in document order: experiment blocks and inline
/// `= expr` spans, each with its place in the file. The tree holds a
/// `.cell` node where each one was, so outputs go back by index, never by
/// counting nodes a second time.
struct Cell: Sendable {
    enum Kind: Sendable {
        case block(source: String, attributes: FenceAttributes, fenceLine: Int)
        /// A block whose fence attributes are wrong: shown as an error, not run.
        case badBlock(source: String, fenceLine: Int, error: Diagnostic)
        case inline(source: String)
    }
    var kind: Kind
    var origin: SourceOrigin
}

/// Stage: walks the Markdown tree, collects the cells and marks their places.
struct CollectStage {
    let source: LessonSource

    /// Where the search for the next inline span on a line resumes: spans
    /// come in document order, so each line is scanned once, left to right.
    struct SpanCursor {
        var line = 0
        var scalars: [Unicode.Scalar] = []
        var offset = 0
    }

    func run(_ tree: MarkdownNode) -> (tree: MarkdownNode, cells: [Cell]) {
        var cells: [Cell] = []
        var cursor = SpanCursor()
        let marked = walk(tree, &cells, &cursor)
        refuseRepeatedIDs(&cells)
        return (marked, cells)
    }

    /// An id names the block's anchor and seeds its random numbers, so a
    /// second block with the same id would share both with the first: it is
    /// shown with an error at its `id=` and not run.
    private func refuseRepeatedIDs(_ cells: inout [Cell]) {
        var firstLine: [String: Int] = [:]
        for (i, cell) in cells.enumerated() {
            guard case let .block(text, attributes, fenceLine) = cell.kind, let id = attributes.id else { continue }
            guard let line = firstLine[id] else { firstLine[id] = fenceLine; continue }
            let raw = Array(rawLine(fenceLine).unicodeScalars)
            let at = CollectStage.occurrences(of: Array("id=".unicodeScalars), in: raw)
                .first { $0 > 0 && (raw[$0 - 1] == " " || raw[$0 - 1] == "\t") } ?? 0
            let error = Diagnostic(file: source.path, location: SourceLocation(line: fenceLine, column: at + 1),
                                   message: "block id '\(id)' is already used at line \(line)")
            cells[i].kind = .badBlock(source: text, fenceLine: fenceLine, error: error)
        }
    }

    private func walk(_ node: MarkdownNode, _ cells: inout [Cell], _ cursor: inout SpanCursor) -> MarkdownNode {
        var node = node
        switch node.kind {
        case let .codeBlock(info, literal) where FenceAttributes.isExperiment(info):
            cells.append(block(node, info: info, literal: literal))
            node.kind = .cell(index: cells.count - 1, literal: literal)
        case let .code(literal) where literal.hasPrefix("="):
            cells.append(inline(node, literal: literal, &cursor))
            node.kind = .cell(index: cells.count - 1, literal: literal)
        case .image:
            // An image's description is only its alt text: nothing in it runs.
            break
        default:
            node.children = node.children.map { walk($0, &cells, &cursor) }
        }
        return node
    }

    private func rawLine(_ line: Int) -> String {
        line >= 1 && line <= source.lines.count ? source.lines[line - 1] : ""
    }

    private func block(_ node: MarkdownNode, info: String, literal: String) -> Cell {
        let fenceLine = node.line
        let raw = rawLine(fenceLine)
        let infoColumn = (CollectStage.occurrences(of: Array(info.unicodeScalars), in: Array(raw.unicodeScalars)).first ?? 0) + 1
        // Content lines may have lost the fence's indentation; find each
        // line's offset by matching it against the file.
        let contentLines = literal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let offsets = contentLines.enumerated().map { i, text -> Int in
            let file = rawLine(fenceLine + 1 + i)
            return file.hasSuffix(text) ? file.unicodeScalars.count - text.unicodeScalars.count : 0
        }
        let origin = SourceOrigin(file: source.path, firstLine: fenceLine + 1, columnOffsets: offsets)
        do {
            let attributes = try FenceAttributes.parse(info, file: source.path, line: fenceLine, column: infoColumn)
            return Cell(kind: .block(source: literal, attributes: attributes, fenceLine: fenceLine), origin: origin)
        } catch {
            let d = error as? Diagnostic ?? Diagnostic(file: source.path, location: SourceLocation(line: fenceLine, column: 1), message: "\(error)")
            return Cell(kind: .badBlock(source: literal, fenceLine: fenceLine, error: d), origin: origin)
        }
    }

    /// cmark reports inline code by byte column, and math placeholders shift
    /// columns, so the span is found again in the file's own line: the next
    /// occurrence after the previous span on that line, just after backticks.
    private func inline(_ node: MarkdownNode, literal: String, _ cursor: inout SpanCursor) -> Cell {
        let line = node.line
        if cursor.line != line {
            cursor = SpanCursor(line: line, scalars: Array(rawLine(line).unicodeScalars), offset: 0)
        }
        let raw = cursor.scalars
        let needle = Array(literal.unicodeScalars)
        var column = max(0, node.column - 1)
        var start = cursor.offset
        while start + needle.count <= raw.count, !needle.isEmpty {
            if raw[start] == needle[0], raw[start..<start + needle.count].elementsEqual(needle), CollectStage.afterBackticks(raw, start) {
                column = start
                cursor.offset = start + needle.count
                break
            }
            start += 1
        }
        return Cell(kind: .inline(source: literal),
                    origin: SourceOrigin(file: source.path, firstLine: line, columnOffsets: [column]))
    }

    /// Whether `start` follows a backtick, with only spaces between.
    static func afterBackticks(_ raw: [Unicode.Scalar], _ start: Int) -> Bool {
        var k = start - 1
        while k >= 0, raw[k] == " " { k -= 1 }
        return k >= 0 && raw[k] == "`"
    }

    /// Start offsets of every occurrence of `needle` in `hay`.
    static func occurrences(of needle: [Unicode.Scalar], in hay: [Unicode.Scalar]) -> [Int] {
        guard !needle.isEmpty, hay.count >= needle.count else { return [] }
        return (0...(hay.count - needle.count)).filter { hay[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
