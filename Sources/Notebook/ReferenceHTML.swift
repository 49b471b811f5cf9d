import Foundation

/// HTML for cross-references, citations and the References list (format
/// 1.1, sections 9.1 and 9.2). Everything from the lesson or the
/// bibliography is escaped; links only point into the page or the course.
enum ReferenceHTML {
    /// Stands in a page for a reference to another lesson's label until the
    /// course's labels are known (`CourseLabels`): the two characters around
    /// the reference's index. Text from the lesson never holds them
    /// (`HTML.escape` writes them as character references).
    static let open: Unicode.Scalar = "\u{E010}"
    static let close: Unicode.Scalar = "\u{E011}"

    static func marker(_ index: Int) -> String { "\(open)\(index)\(close)" }

    /// The anchor of a work in the References list: the key with anything
    /// but letters, digits and `-_.:` made `-`.
    static func anchor(_ key: String) -> String {
        "ref-" + String(String.UnicodeScalarView(key.unicodeScalars.map { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || "-_.:".unicodeScalars.contains(c) ? c : "-"
        }))
    }

    /// A link to a label: on this page, or on another lesson's page.
    static func target(_ t: LabelTarget, page: String? = nil, lesson: String? = nil) -> String {
        let href = (page.map(HTML.href) ?? "") + "#" + HTML.escape(t.label)
        let text = t.name + (lesson.map { " of lesson \($0)" } ?? "")
        return "<a class=\"xref\" href=\"\(href)\">\(HTML.escape(text))</a>"
    }

    /// A reference or key that names nothing: shown as written, marked.
    static func missing(_ key: String) -> String {
        "<span class=\"xref missing\" title=\"nothing has this label or key\">@\(HTML.escape(key))?</span>"
    }

    /// Year labels that tell apart works with the same authors and year
    /// (`2014a`, `2014b`), in order of first citation.
    static func years(_ links: ProseLinks) -> [String: String] {
        guard let b = links.bibliography else { return [:] }
        var groups: [String: [String]] = [:]
        for key in links.cited { if let w = b.works[key] { groups[w.shortAuthors + "\u{0}" + w.year, default: []].append(key) } }
        var out: [String: String] = [:]
        for key in links.cited {
            guard let w = b.works[key] else { continue }
            let same = groups[w.shortAuthors + "\u{0}" + w.year] ?? [key]
            let letter = same.count > 1 ? String(UnicodeScalar(UInt8(ascii: "a") + UInt8(min(25, same.firstIndex(of: key) ?? 0)))) : ""
            out[key] = w.year + letter
        }
        return out
    }

    /// A group: `Zeiler and Fergus (2014)` for a narrative citation,
    /// `(see Zeiler and Fergus, 2014, p. 3; Figure 2)` for a bracket.
    /// `firstCitation` gives the id of a work's first citation, for the back link.
    static func group(_ g: ProseLinks.Group, _ links: ProseLinks, years: [String: String],
                      text: (String) -> String, firstCitation: (String) -> String?) -> String {
        var parts: [String] = []
        for item in g.items {
            switch item {
            case let .local(t): parts.append(target(t))
            case let .external(i): parts.append(marker(i))
            case let .unknown(key): parts.append(missing(key))
            case let .work(key, prefix, suffix):
                guard let w = links.bibliography?.works[key] else { parts.append(missing(key)); continue }
                let year = years[key] ?? w.year
                let id = firstCitation(key).map { " id=\"\(HTML.escape($0))\"" } ?? ""
                let href = "#" + HTML.escape(anchor(key))
                if g.bracketed {
                    var s = prefix.isEmpty ? "" : text(prefix) + " "
                    s += "<a class=\"citation\" href=\"\(href)\"\(id)>\(HTML.escape(w.shortAuthors)), \(HTML.escape(year))</a>"
                    if !suffix.isEmpty { s += ", " + text(suffix) }
                    parts.append(s)
                } else {
                    parts.append("<a class=\"citation\" href=\"\(href)\"\(id)>\(HTML.escape(w.shortAuthors)) (\(HTML.escape(year)))</a>")
                }
            }
        }
        return g.bracketed ? "(" + parts.joined(separator: "; ") + ")" : parts.joined(separator: "; ")
    }

