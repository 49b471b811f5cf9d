/// The Markdown tree as plain Swift values, converted once from cmark's C
/// tree (see `MarkdownParser`) so nothing else touches C memory.
public struct MarkdownNode: Sendable {
    public enum Alignment: Sendable { case none, left, center, right }

    public enum Kind: Sendable {
        case document, paragraph, blockQuote, thematicBreak
        case heading(level: Int)
        case list(ordered: Bool, start: Int, tight: Bool)
        case item(checked: Bool?)
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case table(alignments: [Alignment])
        case tableRow(header: Bool)
        case tableCell
        case text(String)
        case softBreak, lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis, strong, strikethrough
        case link(url: String, title: String)
        case image(url: String, title: String)
        /// `[^label]` and its `[^label]: ...` (cmark moves definitions to the
        /// end of the document, in the order they are first referenced).
        case footnoteReference(label: String)
        case footnoteDefinition(label: String)
        /// Anything newer cmark versions add: rendered as its children.
        case other(String)
        /// What runs: an experiment block or an inline `= expr` span, put in
        /// place of its code node by `CollectStage`; `index` is its place in
        /// the lesson's cells and results, `literal` the code as written.
        case cell(index: Int, literal: String)
        /// Cross-references and citations (`@fig-x`, `[@a; @b]`), put in
        /// place of their text by `ReferenceStage`; `index` is the group's
        /// place in the lesson's `ProseLinks`, `literal` the text as written.
        case citeGroup(index: Int, literal: String)
    }

    public var kind: Kind
    public var children: [MarkdownNode]
    /// 1-based start line and column (byte column, as cmark reports it).
    public var line: Int
    public var column: Int

    /// The plain text of a subtree (for headings' ids and the page title).
    public var plainText: String {
        switch kind {
        case let .text(t), let .code(t), let .cell(_, t), let .citeGroup(_, t): return t
        case .softBreak, .lineBreak: return " "
        default: return children.map(\.plainText).joined()
        }
    }
}
