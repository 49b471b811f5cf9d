import Testing
@testable import Notebook

/// How prose is read for `@label`, `@key` and `[@key]` (format 1.1, 9.1 and 9.2).
@Suite struct ProseScannerTests {
    /// Each piece as text, `@key` for a narrative item, `[prefix @key suffix; ...]` for a group.
    func read(_ text: String) -> [String] {
        ProseScanner.scan(text).map { piece in
            switch piece {
            case let .text(t): return t
            case let .group(items, bracketed, _):
                let inner = items.map { [$0.prefix, "@" + $0.key, $0.suffix].filter { !$0.isEmpty }.joined(separator: " ") }
                return bracketed ? "[" + inner.joined(separator: "; ") + "]" : inner.joined()
            }
        }
    }

    @Test func narrativeReferencesEndAtPunctuation() {
        #expect(read("See @fig-loss.") == ["See ", "@fig-loss", "."])
        #expect(read("@zeiler2014, then") == ["@zeiler2014", ", then"])
        #expect(read("(@tbl-a-b)") == ["(", "@tbl-a-b", ")"])
        #expect(read("keys with@inside and ann@example.org stay") == ["keys with@inside and ann@example.org stay"])
        #expect(read("x @ y and @ alone and @-dash") == ["x @ y and @ alone and @-dash"])
        #expect(read("@doe:2020.x/y end") == ["@doe:2020.x/y", " end"])
    }

    @Test func bracketsHoldItemsWithPrefixesAndSuffixes() {
        #expect(read("as shown [@a; @b].") == ["as shown ", "[@a; @b]", "."])
        #expect(read("[see @zeiler2014, p. 3; also @fig-x]") == ["[see @zeiler2014 p. 3; also @fig-x]"])
        #expect(read("[@a;\n@b]") == ["[@a; @b]"], "a group may wrap")
        #expect(read("[@a][x]") == ["[@a]", "[x]"])
        #expect(read("[@a](url)") == ["[@a]", "(url)"])
    }

    @Test func bracketsThatAreNotGroupsAreText() {
        #expect(read("[not a citation] @a") == ["[not a citation] ", "@a"])
        #expect(read("[mail me@home]") == ["[mail me@home]"])
        #expect(read("[@a; no key]") == ["[", "@a", "; no key]"])
        #expect(read("[@a @b]") == ["[", "@a", " ", "@b", "]"])
        #expect(read("[[@a]]") == ["[", "[@a]", "]"])
        #expect(read("[@a") == ["[", "@a"])
    }

    @Test func anythingScansWithoutACrash() {
        for text in ["@", "[", "]", "[@", "@[", "[;]", "[@;@]", "@fig-", "[@fig-]", String(repeating: "[@a;", count: 500), "\u{E010}@x\u{E011}"] {
            _ = ProseScanner.scan(text)
        }
    }
}

/// Token soup through the whole lesson path (the lesson fuzzer's entry):
/// references, citations, brackets, labels on math, code and escapes mixed
/// at random must end in diagnostics, never a crash.
@Suite struct ReferenceSoupTests {
    @Test func randomProseNeverCrashes() {
        let tokens = ["@", "[", "]", ";", "@fig-", "@tbl-a", "@eq-x", "fig-", "@zeiler2014", "@b", "$$ x $$", " {#eq-x}",
                      "{#eq-", "}", "`", "\\", "\n", "\n\n", " ", "see ", ", p. 3", "(", ")", "> ", "- ", "*", "_",
                      "[^1]", "[^1]: note @fig-a\n", "ann@example.org", "\u{E010}", "\u{E011}", "1", "<b>", "](x)",
                      "```experiment\nplot([1, 2], [1, 2], label=\"fig-a\")\n```\n"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<300 {
            let text = (0..<(next() % 40)).map { _ in tokens[next() % tokens.count] }.joined()
            FuzzEntry.lesson(Array(text.utf8))
            _ = ProseScanner.scan(text)
        }
    }
}
