import Foundation

/// The errata of a lesson in one box at its top (issue 16, item 4): every
/// documented number the lesson corrects (`!~`), quoted in the paragraph
/// that corrects it, which is where the lesson says why, with a link to
/// its section. A reader who skims still learns which published numbers
/// do not hold.
struct ErrataBox {
    private var items: [String] = []
    private var count = 0

    /// A rendered paragraph holding one or more corrected numbers.
    mutating func add(paragraph html: String, section: (id: String, html: String)?) {
        var quote = html.trimmingCharacters(in: .whitespacesAndNewlines)
        if quote.hasPrefix("<p>") { quote.removeFirst(3) }
        if quote.hasSuffix("</p>") { quote.removeLast(4) }
        // The quote is a copy: no ids to repeat, no focus stops, no popovers.
        for pattern in ["<span class=\"tip\">[^<]*</span>", " id=\"[^\"]*\"", " tabindex=\"0\"",
                        "<span class=\"mark\" aria-hidden=\"true\">[^<]*</span>"] {
            quote = quote.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        // Quoted numbers are not claims of the page (nothing to focus, no tally, no tip to find).
        quote = quote.replacingOccurrences(of: "class=\"claim ", with: "class=\"quoted ")
        let corrected = html.components(separatedBy: "class=\"claim erratum\"").count - 1
        count += corrected
        let first = count - corrected + 1
        var item = "<li>"
        if let section {
            item += "<a href=\"#\(section.id)\">\(Self.plainTitle(section.html))</a>: "
        }
        item += "<q>\(quote)</q> <a class=\"erratum-link\" href=\"#erratum-\(first)\" aria-label=\"to the correction in the text\">↓</a></li>"
        items.append(item)
    }

    /// A section title's HTML without its anchor link.
    static func plainTitle(_ html: String) -> String {
        html.replacingOccurrences(of: "<a class=\"anchor\"[^>]*>#</a>", with: "", options: .regularExpression)
    }

    var html: String? {
        guard !items.isEmpty else { return nil }
        let numbers = count == 1 ? "one number" : "\(count) numbers"
        return "<aside class=\"errata\" aria-label=\"Errata\"><p class=\"errata-title\">Errata</p>"
            + "<p>This lesson corrects \(numbers) from its sources: each is struck through where it stands, "
            + "with the computed value beside it.</p>\n<ul>\n" + items.joined(separator: "\n") + "\n</ul></aside>\n"
    }

    /// The article with the box after its title (or first, without one).
    func placed(in article: String) -> String {
        guard let box = html else { return article }
        if article.hasPrefix("<h1"), let end = article.range(of: "</h1>\n") {
            var out = article
            out.insert(contentsOf: box, at: end.upperBound)
            return out
        }
        return box + article
    }

    static let css = """

    aside.errata{margin:1rem 0 1.5rem;padding:.6rem 1rem;border-left:4px solid var(--warn);border-radius:4px;background:var(--warn-bg);font:14.5px/1.5 system-ui,sans-serif}
    aside.errata .errata-title{margin:.1rem 0;font-weight:700;color:var(--warn)}aside.errata p{margin:.3rem 0}
    aside.errata ul{margin:.3rem 0;padding-left:1.2rem}aside.errata li{margin:.3rem 0}
    aside.errata q{quotes:"“" "”"}aside.errata del{color:var(--bad)}aside.errata ins{text-decoration:none;color:var(--ok);font-weight:600}
    aside.errata .quoted{font-variant-numeric:tabular-nums}aside.errata .erratum-link{text-decoration:none}

    """
}
