import Foundation

/// Makes two renderings of the same Markdown comparable, in the manner of
/// cmark's own test runner (`test/normalize.py`): whitespace runs outside
/// `<pre>` become one space, whitespace next to block tags goes, tags lose
/// their self-closing slash, attributes are sorted, and character
/// references are decoded (then `&`, `<`, `>`, `"` escaped again). URLs are
/// compared as written, so a difference in percent-encoding still shows.
///
/// On top of that it can drop the markup Lectern adds for its stylesheet
/// and anchors (`lecternMarkup`): the classes on `<pre>` and task items,
/// the wrapper around tables, and heading ids with their anchor links; and
/// it reads a table cell's `style="text-align:X"` (Lectern's, and cmark's
/// with `--table-prefer-style-attributes`) as the `align="X"` cmark writes
/// by default.
struct HTMLNormalizer {
    var lecternMarkup = false

    private enum Last { case startTag, endTag, other }

    static let blockTags: Set<String> = [
        "article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li", "map", "button",
        "object", "canvas", "ol", "caption", "output", "col", "p", "colgroup", "pre", "dd", "progress", "div",
        "section", "dl", "table", "td", "dt", "tbody", "embed", "textarea", "fieldset", "tfoot", "figcaption",
        "th", "figure", "thead", "footer", "tr", "form", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "video",
        "script", "style",
    ]
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    func normalize(_ html: String) -> String {
        var out = ""
        var last = Last.startTag, lastTag = ""
        var inPre = false
        var rest = Substring(html)
        // Tags dropped with their content (Lectern's heading anchors) and
        // wrappers dropped without it (the table's <div>), by nesting depth.
        var skipDepth = 0
        var wrappers: [Bool] = []

        func text(_ raw: Substring) {
            var data = decode(raw)
            let afterTag = last == .startTag || last == .endTag
            if afterTag, lastTag == "br" { data = String(data.drop { $0 == "\n" }) }
            if !inPre { data = collapse(data) }
            if afterTag, Self.blockTags.contains(lastTag), !inPre {
                if last == .startTag { data = String(data.drop(while: \.isWhitespace)) } else { data = trim(data) }
            }
            out += data
            last = .other
        }

        while let c = rest.first {
            if c != "<" {
                let end = rest.firstIndex(of: "<") ?? rest.endIndex
                if skipDepth == 0 { text(rest[..<end]) }
                rest = rest[end...]
                continue
            }
            if let special = Self.special(rest) {
                if skipDepth == 0 { out += special; last = .other }
                rest = rest.dropFirst(special.count)
                continue
            }
            guard let tag = Tag(rest) else {
                if skipDepth == 0 { text(rest.prefix(1)) }
                rest = rest.dropFirst()
                continue
            }
            rest = rest.dropFirst(tag.length)
            var attributes = tag.attributes
            if lecternMarkup {
                if skipDepth > 0 {
                    if tag.name == "a" { skipDepth += tag.closing ? -1 : 1 }
                    continue
                }
                if Self.headings.contains(tag.name) { attributes.removeAll { $0.0 == "id" } }
                if tag.name == "a", !tag.closing, attributes.contains(where: { $0 == ("class", "anchor") }) {
                    skipDepth = 1
                    continue
                }
                if tag.name == "th" || tag.name == "td" {
                    attributes = attributes.map { a in
                        a.0 == "style" && a.1.hasPrefix("text-align:")
                            ? ("align", String(a.1.dropFirst("text-align:".count)).trimmingCharacters(in: .whitespaces)) : a
                    }
                }
                if tag.name == "pre" || tag.name == "li" { attributes.removeAll { $0 == ("class", "code") || $0 == ("class", "task") } }
                if tag.name == "div" {
                    if tag.closing {
                        if wrappers.popLast() == true { continue }
                    } else {
                        let wrapper = attributes.contains { $0 == ("class", "table-wrap") }
                        wrappers.append(wrapper)
                        if wrapper { continue }
                    }
                }
            }
            if tag.closing {
                if tag.name == "pre" { inPre = false } else if Self.blockTags.contains(tag.name) { out = trimEnd(out) }
                out += "</\(tag.name)>"
                last = .endTag
            } else {
                if tag.name == "pre" { inPre = true }
                if Self.blockTags.contains(tag.name) { out = trimEnd(out) }
                out += "<" + tag.name
                for (k, v) in attributes.sorted(by: { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }) {
                    out += v.isEmpty ? " \(k)" : " \(k)=\"\(decode(Substring(v)))\""
                }
                out += ">"
                last = tag.selfClosing ? .endTag : .startTag
            }
            lastTag = tag.name
        }
        return out
    }

