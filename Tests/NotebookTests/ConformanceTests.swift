import Foundation
import Synchronization
import Testing
@testable import Notebook

/// Every example of cmark-gfm's `test/spec.txt` and `test/extensions.txt`
/// (Conformance/, from the source of 0.29.0.gfm.6, the version Debian ships;
/// licences in Conformance/COPYING), rendered as a lesson body, must give
/// the HTML that cmark-gfm itself gives for it: the same library, parsing
/// with the extensions Lectern attaches and rendering as `cmark-gfm --unsafe`
/// does. Lectern parses with cmark but protects math first and writes its
/// own HTML; this holds both to cmark's behaviour on ordinary Markdown.
///
/// Both sides are normalised as cmark's `normalize.py` does, and Lectern's
/// own markup (heading ids and anchors, classes for its stylesheet, the
/// wrapper around tables) is dropped. What is left must match, except for
/// the examples in `intended`.
@Suite struct ConformanceTests {
    struct Example {
        var file: String
        var number: Int
        var line: Int
        var markdown: String
    }

    /// Deviations on purpose, each with its reason. No example holds a `$`
    /// pair that Lectern reads as math (the spec's `$`s stay text by Pandoc's
    /// rules), so math, which cmark does not have, needs no entry.
    static let intended: [String: String] = [
        // Footnotes: Lectern numbers and orders them as cmark does (the text
        // of these three examples matches), but writes its own markup: ids
        // by number (`fn-2`, `fnref-2`) rather than by label, so an author's
        // label never reaches an attribute; one back link after the note,
        // outside its last paragraph, with its own class and label, and no
        // `data-footnote-*` attributes.
        "extensions 23": "footnote markup: numeric ids, one back link after the note",
        "extensions 24": "footnote markup: one back link, not one per reference",
        "extensions 25": "footnote markup: numeric ids, not the label percent-encoded",
    ]

    /// The examples of one spec file, read as cmark's `spec_tests.py` reads
    /// them: `→` stands for a tab; examples marked `disabled` are skipped.
    static func examples(_ name: String) throws -> [Example] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Conformance"))
        let text = try String(contentsOf: url, encoding: .utf8)
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var state = 0, number = 0, start = 0
        var markdown = "", disabled = false
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw + "\n"
            let stripped = raw.trimmingCharacters(in: .whitespaces)
            if stripped.hasPrefix(fence + " example") {
                state = 1
                start = i + 1
                disabled = stripped.contains("disabled")
            } else if stripped == fence {
                state = 0
                number += 1
                if !disabled {
                    examples.append(Example(file: name, number: number, line: start,
                                            markdown: markdown.replacingOccurrences(of: "→", with: "\t")))
                }
                markdown = ""
            } else if stripped == "." {
                state = 2
            } else if state == 1 {
                markdown += line
            }
        }
        return examples
    }

    /// The body HTML Lectern makes for `markdown` with `--unsafe` (as the
    /// spec's tests run cmark). A blank line goes first so that an example
    /// opening with `---` is not taken for front matter; Markdown ignores it.
    static func lectern(_ markdown: String, _ folder: LessonFolder) throws -> String {
        try folder.run("\n" + markdown, render: true, unsafe: true).html ?? "(no page)"
    }

    @Test func specAndExtensionExamplesRenderAsCmarkGFMDoes() throws {
        let examples = try Self.examples("spec") + Self.examples("extensions")
        #expect(examples.count == 701)
        let folder = try LessonFolder()
        let normalizer = HTMLNormalizer(lecternMarkup: true)
        var deviations: [String] = []
        var matched = 0
        for example in examples {
            let key = "\(example.file) \(example.number)"
            let ours = normalizer.normalize(try Self.lectern(example.markdown, folder))
            let theirs = normalizer.normalize(MarkdownParser.cmarkHTML("\n" + example.markdown))
            if ours == theirs {
                matched += 1
                if Self.intended[key] != nil { deviations.append("\(key): listed as intended but matches; remove it from the list") }
            } else if Self.intended[key] == nil {
                deviations.append("""
                    \(key) (line \(example.line)):
                    \(example.markdown)
                    cmark-gfm: \(theirs)
                    Lectern:   \(ours)
                    """)
            }
        }
        #expect(matched + Self.intended.count == examples.count, "\(matched) of \(examples.count) match")
        #expect(deviations.isEmpty, Comment(rawValue: "\(deviations.count) deviations:\n\n" + deviations.joined(separator: "\n\n")))
    }

    @Test func headingIDsAreUnique() throws {
        let html = try #require(try LessonFolder().run("## a\n\n## a\n\n## a-1\n\n## a\n", render: true).html)
        let ids = html.components(separatedBy: "<h2 id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(ids == ["a", "a-1", "a-1-1", "a-2"])
    }

    @Test func aCodeBlocksLanguageEndsAtAnyWhitespace() throws {
        let html = try #require(try LessonFolder().run("```py\tx=1\nprint(1)\n```\n", render: true).html)
        #expect(html.contains("<code class=\"language-py\">"))
    }

    @Test func urlsArePercentEncodedAsCmarkDoes() throws {
        let text = "[a](/p\\q \"t\") [b](<x y>) [c](/ä?q=1&r='s'#f) ![d](/i[1].png) <https://a.b/c\\d>\n"
        let html = try #require(try LessonFolder().run(text, render: true).html)
        #expect(html.contains("<a href=\"/p%5Cq\" title=\"t\">a</a>"))
        #expect(html.contains("<a href=\"x%20y\">b</a>"))
        #expect(html.contains("<a href=\"/%C3%A4?q=1&amp;r=&#39;s&#39;#f\">c</a>"))
        #expect(html.contains("src=\"/i%5B1%5D.png\""))
        let n = HTMLNormalizer(lecternMarkup: true)
        #expect(n.normalize(html) == n.normalize(MarkdownParser.cmarkHTML(text)))
    }

    /// cmark-gfm keeps the extensions' trigger characters in a global table
    /// that each parse sets and clears: parses at once (lessons rendered with
    /// `--jobs`) lost autolinks and strikethrough until parsing was serialised.
    @Test func parsesAtOnceAgree() {
        let text = String(repeating: "See https://example.com and ~~old~~ www.x.org here.\n\n", count: 200)
        let expected = MarkdownParser.cmarkHTML(text)
        let results = Mutex([String]())
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let html = MarkdownParser.cmarkHTML(text)
            results.withLock { $0.append(html) }
        }
        #expect(results.withLock { $0 }.allSatisfy { $0 == expected })
        #expect(expected.contains("<del>old</del>") && expected.contains("<a href=\"http://www.x.org\">"))
    }
}