    /// The References section: every cited work once, sorted by author,
    /// year and title, each with a link back to its first citation.
    static func section(_ links: ProseLinks, years: [String: String], id: String, backLinks: [String: String]) -> String {
        guard let b = links.bibliography else { return "" }
        let works = links.cited.compactMap { b.works[$0] }.sorted {
            ($0.authors.first?.last ?? $0.shortAuthors, years[$0.key] ?? $0.year, $0.fields["title"] ?? "")
                < ($1.authors.first?.last ?? $1.shortAuthors, years[$1.key] ?? $1.year, $1.fields["title"] ?? "")
        }
        guard !works.isEmpty else { return "" }
        var out = "<section class=\"references\">\n<h2 id=\"\(id)\">References"
            + "<a class=\"anchor\" href=\"#\(id)\" aria-label=\"link to this section\">#</a></h2>\n<ol class=\"references\">\n"
        for w in works {
            out += "<li id=\"\(HTML.escape(anchor(w.key)))\">\(entry(w, year: years[w.key] ?? w.year))"
            if let back = backLinks[w.key] {
                out += " <a class=\"ref-back\" href=\"#\(HTML.escape(back))\" aria-label=\"back to the first citation\">↩</a>"
            }
            out += "</li>\n"
        }
        return out + "</ol>\n</section>\n"
    }

    /// One entry, author-year: `Zeiler, Matthew D., and Rob Fergus. 2014.
    /// “Visualizing and Understanding Convolutional Networks.” In <em>ECCV</em>, 818–833.`
    static func entry(_ w: Work, year: String) -> String {
        func e(_ s: String) -> String { HTML.escape(s) }
        let f = w.fields
        var names = w.authors.enumerated().map { i, n in i == 0 ? n.inverted : n.full }
        if w.andOthers { names.append("et al.") }
        let authors: String
        switch names.count {
        case 0: authors = ""
        case 1: authors = names[0]
        case 2: authors = names[0] + (w.andOthers ? ", " : ", and ") + names[1]
        default: authors = names.dropLast().joined(separator: ", ") + (w.andOthers ? ", " : ", and ") + names.last!
        }
        var out = authors.isEmpty ? "" : "<span class=\"authors\">\(e(authors.hasSuffix(".") ? String(authors.dropLast()) : authors))</span>. "
        out += "\(e(year)). "
        let title = f["title"] ?? w.key
        let book = ["book", "phdthesis", "mastersthesis", "proceedings"].contains(w.type)
        let stop = title.last.map { ".?!".contains($0) } ?? false ? "" : "."
        out += book ? "<em>\(e(title))</em>\(stop) " : "“\(e(title))\(stop)” "
        var venue: [String] = []
        switch w.type {
        case "article":
            var j = f["journal"].map { "<em>\(e($0))</em>" } ?? ""
            if let v = f["volume"] { j += " " + e(v) }
            if let n = f["number"] { j += " (\(e(n)))" }
            if let p = f["pages"] { j += (j.isEmpty ? "" : ": ") + e(p) }
            if !j.isEmpty { venue.append(j) }
        case "inproceedings", "incollection", "conference":
            if let b = f["booktitle"] { venue.append("In <em>\(e(b))</em>") }
            if let p = f["pages"] { venue.append(e(p)) }
            if let p = f["publisher"] { venue.append(e(p)) }
        case "phdthesis", "mastersthesis":
            venue.append(w.type == "phdthesis" ? "PhD thesis" : "Master’s thesis")
            if let s = f["school"] { venue.append(e(s)) }
        default:
            for name in ["howpublished", "publisher", "institution", "organization", "note"] { if let v = f[name] { venue.append(e(v)) } }
        }
        if !venue.isEmpty { out += venue.joined(separator: ", ") + ". " }
        if let doi = w.raw["doi"]?.trimmingCharacters(in: .whitespacesAndNewlines), !doi.isEmpty {
            let url = "https://doi.org/" + doi
            out += "<a href=\"\(e(HTML.encodeURL(url)))\">doi:\(e(doi))</a>. "
        } else if let url = w.raw["url"]?.trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty, !HTML.safeURL(url).isEmpty {
            out += "<a href=\"\(e(HTML.encodeURL(HTML.safeURL(url))))\">\(e(url))</a>. "
        }
        return String(out.dropLast())
    }
}
