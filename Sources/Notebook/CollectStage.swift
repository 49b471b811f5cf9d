import Lab

/// What runs in a lesson, in document order: experiment blocks and inline
/// `= expr` spans, each with its place in the file.
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

/// Stage: walks the Markdown tree and collects the cells.
struct CollectStage {
    let source: LessonSource

    func run(_ tree: MarkdownNode) -> [Cell] {
        var cells: [Cell] = []
        var spansSeen: [String: Int] = [:]
        walk(tree, &cells, &spansSeen)
        return cells
    }

    private func walk(_ node: MarkdownNode, _ cells: inout [Cell], _ spansSeen: inout [String: Int]) {
        switch node.kind {
        case let .codeBlock(info, literal) where FenceAttributes.isExperiment(info):
            cells.append(block(node, info: info, literal: literal))
        case let .code(literal) where literal.hasPrefix("="):
            cells.append(inline(node, literal: literal, &spansSeen))
        default:
            for c in node.children { walk(c, &cells, &spansSeen) }
        }
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
    /// columns, so the span is found again in the file's own line.
    private func inline(_ node: MarkdownNode, literal: String, _ seen: inout [String: Int]) -> Cell {
        let line = node.line
        let raw = Array(rawLine(line).unicodeScalars)
        let needle = Array(literal.unicodeScalars)
        let key = "\(line):\(literal)"
        let wanted = seen[key, default: 0]
        seen[key] = wanted + 1
        let found = CollectStage.occurrences(of: needle, in: raw).filter { start in
            var k = start - 1
            while k >= 0, raw[k] == " " { k -= 1 }
            return k >= 0 && raw[k] == "`"
        }
        let column = wanted < found.count ? found[wanted] : max(0, node.column - 1)
        return Cell(kind: .inline(source: literal),
                    origin: SourceOrigin(file: source.path, firstLine: line, columnOffsets: [column]))
    }

    /// Start offsets of every occurrence of `needle` in `hay`.
    static func occurrences(of needle: [Unicode.Scalar], in hay: [Unicode.Scalar]) -> [Int] {
        guard !needle.isEmpty, hay.count >= needle.count else { return [] }
        return (0...(hay.count - needle.count)).filter { hay[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
