import Foundation
import Lab

/// Every lesson's labels, for references from one lesson to another
/// (format 1.1, section 9.1: a label is looked up in its own lesson first,
/// then in the others, in course order). A page and its cache entry hold
/// such a reference as a marker (`ReferenceHTML.marker`), so a cached page
/// stays right when another lesson's numbering changes: the marker becomes
/// a link, or an error, when the page is written.
struct CourseLabels {
    struct Lesson {
        var path: String
        /// Its page's file name, and how a reference names it ("05").
        var page: String
        var number: String
        var targets: [LabelTarget]
    }

    var lessons: [Lesson]

    /// How a reference names a lesson: its file name's leading digits
    /// (`05-occlusion.md` is lesson 05), else its place in the course.
    static func number(of url: URL, position: Int) -> String {
        let digits = url.lastPathComponent.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? String(position + 1) : String(digits)
    }

    /// The lesson's page with every marker replaced, and the references
    /// that name no label anywhere as errors (counted in its report).
    func finish(_ outcome: Pipeline.Outcome) -> Pipeline.Outcome {
        guard !outcome.external.isEmpty else { return outcome }
        var o = outcome
        var links: [String] = []
        var errors: [Diagnostic] = []
        for ref in outcome.external {
            if let (lesson, target) = find(ref.label, from: outcome.path) {
                links.append(ReferenceHTML.target(target, page: lesson.page, lesson: lesson.number))
                continue
            }
            links.append(ReferenceHTML.missing(ref.label))
            let own = lessons.first { $0.path == outcome.path }?.targets.map(\.label) ?? outcome.labels.map(\.label)
            let others = lessons.filter { $0.path != outcome.path }.flatMap { $0.targets.map(\.label) }
            var message = "no figure, table or equation is labelled '\(ref.label)' in this lesson or another of the course"
            if let s = Suggest.closest(to: ref.label, in: [own, others]) ?? ReferenceStage.nearest(ref.label, own + others) {
                message += "; the closest label is '\(s)'"
            }
            errors.append(Diagnostic(file: outcome.path, location: SourceLocation(line: ref.line, column: ref.column), message: message))
        }
        if let html = o.html { o.html = CourseLabels.replace(html, links) }
        if !errors.isEmpty {
            o.diagnostics = (o.diagnostics + errors).sorted { $0.location < $1.location }
            o.report.problems = ((o.report.problems ?? []) + errors).sorted { $0.location < $1.location }
            o.report.errors += errors.count
        }
        o.external = []
        return o
    }

    /// The first lesson other than `path` that defines `label`.
    func find(_ label: String, from path: String) -> (Lesson, LabelTarget)? {
        for lesson in lessons where lesson.path != path {
            if let t = lesson.targets.first(where: { $0.label == label }) { return (lesson, t) }
        }
        return nil
    }

    /// Each marker replaced by the HTML of its reference.
    static func replace(_ html: String, _ links: [String]) -> String {
        guard html.unicodeScalars.contains(ReferenceHTML.open) else { return html }
        var out = String.UnicodeScalarView()
        var rest = html.unicodeScalars[...]
        while let o = rest.firstIndex(of: ReferenceHTML.open) {
            out.append(contentsOf: rest[..<o])
            rest = rest[rest.index(after: o)...]
            guard let end = rest.firstIndex(of: ReferenceHTML.close),
                  let i = Int(String(String.UnicodeScalarView(rest[..<end]))), i >= 0, i < links.count else { continue }
            out.append(contentsOf: links[i].unicodeScalars)
            rest = rest[rest.index(after: end)...]
        }
        out.append(contentsOf: rest)
        return String(out)
    }
}
