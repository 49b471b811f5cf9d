import Foundation
import Testing
@testable import Notebook

/// `[@key]`, `@key` and the References list (format 1.1, section 9.2).
@Suite struct CitationTests {
    static let bib = """
    @inproceedings{zeiler2014,
      author = {Zeiler, Matthew D. and Fergus, Rob},
      title = {Visualizing and Understanding Convolutional Networks},
      booktitle = {ECCV}, year = {2014}}
    @inproceedings{simonyan2014saliency,
      author = {Simonyan, Karen and Vedaldi, Andrea and Zisserman, Andrew},
      title = {Deep Inside Convolutional Networks}, booktitle = {ICLR Workshop}, year = {2014}}
    @article{smith2020a, author = {Smith, Ann}, title = {One <b>bold</b> claim}, journal = {J}, year = {2020}}
    @article{smith2020b, author = {Smith, Ann}, title = {Two}, journal = {J}, year = {2020},
             url = {javascript:alert(1)}}
    """

    /// A project whose lectern.yml names `lessons/refs.bib`.
    func project() throws -> LessonFolder {
        let folder = try LessonFolder()
        try "bibliography: lessons/refs.bib\n".write(to: folder.root.appendingPathComponent("lectern.yml"), atomically: true, encoding: .utf8)
        try folder.write("refs.bib", Self.bib)
        return folder
    }

    @Test func citationsLinkToOneReferencesList() throws {
        let folder = try project()
        let o = try folder.run("""
        # Cited

        As @zeiler2014 showed [@zeiler2014; see @simonyan2014saliency, sec. 3], and again [@zeiler2014].
        Two by one author: [@smith2020a; @smith2020b].
        """, render: true)
        #expect(o.report.errors == 0, "\(o.diagnostics)")
        let html = try #require(o.html)
        #expect(html.contains("As <a class=\"citation\" href=\"#ref-zeiler2014\" id=\"cite-zeiler2014\">Zeiler and Fergus (2014)</a> showed "
                              + "(<a class=\"citation\" href=\"#ref-zeiler2014\">Zeiler and Fergus, 2014</a>; see "
                              + "<a class=\"citation\" href=\"#ref-simonyan2014saliency\" id=\"cite-simonyan2014saliency\">Simonyan et al., 2014</a>, sec. 3)"))
        #expect(html.contains("(<a class=\"citation\" href=\"#ref-smith2020a\" id=\"cite-smith2020a\">Smith, 2020a</a>; "
                              + "<a class=\"citation\" href=\"#ref-smith2020b\" id=\"cite-smith2020b\">Smith, 2020b</a>)"))
        // Each work once, sorted by author, escaped, with a link back to its first citation.
        let refs = try #require(html.range(of: "<section class=\"references\">").map { String(html[$0.lowerBound...]) })
        let ids = refs.components(separatedBy: "<li id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(ids == ["ref-simonyan2014saliency", "ref-smith2020a", "ref-smith2020b", "ref-zeiler2014"])
        #expect(refs.contains("“One &lt;b&gt;bold&lt;/b&gt; claim.”"))
        #expect(refs.contains("href=\"#cite-zeiler2014\""))
        #expect(!refs.contains("javascript"), "a script URL is dropped")
        #expect(refs.contains("<h2 id=\"references\">References"))
    }

    @Test func anUnknownKeyIsAnErrorWithTheClosestKey() throws {
        let folder = try project()
        let o = try folder.run("Text [@zeiler2041] and @simonyan2014.\n")
        #expect(o.report.errors == 2)
        let problems = (o.report.problems ?? []).map { "\($0.line):\($0.column) \($0.message)" }
        #expect(problems == ["1:7 no work with the key 'zeiler2041' in the bibliography; did you mean 'zeiler2014'?",
                             "1:24 no work with the key 'simonyan2014' in the bibliography; the closest key is 'simonyan2014saliency'"])
    }

    @Test func withoutABibliographyOnlyBracketsAsk() throws {
        let folder = try LessonFolder()
        let o = try folder.run("Follow @someone; cite [@zeiler2014]; not \\[@zeiler2014].\n", render: true)
        #expect(o.report.errors == 1)
        #expect(o.report.problems?.first.map { "\($0.line):\($0.column)" } == "1:24")
        #expect(o.html?.contains("Follow @someone; cite") == true)
        #expect(o.html?.contains("; not [@zeiler2014].") == true, "an escaped bracket is text")
    }

    @Test func aLessonNamesItsOwnBibliography() throws {
        let folder = try LessonFolder()
        try folder.write("sub/own.bib", "@misc{own, author = {Ng, Andrew}, title = {Notes}, year = {2011}}")
        let o = try folder.run("---\nbibliography: sub/own.bib\n---\n\nSee @own.\n", render: true)
        #expect(o.report.errors == 0, "\(o.diagnostics)")
        #expect(o.html?.contains("Ng (2011)") == true)
    }

    @Test func aBrokenBibliographyIsAnErrorInTheFile() throws {
        let folder = try LessonFolder()
        try folder.write("bad.bib", "@article{a,\n  title = {unclosed\n")
        let o = try folder.run("---\nbibliography: bad.bib\n---\n\nSee @a.\n")
        let d = try #require(o.report.problems?.first)
        #expect(d.file == "lessons/bad.bib" && "\(d.line):\(d.column)" == "2:11")
        let missing = try folder.run("---\nbibliography: none.bib\n---\n\nText.\n")
        #expect(missing.report.problems?.first.map { "\($0.file):\($0.line) \($0.message)" }
                == "lessons/01-lesson.md:2 cannot read the bibliography 'none.bib': no such file")
    }

    @Test func linkSyntaxAroundACitationStaysALink() throws {
        let folder = try project()
        let o = try folder.run("""
        [@zeiler2014](https://example.org) is a link; [@zeiler2014] [x] is a citation and text.

        [x]: https://example.org/x
        """, render: true)
        let html = try #require(o.html)
        #expect(html.contains("<a href=\"https://example.org\">@zeiler2014</a> is a link"))
        #expect(html.contains("(<a class=\"citation\" href=\"#ref-zeiler2014\" id=\"cite-zeiler2014\">Zeiler and Fergus, 2014</a>) <a href=\"https://example.org/x\">x</a>"))
    }

    @Test func aBibliographyEditReachesTheCachedPage() throws {
        let folder = try project()
        let url = try folder.write("01-c.md", "See @zeiler2014.\n")
        let pipeline = Pipeline(options: folder.options(cache: true))
        #expect(pipeline.run(url, render: true).html?.contains("Zeiler and Fergus (2014)") == true)
        try folder.write("refs.bib", Self.bib.replacingOccurrences(of: "year = {2014}}", with: "year = {2013}}"))
        let again = pipeline.run(url, render: true)
        #expect(!again.cached && again.html?.contains("Zeiler and Fergus (2013)") == true)
    }
}
