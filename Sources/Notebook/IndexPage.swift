/// `output/index.html`: the lessons in order, each with its claim tally.
enum IndexPage {
    struct Entry {
        var title: String
        var href: String
        var description: String?
        /// Nil for a lesson of the course that has not been rendered by this code yet.
        var tally: Tally?
    }

    static func html(_ entries: [Entry]) -> String {
        var list = "<ol class=\"lessons\">\n"
        for e in entries {
            list += "<li><a href=\"\(HTML.href(e.href))\">\(HTML.escape(e.title))</a>"
                + (e.tally.map { " " + PageTemplate.badge($0) } ?? " <span class=\"badge\">not rendered yet</span>")
            if let d = e.description { list += "<span class=\"desc\">\(HTML.escape(d))</span>" }
            list += "</li>\n"
        }
        list += "</ol>\n"
        let total = entries.reduce(Tally()) { $0 + ($1.tally ?? Tally()) }
        let article = "<h1 id=\"lessons\">Lessons</h1>\n" + list
        return PageTemplate.page(title: "Lessons", description: nil, article: article, tally: total, previous: nil, next: nil)
            .replacingOccurrences(of: "<nav class=\"top\"><a href=\"index.html\">All lessons</a></nav>", with: "")
    }
}
