import CCmark
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES
        let document: MarkdownNode? = try withDocument(markdown, options: options) { (root, _) throws(TooDeep) in
            if let deep = firstTooDeep(root) {
                throw TooDeep(line: Int(cmark_node_get_start_line(deep)), byteColumn: Int(cmark_node_get_start_column(deep)))
            }
            return convert(root)
        }
        return document ?? MarkdownNode(kind: .document, children: [], line: 1, column: 1)
    }

    /// cmark-gfm's own HTML for `markdown`, parsed as `parse` parses it and
    /// rendered as `cmark-gfm --unsafe` with the same extensions renders it:
    /// the reference the conformance tests hold Lectern's pages to.
    static func cmarkHTML(_ markdown: String) -> String {
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES
        let html: String? = withDocument(markdown, options: options) { root, parser in
            guard let c = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
            defer { free(c) }
            return String(cString: c)
        }
        return html ?? ""
    }

    /// cmark-gfm's HTML without `--unsafe`: raw HTML and `javascript:`-like
    /// links are left out. For the course's introduction on the index.
    static func safeHTML(_ markdown: String) -> String {
        let options = CMARK_OPT_FOOTNOTES
        let html: String? = withDocument(markdown, options: options) { root, parser in
            guard let c = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
            defer { free(c) }
            return String(cString: c)
        }
        return html ?? ""
    }

    /// The lines (1-based, inclusive ranges) of `markdown` that cmark reads
    /// as code blocks or HTML blocks, fences included: what `MathProtector`
    /// copies as written. Found by parsing the text as it is, so fences in
    /// lists and quotes, indented code and unclosed fences are all seen as
    /// cmark sees them.
    static func verbatimLines(_ markdown: String) -> [ClosedRange<Int>] {
        let lines = markdown.utf8.split(separator: 10, omittingEmptySubsequences: false)
        let ranges: [ClosedRange<Int>]? = withDocument(markdown, options: CMARK_OPT_SOURCEPOS) { root, _ in
            var ranges: [ClosedRange<Int>] = []
            var node = root
            // Depth-first by sibling and parent links: no stack, however deep the tree.
            while true {
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK {
                    // Counted from the content: for a block its container ends
                    // (a fence left open in a list item) cmark reports the line
                    // that ended the container as the block's last.
                    let start = Int(cmark_node_get_start_line(node))
                    let count = string(cmark_node_get_literal(node)).utf8.filter { $0 == 10 }.count
                    var length: Int32 = 0, offset: Int32 = 0
                    var fenceChar: CChar = 0
                    if type == CMARK_NODE_CODE_BLOCK, cmark_node_get_fenced(node, &length, &offset, &fenceChar) != 0 {
                        let closing = start + count + 1
                        let closed = closing <= lines.count && isClosingFence(lines[closing - 1], UInt8(bitPattern: fenceChar))
                        ranges.append(start...(closed ? closing : start + count))
                    } else {
                        ranges.append(start...max(start, start + count - 1))
                    }
                } else if let child = cmark_node_first_child(node), cmark_node_get_type(child) != CMARK_NODE_TEXT {
                    node = child
                    continue
                }
                while true {
                    if node == root { return ranges }
                    if let next = cmark_node_next(node) { node = next; break }
                    guard let parent = cmark_node_parent(node) else { return ranges }
                    node = parent
                }
            }
        }
        return ranges ?? []
    }

    /// A line that closes a fence of `char`: past its containers' `>` and
    /// indentation, three or more of the character and nothing but spaces.
    private static func isClosingFence(_ line: Substring.UTF8View.SubSequence, _ char: UInt8) -> Bool {
        let body = line.drop { $0 == 32 || $0 == 9 || $0 == UInt8(ascii: ">") }
        let run = body.prefix { $0 == char }
        return run.count >= 3 && body.dropFirst(run.count).allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 }
    }

    /// cmark-gfm's inline parser marks the extensions' trigger characters
    /// (`~`, `:`, `w`) in a process-wide table when a parse starts and
    /// unmarks them when it ends, so two parses at once (lessons rendered
    /// with `--jobs`, parallel tests) lose each other's strikethrough and
    /// autolinks. One parse at a time.
    private static let lock = NSLock()

    /// Parses with the extensions attached and hands the root to `body`,
    /// freeing parser and tree afterwards; nil if cmark could not allocate.
    private static func withDocument<T, E: Error>(_ markdown: String, options: Int32,
                                                  _ body: (OpaquePointer, OpaquePointer) throws(E) -> T) throws(E) -> T? {
        _ = registered
        lock.lock()
        defer { lock.unlock() }
        guard let parser = cmark_parser_new(options) else { return nil }
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
        guard let root = cmark_parser_finish(parser) else { return nil }
        defer { cmark_node_free(root) }
        return try body(root, parser)
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
