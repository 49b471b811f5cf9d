/// Finds cross-references and citations in a run of prose text (format
/// 1.1, sections 9.1 and 9.2), as Pandoc reads citations:
///
/// - `@key` where the `@` does not follow a letter, digit or one of
///   `_ . - @ /` (so `ann@example.org` is text): a narrative citation, or
///   a cross-reference when the key starts `fig-`, `tbl-` or `eq-`;
/// - `[...]` holding one or more items separated by `;`, each with exactly
///   one `@key` and optional text before it and after it
///   (`[see @zeiler2014, p. 3; @simonyan2014]`): a parenthetical group.
///   A bracket that does not read so is text, and an `@key` in it is read
///   on its own.
///
/// A key starts with a letter, digit or `_` and goes on with those and the
/// punctuation `- _ : . /` when followed by a letter, digit or `_`, so a
/// sentence's full stop ends it; a label's NAME holds letters, digits and `-`.
enum ProseScanner {
    struct Item: Sendable, Equatable {
        var prefix: String
        var key: String
        var suffix: String
        /// Offset (in Unicode scalars) of the item's `@` in the scanned text.
        var offset: Int
        var isCrossReference: Bool { ProseScanner.labelPrefixes.contains { key.hasPrefix($0) } }
    }

    enum Piece: Sendable, Equatable {
        case text(String)
        /// `bracketed` for `[...]`; a narrative `@key` is one item, unbracketed.
        case group(items: [Item], bracketed: Bool, source: String)
    }

    static let labelPrefixes = ["fig-", "tbl-", "eq-"]

    static func scan(_ text: String) -> [Piece] {
        let s = Array(text.unicodeScalars)
        guard s.contains("@") else { return [.text(text)] }
        var pieces: [Piece] = []
        var pending = String.UnicodeScalarView()
        func flush() {
            if !pending.isEmpty { pieces.append(.text(String(pending))) }
            pending = String.UnicodeScalarView()
        }
        var i = 0
        while i < s.count {
            if s[i] == "[", let (items, end) = bracket(s, at: i) {
                flush()
                pieces.append(.group(items: items, bracketed: true, source: String(String.UnicodeScalarView(s[i..<end]))))
                i = end
                continue
            }
            if s[i] == "@", startsKey(s, at: i), let end = keyEnd(s, from: i + 1) {
                flush()
                let key = String(String.UnicodeScalarView(s[(i + 1)..<end]))
                pieces.append(.group(items: [Item(prefix: "", key: key, suffix: "", offset: i)], bracketed: false, source: "@" + key))
                i = end
                continue
            }
            pending.append(s[i])
            i += 1
        }
        flush()
        return pieces
    }

    /// Whether an `@` at `i` may start a key: not inside a word or an address.
    static func startsKey(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i > 0 else { return true }
        let b = s[i - 1]
        return !(isKeyCharacter(b) || "_.-@/\\".unicodeScalars.contains(b))
    }

    static func isKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("0"..."9").contains(c) || c.properties.isAlphabetic
    }

    /// The end of the key after an `@` (at `start`), or nil if none starts there.
    static func keyEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < s.count, isKeyCharacter(s[start]) else { return nil }
        let head = String(String.UnicodeScalarView(s[start..<min(s.count, start + 4)]))
        let label = labelPrefixes.contains { head.hasPrefix($0) }
        var k = start + 1
        while k < s.count {
            if label {
                guard s[k] == "-" || isLabelCharacter(s[k]) else { break }
                k += 1
                continue
            }
            if isKeyCharacter(s[k]) { k += 1; continue }
            if "-:./".unicodeScalars.contains(s[k]), k + 1 < s.count, isKeyCharacter(s[k + 1]) { k += 2; continue }
            break
        }
        return k
    }

    static func isLabelCharacter(_ c: Unicode.Scalar) -> Bool {
        c == "-" || ("0"..."9").contains(c) || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    /// A parenthetical group opening at `i`: its items and the index after its `]`.
    static func bracket(_ s: [Unicode.Scalar], at i: Int) -> ([Item], Int)? {
        var k = i + 1
        while k < s.count, s[k] != "]" {
            // A nested bracket is a link or another group: this one is text.
            if s[k] == "[" { return nil }
            k += 1
        }
        guard k < s.count else { return nil }
        var items: [Item] = []
        var itemStart = i + 1
        for end in (i + 1...k) where end == k || s[end] == ";" {
            guard let item = item(s, from: itemStart, to: end) else { return nil }
            items.append(item)
            itemStart = end + 1
        }
        return items.isEmpty ? nil : (items, k + 1)
    }

    /// One item of a group: text, exactly one `@key`, text.
    private static func item(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> Item? {
        var found: (at: Int, end: Int)?
        var k = start
        while k < end {
            if s[k] == "@" {
                // In a group the `@` starts an item's key, after a space or the item's start.
                guard found == nil, k == start || s[k - 1] == " " || s[k - 1] == "\n" || s[k - 1] == "\u{A0}",
                      let e = keyEnd(s, from: k + 1), e <= end else { return nil }
                found = (k, e)
                k = e
                continue
            }
            k += 1
        }
        guard let found else { return nil }
        func text(_ a: Int, _ b: Int) -> String {
            String(String.UnicodeScalarView(s[a..<b])).split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        }
        var suffix = text(found.end, end)
        if suffix.hasPrefix(",") { suffix = String(suffix.dropFirst()).trimmingLeadingSpaces() }
        return Item(prefix: text(start, found.at), key: String(String.UnicodeScalarView(s[(found.at + 1)..<found.end])),
                    suffix: suffix, offset: found.at)
    }
}

private extension String {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
