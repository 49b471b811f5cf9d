import Foundation
import Lab

/// `lectern check --fix`: rewrites each inline `~` claim that no longer
/// reproduces to the value computed now, written as the author wrote the
/// old one (`ClaimRewrite`), and fills each placeholder `~ ?` (inline or
/// in an `expect`) at its precision. Errata (`!~`), `==` claims and `expect`
/// statements are never touched: they say something a new number cannot.
public enum ClaimFixer {
    public struct Edit: Sendable, Equatable {
        public var line: Int
        public var old: String
        public var new: String
    }

    /// The lesson's text with its failing inline `~` claims rewritten, and
    /// what changed; the text is unchanged when nothing can be fixed.
    public static func fix(_ text: String, claims: [LessonReport.Claim]) -> (text: String, edits: [Edit], fixed: Int) {
        let original = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines = original
        // Right to left within a line, so earlier columns stay valid.
        let fixable = claims.filter { $0.kind == .approx && $0.status == .fail }
            .sorted { ($0.line, -$0.column) < ($1.line, -$1.column) }
        var fixed = 0
        for c in fixable {
            guard c.line >= 1, c.line <= lines.count, case let .number(x)? = c.computed,
                  let documented = c.documented, let new = c.fill ?? ClaimRewrite.rewrite(documented, computed: x),
                  let replaced = replace(in: lines[c.line - 1], at: c.column, documented, with: new)
                    ?? (c.fill != nil ? replaceInExpect(lines[c.line - 1], at: c.column, documented, with: new) : nil)
            else { continue }
            lines[c.line - 1] = replaced
            fixed += 1
        }
        let edits = zip(original, lines).enumerated().filter { $0.element.0 != $0.element.1 }
            .map { Edit(line: $0.offset + 1, old: $0.element.0, new: $0.element.1) }
        return (lines.joined(separator: "\n"), edits, fixed)
    }

    /// The line with the claim text of the inline span at `column` replaced;
    /// nil unless `column` starts an inline span (`` `= expr ~ CLAIM` ``).
    static func replace(in line: String, at column: Int, _ documented: String, with new: String) -> String? {
        let scalars = Array(line.unicodeScalars)
        let start = column - 1
        guard start >= 1, start < scalars.count, scalars[start] == "=" else { return nil }
        var before = start - 1
        while before >= 0, scalars[before] == " " { before -= 1 }
        guard before >= 0, scalars[before] == "`", let end = scalars[start...].firstIndex(of: "`") else { return nil }
        let span = String(String.UnicodeScalarView(scalars[start..<end]))
        // The claim follows the last `~` of the span; `!~` is an erratum.
        guard let tilde = span.range(of: "~", options: .backwards), !span[..<tilde.lowerBound].hasSuffix("!"),
              let found = span.range(of: documented, range: tilde.upperBound..<span.endIndex) else { return nil }
        let fixed = span.replacingCharacters(in: found, with: new)
        return String(String.UnicodeScalarView(scalars[..<start])) + fixed + String(String.UnicodeScalarView(scalars[end...]))
    }

    /// A placeholder in an `expect` statement (`expect acc ~ ?.2`) is filled
    /// too: it is a claim being written, not a checked one being changed.
    static func replaceInExpect(_ line: String, at column: Int, _ documented: String, with new: String) -> String? {
        let scalars = Array(line.unicodeScalars)
        let start = column - 1
        guard start >= 0, start < scalars.count else { return nil }
        let rest = String(String.UnicodeScalarView(scalars[start...]))
        guard rest.hasPrefix("expect"), let tilde = rest.range(of: "~", options: .backwards),
              !rest[..<tilde.lowerBound].hasSuffix("!"),
              let found = rest.range(of: documented, range: tilde.upperBound..<rest.endIndex) else { return nil }
        return String(String.UnicodeScalarView(scalars[..<start])) + rest.replacingCharacters(in: found, with: new)
    }

    /// A unified diff of one lesson's fixes (lines never move, only change).
    public static func diff(path: String, original: String, edits: [Edit], context: Int = 3) -> String {
        guard !edits.isEmpty else { return "" }
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let changed = Dictionary(edits.map { ($0.line, $0.new) }, uniquingKeysWith: { _, last in last })
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        var hunks: [[Int]] = []
        for line in changed.keys.sorted() {
            if let last = hunks.last?.last, line - last <= 2 * context { hunks[hunks.count - 1].append(line) } else { hunks.append([line]) }
        }
        for hunk in hunks {
            let from = max(1, hunk.first! - context), to = min(lines.count, hunk.last! + context)
            let count = to - from + 1
            out += "@@ -\(from),\(count) +\(from),\(count) @@\n"
            for n in from...to {
                if let new = changed[n] {
                    out += "-\(lines[n - 1])\n+\(new)\n"
                } else {
                    out += " \(lines[n - 1])\n"
                }
            }
        }
        return out
    }
}
