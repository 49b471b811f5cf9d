import Foundation

/// GitHub's alerts as titled boxes (format 1.1, section 9.3): a block quote
/// whose first line is exactly `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]`, `[!CAUTION]` or Lectern's `[!EXERCISE]` (any case, as on
/// GitHub). The marker line is dropped; anything else on it makes the quote
/// an ordinary quote, as GitHub does.
struct Callout {
    static let titles = ["note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning",
                         "caution": "Caution", "exercise": "Exercise"]

    /// `note`, `tip`, ..., `exercise`.
    let kind: String
    /// The quote's content without the marker line.
    let children: [MarkdownNode]

    var title: String { Self.titles[kind] ?? kind }

    init?(_ quote: MarkdownNode) {
        guard case .blockQuote = quote.kind, let first = quote.children.first, case .paragraph = first.kind else { return nil }
        // cmark may split `[!NOTE]` into several text nodes (at `[` and `!`).
        var marker = "", rest = first.children[...]
        while let node = rest.first {
            if case .softBreak = node.kind { break }
            if case .lineBreak = node.kind { break }
            guard case let .text(t) = node.kind else { return nil }
            marker += t
            rest = rest.dropFirst()
        }
        let trimmed = marker.trimmingCharacters(in: .whitespaces).lowercased()
        guard trimmed.hasPrefix("[!"), trimmed.hasSuffix("]"),
              let kind = Self.titles.keys.first(where: { trimmed == "[!\($0)]" }) else { return nil }
        self.kind = kind
        var paragraph = first
        paragraph.children = Array(rest.dropFirst())
        children = (paragraph.children.isEmpty ? [] : [paragraph]) + quote.children.dropFirst()
    }
}
