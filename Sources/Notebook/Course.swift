import Foundation
import Yams

/// What every page shows of the course around its lesson: the course's name
/// (`title:` in `lectern.yml`), its lessons in order (the sidebar, "Lesson 5
/// of 16", the previous and next links) and, on the index, its introduction
/// (`README.md` beside the lessons).
struct Course: Sendable {
    var title: String?
    /// The introduction's HTML, from Markdown rendered without raw HTML.
    var introduction: String?
    var lessons: [PageTemplate.Link]
    /// What the search box finds: every lesson's title, description and headings.
    var search: [SearchIndex.Entry] = []

    init(title: String? = nil, introduction: String? = nil, lessons: [PageTemplate.Link] = []) {
        self.title = title
        self.introduction = introduction
        self.lessons = lessons
    }

    /// `title:` of `root/lectern.yml`. The file is first of all the project's
    /// marker and may be empty or hold only comments; a file that is not a
    /// mapping, or a title that is not text, names no course.
    static func title(root: URL) -> String? {
        guard let text = try? String(contentsOf: root.appendingPathComponent("lectern.yml"), encoding: .utf8),
              let map = (try? Yams.load(yaml: text)) as? [String: Any] else { return nil }
        let title: String? = switch map["title"] {
        case let s as String: s
        case let i as Int: String(i)
        case let d as Double: String(d)
        default: nil
        }
        return title.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The lessons folder's `README.md` (any case), as HTML. Like a lesson
    /// without `--unsafe`, raw HTML is left out; images become their alt
    /// text, since a page loads nothing from anywhere.
    static func introduction(folder: URL) -> String? {
        guard let name = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?
                .sorted().first(where: { $0.lowercased() == "readme.md" }),
              let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
              data.count <= 1 << 20, let text = String(data: data, encoding: .utf8),
              !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        var html = MarkdownParser.safeHTML(text)
        if let img = try? NSRegularExpression(pattern: "<img [^>]*?alt=\"([^\"]*)\"[^>]*>") {
            html = img.stringByReplacingMatches(in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "$1")
        }
        return html
    }
}
