import Foundation
import Lab
import Yams

/// The works a lesson can cite (format 1.1, section 9.2): the BibTeX file
/// named by its front matter's `bibliography:` (relative to the lesson), or
/// else by `bibliography:` in the project's `lectern.yml` (relative to the
/// project root). A lesson with neither cites nothing, and its `@word`s
/// stay text, as in format 1.0.
struct Bibliography: Sendable {
    var works: [String: Work] = [:]
    var keys: [String] = []
    /// The file, read or not: the page cache re-hashes it.
    var file: URL?

    /// The bibliography of a lesson, the problems reading it (each an error
    /// counted in the lesson's tally), and the files that decided it.
    static func load(for source: LessonSource, root: URL) -> (Bibliography?, [Diagnostic], [URL]) {
        let yml = root.appendingPathComponent("lectern.yml")
        var inputs = FileManager.default.fileExists(atPath: yml.path) ? [yml] : []
        let named: (path: String, base: URL, file: String, at: SourceLocation)
        if let own = source.frontMatter.bibliography {
            named = (own, source.url.deletingLastPathComponent(), source.path,
                     SourceLocation(line: source.frontMatter.bibliographyLine, column: 1))
        } else if let course = courseFile(root: root) {
            named = (course.path, root, "lectern.yml", SourceLocation(line: course.line, column: 1))
        } else {
            return (nil, [], inputs)
        }
        func fail(_ message: String) -> (Bibliography?, [Diagnostic], [URL]) {
            (Bibliography(), [Diagnostic(file: named.file, location: named.at, message: message)], inputs)
        }
        let url = named.path.hasPrefix("/") ? URL(fileURLWithPath: named.path)
                                            : named.base.appendingPathComponent(named.path).standardizedFileURL
        inputs.append(url)
        guard ProjectFiles(root: root).inside(url) != nil else {
            return fail("the bibliography '\(named.path)' is outside the project; lessons read only files inside it")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return fail("cannot read the bibliography '\(named.path)': no such file")
        }
        guard data.count <= BibTeX.maxBytes, let text = String(data: data, encoding: .utf8) else {
            return fail("the bibliography '\(named.path)' is not a UTF-8 text file of at most 16 MiB")
        }
        let display = Pipeline.displayPath(url, root: root)
        do {
            let entries = try BibTeX.parse(text, file: display)
            var b = Bibliography(file: url)
            for e in entries {
                b.works[e.key] = Work(e)
                b.keys.append(e.key)
            }
            return (b, [], inputs)
        } catch {
            return (Bibliography(file: url), [error], inputs)
        }
    }

    /// `bibliography:` of the project's `lectern.yml`, with its line.
    static func courseFile(root: URL) -> (path: String, line: Int)? {
        guard let text = try? String(contentsOf: root.appendingPathComponent("lectern.yml"), encoding: .utf8),
              let node = try? Yams.compose(yaml: text), let mapping = node.mapping else { return nil }
        for (key, value) in mapping where key.string == "bibliography" {
            guard let path = value.string, !path.isEmpty else { return nil }
            return (path, key.mark?.line ?? 1)
        }
        return nil
    }
}
