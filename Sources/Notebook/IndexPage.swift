/// `output/index.html`: the lessons in order, each with its claim tally.
enum IndexPage {
    struct Entry {
        var title: String
        var href: String
        var description: String?
        /// Nil for a lesson of the course that has not been rendered by this code yet.
        var tally: Tally?
    }

    /// The course's name (or "Lessons") as the title, its introduction,
    /// then the lessons.
    static func html(_ entries: [Entry], course: Course = Course()) -> String {
        var list = "<ol class=\"lessons\">\n"
        for e in entries {
            list += "<li><a href=\"\(HTML.href(e.href))\">\(HTML.escape(e.title))</a>"
                + (e.tally.map { " " + PageTemplate.badge($0) } ?? " <span class=\"badge\">not rendered yet</span>")
            if let d = e.description { list += "<span class=\"desc\">\(HTML.escape(d))</span>" }
            list += "</li>\n"
        }
        list += "</ol>\n"
        let total = entries.reduce(Tally()) { $0 + ($1.tally ?? Tally()) }
        var article: String
        if let name = course.title {
            article = "<h1 id=\"course\">\(HTML.escape(name))</h1>\n"
            if let intro = course.introduction { article += "<div class=\"intro\">\n\(intro)</div>\n" }
            article += "<h2 id=\"lessons\">Lessons</h2>\n" + list
        } else {
            article = "<h1 id=\"lessons\">Lessons</h1>\n"
            if let intro = course.introduction { article += "<div class=\"intro\">\n\(intro)</div>\n" }
            article += list
        }
        return PageTemplate.page(title: course.title ?? "Lessons", description: nil, article: article, tally: total, course: course)
    }
}
