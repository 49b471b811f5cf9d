import Foundation

/// A cited work, from its BibTeX entry: authors split into names, fields as
/// plain text, and the two ways a page shows it, the short author-year form
/// of a citation (`Zeiler and Fergus`, `Simonyan et al.`, `2014`) and the
/// entry of the References list.
struct Work: Sendable, Equatable {
    struct Name: Sendable, Equatable {
        /// Given names as written ("Matthew D."), empty for a single or corporate name.
        var first: String
        /// The family name with its particles ("van der Maaten").
        var last: String
        var full: String { first.isEmpty ? last : first + " " + last }
        var inverted: String { first.isEmpty ? last : last + ", " + first }
    }

    var key: String
    var type: String
    var authors: [Name]
    /// "and others" at the end of the list: always "et al.".
    var andOthers: Bool
    var year: String
    var fields: [String: String]
    /// The fields as written: `url` and `doi` are not TeX.
    var raw: [String: String]

    init(_ entry: BibTeX.Entry) {
        key = entry.key
        type = entry.type
        raw = entry.fields
        fields = entry.fields.mapValues { TeXText.plain($0) }
        var names = Work.names(entry.fields["author"] ?? entry.fields["editor"] ?? "")
        andOthers = names.last.map { $0.last == "others" && $0.first.isEmpty } ?? false
        if andOthers { names.removeLast() }
        authors = names
        let date = fields["year"] ?? fields["date"].map { String($0.prefix(4)) }
        year = date.flatMap { $0.isEmpty ? nil : $0 } ?? "n.d."
    }

    /// Who a citation names: one family name, two joined by "and", or the
    /// first and "et al." for three or more.
    var shortAuthors: String {
        switch authors.count {
        case 0: return fields["title"].map { "“\($0)”" } ?? key
        case 1 where !andOthers: return authors[0].last
        case 2 where !andOthers: return authors[0].last + " and " + authors[1].last
        default: return authors[0].last + " et al."
        }
    }

    /// BibTeX's name list: names split at a top-level "and"; each is
    /// "Last, First", "Last, Jr, First" or "First von Last" (the particles
    /// are the lower-case words before the last), or a braced name kept whole.
    static func names(_ tex: String) -> [Name] {
        split(tex, separator: "and").map(name).filter { !$0.last.isEmpty }
    }

    private static func name(_ tex: String) -> Name {
        let parts = split(tex, separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count >= 2 {
            let first = parts.count == 3 ? parts[2] : parts[1]
            let last = parts.count == 3 ? parts[0] + ", " + parts[1] : parts[0]
            return Name(first: TeXText.plain(first), last: TeXText.plain(last))
        }
        let words = split(tex, separator: nil)
        guard words.count > 1 else { return Name(first: "", last: TeXText.plain(tex)) }
        // "Laurens van der Maaten": the family name starts at the first lower-case word before the last.
        var start = words.count - 1
        if let particle = words.dropLast().firstIndex(where: { w in w.unicodeScalars.first.map { $0.properties.isLowercase } ?? false }),
           particle > 0 {
            start = particle
        }
        return Name(first: TeXText.plain(words[..<start].joined(separator: " ")),
                    last: TeXText.plain(words[start...].joined(separator: " ")))
    }

    /// Splits at top-level (brace depth 0) occurrences of a word surrounded
    /// by whitespace (`and`, case-insensitive), of a comma, or, with `nil`,
    /// at whitespace.
    static func split(_ text: String, separator: String?) -> [String] {
        var pieces: [String] = []
        var current = ""
        var depth = 0
        var words: [String] = []  // for the word separator: the current piece's words
        func flushWord() {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        for c in text {
            if c == "{" { depth += 1 } else if c == "}" { depth = max(0, depth - 1) }
            if separator == ",", c == ",", depth == 0 {
                pieces.append(current)
                current = ""
                continue
            }
            if separator != ",", depth == 0, c.isWhitespace {
                flushWord()
                continue
            }
            current.append(c)
        }
        if separator == "," {
            pieces.append(current)
            return pieces
        }
        flushWord()
        guard let word = separator else { return words }
        var group: [String] = []
        for w in words {
            if w.lowercased() == word {
                pieces.append(group.joined(separator: " "))
                group = []
            } else {
                group.append(w)
            }
        }
        pieces.append(group.joined(separator: " "))
        return pieces.filter { !$0.isEmpty }
    }
}