    /// Comments, CDATA, declarations and processing instructions, kept as written.
    private static func special(_ s: Substring) -> String? {
        for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", ">"), ("<!", ">")] where s.hasPrefix(open) {
            guard let end = s.dropFirst(open.count).range(of: close) else { return nil }
            return String(s[..<end.upperBound])
        }
        return nil
    }

    private struct Tag {
        var name: String
        var closing: Bool
        var selfClosing = false
        var attributes: [(String, String)] = []
        var length: Int

        /// A tag as HTML reads one: `<name attr="v" attr='v' attr=v attr>` or `</name>`.
        init?(_ s: Substring) {
            var cs = Array(s.prefix(4096))
            var i = 1
            closing = cs.count > 1 && cs[1] == "/"
            if closing { i = 2 }
            guard i < cs.count, cs[i].isASCII, cs[i].isLetter else { return nil }
            var n = ""
            while i < cs.count, cs[i].isLetter || cs[i].isNumber || cs[i] == "-" { n.append(cs[i]); i += 1 }
            name = n.lowercased()
            func spaces() { while i < cs.count, cs[i].isWhitespace { i += 1 } }
            while true {
                spaces()
                guard i < cs.count else { return nil }
                if cs[i] == ">" { i += 1; break }
                if cs[i] == "/", i + 1 < cs.count, cs[i + 1] == ">" { selfClosing = true; i += 2; break }
                var key = ""
                while i < cs.count, !cs[i].isWhitespace, !"=>/".contains(cs[i]) || (key.isEmpty && cs[i] == "=") {
                    key.append(cs[i]); i += 1
                }
                if key.isEmpty { i += 1; continue }
                spaces()
                var value = ""
                if i < cs.count, cs[i] == "=" {
                    i += 1
                    spaces()
                    if i < cs.count, cs[i] == "\"" || cs[i] == "'" {
                        let q = cs[i]
                        i += 1
                        while i < cs.count, cs[i] != q { value.append(cs[i]); i += 1 }
                        i += 1
                    } else {
                        while i < cs.count, !cs[i].isWhitespace, cs[i] != ">" { value.append(cs[i]); i += 1 }
                    }
                }
                attributes.append((key.lowercased(), value))
            }
            cs = []
            length = i
        }
    }

    private func collapse(_ s: String) -> String {
        var out = ""
        var space = false
        for c in s.unicodeScalars {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                if !space { out += " " }
                space = true
            } else {
                out.unicodeScalars.append(c)
                space = false
            }
        }
        return out
    }

    private func trim(_ s: String) -> String { trimEnd(String(s.drop(while: \.isWhitespace))) }

    private func trimEnd(_ s: String) -> String {
        var s = s
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }

    /// Numeric references and the five named ones HTML escaping produces;
    /// other named references stay as written on both sides alike.
    private func decode(_ s: Substring) -> String {
        guard s.contains("&") else { return escapeText(String(s)) }
        var out = ""
        var rest = s
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semi = rest.prefix(40).firstIndex(of: ";") else { out += "&"; rest = rest.dropFirst(); continue }
            let name = rest[rest.index(after: rest.startIndex)..<semi]
            var scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                out += escape(String(Character(scalar)))
                rest = rest[rest.index(after: semi)...]
            } else {
                out += "&"
                rest = rest.dropFirst()
            }
        }
        return escapeText(out + rest)
    }

    /// Text that still holds `<`, `>` or `"` unescaped is escaped; `&` that
    /// starts no reference is escaped too.
    private func escapeText(_ s: String) -> String {
        s.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    private func escape(_ s: String) -> String {
        switch s {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\"": return "&quot;"
        default: return s
        }
    }
}
