import Foundation
import Testing
import Lab
@testable import Notebook

/// The BibTeX reader, TeX text and names (format 1.1, section 9.2).
@Suite struct BibTeXTests {
    static let sample = """
    % A comment line, with an @ in it.
    Text outside entries is a comment too.
    @string{eccv = "European Conference on Computer Vision"}

    @inproceedings{zeiler2014,
      author    = {Zeiler, Matthew D. and Fergus, Rob},
      title     = {Visualizing and Understanding {C}onvolutional Networks},
      booktitle = eccv # " (ECCV)",
      pages     = {818--833},
      year      = 2014,
    }
    @Article(maaten2008,
      Author = "Laurens van der Maaten and Geoffrey Hinton",
      Title = "Visualizing Data using {t-SNE}",
      journal = {JMLR}, volume = {9}, year = {2008})
    @book{goodfellow2016, author = {Ian Goodfellow and Yoshua Bengio and Aaron Courville}, title = {Deep Learning},
          publisher = {MIT Press}, year = {2016}}
    @misc{mordvintsev2015, author = {Mordvintsev, Alexander and others}, title = {Inceptionism}, howpublished = {Blog}, year = {2015}}
    @comment{ @article{ignored, title = {no} } }
    """

    @Test func readsEntriesOfEveryKind() throws {
        let entries = try BibTeX.parse(Self.sample, file: "refs.bib")
        #expect(entries.map(\.key) == ["zeiler2014", "maaten2008", "goodfellow2016", "mordvintsev2015"])
        #expect(entries.map(\.type) == ["inproceedings", "article", "book", "misc"])
        let z = entries[0]
        #expect(z.line == 5)
        #expect(z.fields["booktitle"] == "European Conference on Computer Vision (ECCV)")
        #expect(z.fields["year"] == "2014")
        #expect(z.fields["title"] == "Visualizing and Understanding {C}onvolutional Networks")
        #expect(entries[1].fields["title"] == "Visualizing Data using {t-SNE}", "field names are case-insensitive")
    }

    @Test func worksNameTheirAuthorsAndYear() throws {
        let works = try BibTeX.parse(Self.sample, file: "refs.bib").map(Work.init)
        #expect(works.map(\.shortAuthors) == ["Zeiler and Fergus", "van der Maaten and Hinton", "Goodfellow et al.", "Mordvintsev et al."])
        #expect(works[0].authors[0] == Work.Name(first: "Matthew D.", last: "Zeiler"))
        #expect(works[1].authors[0] == Work.Name(first: "Laurens", last: "van der Maaten"))
        #expect(works[0].fields["pages"] == "818–833")
        #expect(works[0].fields["title"] == "Visualizing and Understanding Convolutional Networks")
        #expect(works.map(\.year) == ["2014", "2008", "2016", "2015"])
        let entry = ReferenceHTML.entry(works[0], year: "2014")
        #expect(entry.contains("Zeiler, Matthew D., and Rob Fergus"))
        #expect(entry.contains("“Visualizing and Understanding Convolutional Networks.”"))
        #expect(entry.contains("In <em>European Conference on Computer Vision (ECCV)</em>, 818–833"))
        #expect(ReferenceHTML.entry(works[2], year: "2016").contains("<em>Deep Learning</em>. MIT Press."))
    }

    @Test func texAccentsBecomeUnicode() {
        #expect(TeXText.plain(#"M{\"u}ller, G\"{o}del, Caf\'e, \c{c}a, \v{S}kola, {\ss}, \o{}, Andr\'{e}"#)
                == "Müller, Gödel, Café, ça, Škola, ß, ø, André")
        #expect(TeXText.plain(#"Pages 1--2, a---b, 50\% \& more, N~o, \emph{word}, {\'\i}"#)
                == "Pages 1–2, a—b, 50% & more, N\u{A0}o, word, í")
        #expect(TeXText.plain("Line\n   broken  title") == "Line broken title")
        #expect(TeXText.plain(String(repeating: #"\"{"#, count: 200) + "u") != "", "deep nesting is no crash")
    }

    @Test func namesSplitAtTopLevelAnd() {
        let names = Work.names("{Barnes and Noble} and Jean de la Fontaine and Smith, Jr, John and Hinton, Geoffrey E.")
        #expect(names.map(\.last) == ["Barnes and Noble", "de la Fontaine", "Smith, Jr", "Hinton"])
        #expect(names.map(\.first) == ["", "Jean", "John", "Geoffrey E."])
    }

    /// Where a malformed file fails: its line and column, in the file's own words.
    func failure(_ text: String) -> String? {
        do { _ = try BibTeX.parse(text, file: "refs.bib"); return nil } catch { return "\(error.line):\(error.column) \(error.message)" }
    }

    @Test func errorsNameTheLineAndColumn() {
        #expect(failure("@article{a,\n  title = {Open\n") == "2:11 bibliography: the '{' here is never closed")
        #expect(failure("@article{a, title = {x} year = {2000}}")?.hasPrefix("1:25 bibliography: expected ',' between the fields of 'a'") == true)
        #expect(failure("@article{a, title = {x}}\n@book{a, title = {y}}") == "2:1 bibliography: the key 'a' is defined twice (first at line 1)")
        #expect(failure("@article{a, journal = jmlr}")?.hasPrefix("1:23 bibliography: unknown @string macro 'jmlr'") == true)
        #expect(failure("@article a, title = {x}}")?.hasPrefix("1:10 bibliography: expected '{' or '('") == true)
        #expect(failure("@article{a, title = \"x}\"}")?.contains("without its '{'") == true)
        #expect(failure("@{a, title = {x}}") != nil)
        #expect(failure("") == nil)
    }

    @Test func theCoursesBibliographyReads() throws {
        // The project's own file (lessons/references.bib), named by lectern.yml.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("lessons/references.bib"), encoding: .utf8)
        let works = try BibTeX.parse(text, file: "lessons/references.bib").map(Work.init)
        #expect(works.count >= 19)
        #expect(works.allSatisfy { !$0.authors.isEmpty && $0.year != "n.d." && $0.fields["title"] != nil })
    }
}
