import Foundation

/// Escaping for text and attribute values: pages escape everything they
/// did not generate themselves.
enum HTML {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Reserved by the page for references to other lessons (ReferenceHTML.marker).
            case "\u{E010}": out += "&#xE010;"
            case "\u{E011}": out += "&#xE011;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A page's file name as a relative link: percent-encoded, so a space,
    /// `#`, `?` or `%` stays part of the name and a `:` cannot read as a
    /// scheme; then escaped for the attribute.
    static func href(_ fileName: String) -> String {
        escape(fileName.addingPercentEncoding(withAllowedCharacters: fileNameAllowed) ?? fileName)
    }

    private static let fileNameAllowed = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=@")

    /// A link or image destination percent-encoded as cmark-gfm encodes it:
    /// every byte outside ASCII letters, digits and `-_.~!#$%&'()*+,/:;=?@`
    /// becomes `%XX` (an existing `%XX` is kept, so nothing is encoded twice).
    /// A backslash, space or `[` cannot then change where the link goes.
    static func encodeURL(_ url: String) -> String {
        var out = ""
        for byte in url.utf8 {
            let c = Unicode.Scalar(byte)
            if byte < 0x80, c.properties.isAlphabetic || ("0"..."9").contains(c) || urlSafe.contains(c) {
                out.unicodeScalars.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    private static let urlSafe = Set("-_.~!#$%&'()*+,/:;=?@".unicodeScalars)

    /// A slug for heading anchors: lower-case letters, digits and dashes.
    static func slug(_ s: String) -> String {
        var out = ""
        var dash = false
        for c in s.lowercased().unicodeScalars {
            if c.properties.isAlphabetic || ("0"..."9").contains(c) {
                out.unicodeScalars.append(c)
                dash = false
            } else if !dash, !out.isEmpty {
                out += "-"
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "section" : out
    }

    /// URL schemes that can run code are dropped, as cmark's safe mode does.
    /// The scheme is read the way browsers read it: tabs and newlines
    /// anywhere are ignored and so are leading controls and spaces, so
    /// `java&#09;script:` (which cmark decodes to a tab) is caught too.
    static func safeURL(_ url: String) -> String {
        var scalars = url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }[...]
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        let lower = String(String.UnicodeScalarView(scalars)).lowercased()
        for bad in ["javascript:", "vbscript:", "file:"] where lower.hasPrefix(bad) { return "" }
        if lower.hasPrefix("data:"),
           !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: lower.hasPrefix) {
            return ""
        }
        return url
    }

    /// GFM's tagfilter: even raw HTML allowed with --unsafe cannot open
    /// these tags, which would swallow or script the rest of the page.
    static func tagFilter(_ html: String) -> String {
        let banned = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]
        var out = html
        for tag in banned {
            for prefix in ["<" + tag, "</" + tag] {
                var searchFrom = out.startIndex
                while let r = out.range(of: prefix, options: [.caseInsensitive], range: searchFrom..<out.endIndex) {
                    let next = r.upperBound < out.endIndex ? out[r.upperBound] : ">"
                    if next == ">" || next == " " || next == "/" || next == "\t" || next == "\n" {
                        out.replaceSubrange(r.lowerBound..<out.index(after: r.lowerBound), with: "&lt;")
                        searchFrom = out.index(r.lowerBound, offsetBy: 4)
                    } else {
                        searchFrom = r.upperBound
                    }
                }
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
