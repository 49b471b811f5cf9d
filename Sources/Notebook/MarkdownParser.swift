import CCmark

/// The one file that talks to cmark-gfm: parses GitHub-Flavored Markdown
/// with the table, strikethrough, autolink, tagfilter and tasklist
/// extensions and copies the result into `MarkdownNode`s, freeing cmark's
/// tree before returning.
enum MarkdownParser {
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Registration is global and not thread-safe; a static `let` runs it once.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Every walk over the tree (conversion, collection, rendering, plain
    /// text) recurses once per level; cmark itself nests without limit, so
    /// a deeper document is refused before any walk could exhaust the stack.
    static let maxDepth = 256

    /// Where the first node nested deeper than `maxDepth` starts (cmark's
    /// line and byte column).
    struct TooDeep: Error {
        var line: Int
        var byteColumn: Int
    }

    static func parse(_ markdown: String) throws(TooDeep) -> MarkdownNode {
        _ = registered
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES
        guard let parser = cmark_parser_new(options) else {
            return MarkdownNode(kind: .document, children: [], line: 1, column: 1)
        }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            return MarkdownNode(kind: .document, children: [], line: 1, column: 1)
        }
        defer { cmark_node_free(root) }
        if let deep = firstTooDeep(root) {
            throw TooDeep(line: Int(cmark_node_get_start_line(deep)), byteColumn: Int(cmark_node_get_start_column(deep)))
        }
        return convert(root)
    }

    /// A depth-first walk by sibling and parent links, so it needs no stack
    /// however deep the tree is.
    private static func firstTooDeep(_ root: OpaquePointer) -> OpaquePointer? {
        var node = root
        var depth = 0
        while true {
            if let child = cmark_node_first_child(node) {
                node = child
                depth += 1
                if depth > maxDepth { return node }
                continue
            }
            while true {
                if node == root { return nil }
                if let next = cmark_node_next(node) { node = next; break }
                guard let parent = cmark_node_parent(node) else { return nil }
                node = parent
                depth -= 1
            }
        }
    }

    private static func string(_ p: UnsafePointer<CChar>?) -> String {
        p.map { String(cString: $0) } ?? ""
    }

    private static func convert(_ node: OpaquePointer) -> MarkdownNode {
        var children: [MarkdownNode] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            children.append(convert(c))
            child = cmark_node_next(c)
        }
        return MarkdownNode(kind: kind(of: node), children: children,
                            line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        // This cmark names footnote nodes "<unknown>"; ask for their type instead.
        switch cmark_node_get_type(node) {
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference(label: string(cmark_node_get_literal(node)))
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition(label: string(cmark_node_get_literal(node)))
        default: break
        }
        let type = string(cmark_node_get_type_string(node))
        switch type {
        case "document": return .document
        case "paragraph": return .paragraph
        case "block_quote": return .blockQuote
        case "thematic_break": return .thematicBreak
        case "heading": return .heading(level: Int(cmark_node_get_heading_level(node)))
        case "list":
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0)
        case "item": return .item(checked: nil)
        case "tasklist": return .item(checked: cmark_gfm_extensions_get_tasklist_item_checked(node))
        case "code_block":
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case "html_block": return .htmlBlock(string(cmark_node_get_literal(node)))
        case "table":
            let n = Int(cmark_gfm_extensions_get_table_columns(node))
            var alignments: [MarkdownNode.Alignment] = []
            if let a = cmark_gfm_extensions_get_table_alignments(node) {
                for i in 0..<n {
                    switch UInt8(a[i]) {
                    case UInt8(ascii: "l"): alignments.append(.left)
                    case UInt8(ascii: "c"): alignments.append(.center)
                    case UInt8(ascii: "r"): alignments.append(.right)
                    default: alignments.append(.none)
                    }
                }
            }
            return .table(alignments: alignments)
        case "table_row", "table_header":
            return .tableRow(header: cmark_gfm_extensions_get_table_row_is_header(node) != 0 || type == "table_header")
        case "table_cell": return .tableCell
        case "text": return .text(string(cmark_node_get_literal(node)))
        case "softbreak": return .softBreak
        case "linebreak": return .lineBreak
        case "code": return .code(string(cmark_node_get_literal(node)))
        case "html_inline": return .htmlInline(string(cmark_node_get_literal(node)))
        case "emph": return .emphasis
        case "strong": return .strong
        case "strikethrough": return .strikethrough
        case "link": return .link(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case "image": return .image(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default: return .other(type)
        }
    }
}
