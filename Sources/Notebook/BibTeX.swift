import Lab

/// A BibTeX database read into entries (format 1.1, section 9.2). The
/// grammar is BibTeX's own: text outside an entry is a comment (and so is a
/// `%` line, as biber reads it); an entry is `@type{key, name = value, ...}`
/// or `@type(key, ...)`; a value is `{...}` with balanced braces, `"..."`,
/// a number or a `@string` macro, joined by `#`. `@comment` and
/// `@preamble` are skipped. Values keep their TeX; `TeXText` turns it into
/// text. Errors name the file's line and column and stop the parse: a
/// bibliography is either read whole or not used.
struct BibTeX {
    struct Entry: Sendable, Equatable {
        var type: String
        var key: String
        /// Field names in lower case, values as written (TeX, outer braces or quotes removed).
        var fields: [String: String]
        var line: Int
    }

    /// A bibliography file's size beyond which it is refused (a real one is a few hundred KiB).
    static let maxBytes = 16 << 20

    private let s: [Unicode.Scalar]
    private let file: String
    private var i = 0
    private var line = 1
    private var lineStart = 0
    private var macros: [String: String] = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]

    /// The entries of `text` in file order; a key defined twice is an error at the second.
    static func parse(_ text: String, file: String) throws(Diagnostic) -> [Entry] {
        var parser = BibTeX(s: Array(text.unicodeScalars), file: file)
        return try parser.entries()
    }

    private init(s: [Unicode.Scalar], file: String) {
        self.s = s
        self.file = file
    }

    private var here: SourceLocation { SourceLocation(line: line, column: i - lineStart + 1) }

    private func fail(_ message: String, at: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(file: file, location: at ?? here, message: "bibliography: " + message)
    }

    private mutating func advance() {
        if s[i] == "\n" { line += 1; lineStart = i + 1 }
        i += 1
    }

    private mutating func skipSpace() {
        while i < s.count {
            if s[i] == " " || s[i] == "\t" || s[i] == "\n" || s[i] == "\r" {
                advance()
            } else if s[i] == "%" {
                while i < s.count, s[i] != "\n" { i += 1 }
            } else {
                return
            }
        }
    }

    private mutating func entries() throws(Diagnostic) -> [Entry] {
        var out: [Entry] = []
        var seen: [String: Int] = [:]
        while i < s.count {
            // Outside entries everything but `@` is a comment; `%` comments a line.
            if s[i] == "%" { while i < s.count, s[i] != "\n" { i += 1 }; continue }
            guard s[i] == "@" else { advance(); continue }
            let at = here
            advance()
            skipSpace()
            let type = identifier().lowercased()
            guard !type.isEmpty else { throw fail("expected an entry type after '@' (such as @article)") }
            skipSpace()
            if type == "comment" {
                // `@comment{...}` is skipped whole; a bare `@comment` comments its line.
                if i < s.count, s[i] == "{" || s[i] == "(" { _ = try delimited() }
                continue
            }
            guard i < s.count, s[i] == "{" || s[i] == "(" else {
                throw fail("expected '{' or '(' after @\(type)")
            }
            let close: Unicode.Scalar = s[i] == "{" ? "}" : ")"
            advance()
            skipSpace()
            switch type {
            case "preamble":
                _ = try value(close: close)
                try expect(close, "to close @preamble")
            case "string":
                let name = identifier().lowercased()
                guard !name.isEmpty else { throw fail("expected a macro name in @string") }
                skipSpace()
                try expect("=", "after the macro name '\(name)'")
                macros[name] = try value(close: close)
                skipSpace()
                try expect(close, "to close @string")
            default:
                var entry = try body(type: type, close: close)
                entry.line = at.line
                if let first = seen[entry.key] {
                    throw fail("the key '\(entry.key)' is defined twice (first at line \(first))", at: at)
                }
                seen[entry.key] = at.line
                out.append(entry)
            }
        }
        return out
    }

    /// `key, name = value, ...` up to the closing delimiter (a trailing comma is fine).
    private mutating func body(type: String, close: Unicode.Scalar) throws(Diagnostic) -> Entry {
        let keyStart = i
        while i < s.count, s[i] != ",", s[i] != close, s[i] != "\n", s[i] != " ", s[i] != "\t" { i += 1 }
        let key = String(String.UnicodeScalarView(s[keyStart..<i]))
        guard !key.isEmpty else { throw fail("expected the entry's key after @\(type){") }
        var fields: [String: String] = [:]
        while true {
            skipSpace()
            guard i < s.count else { throw fail("the entry '\(key)' is not closed; expected '\(close)'") }
            if s[i] == close { advance(); break }
            try expect(",", "between the fields of '\(key)'")
            skipSpace()
            if i < s.count, s[i] == close { advance(); break }
            let nameAt = here
            let name = identifier().lowercased()
            guard !name.isEmpty else { throw fail("expected a field name (such as title) in '\(key)'") }
            skipSpace()
            try expect("=", "after the field name '\(name)'")
            if fields[name] != nil { throw fail("the field '\(name)' appears twice in '\(key)'", at: nameAt) }
            fields[name] = try value(close: close)
        }
        return Entry(type: type, key: key, fields: fields, line: 0)
    }

    private mutating func expect(_ c: Unicode.Scalar, _ context: String) throws(Diagnostic) {
        skipSpace()
        guard i < s.count else { throw fail("expected '\(c)' \(context), found the end of the file") }
        guard s[i] == c else { throw fail("expected '\(c)' \(context), found '\(s[i])'") }
        advance()
    }

    /// Letters, digits and the punctuation BibTeX allows in names.
    private mutating func identifier() -> String {
        let start = i
        while i < s.count, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || "_-:.+/'!?*&".unicodeScalars.contains(s[i]) {
            i += 1
        }
        return String(String.UnicodeScalarView(s[start..<i]))
    }

    /// A field's value: pieces joined by `#`.
    private mutating func value(close: Unicode.Scalar) throws(Diagnostic) -> String {
        var out = ""
        while true {
            skipSpace()
            guard i < s.count else { throw fail("expected a value, found the end of the file") }
            let at = here
            switch s[i] {
            case "{":
                out += try delimited()
            case "\"":
                out += try quoted()
            case let c where ("0"..."9").contains(c):
                out += identifier()
            case let c where c.properties.isAlphabetic:
                let name = identifier().lowercased()
                guard let m = macros[name] else { throw fail("unknown @string macro '\(name)'; put a value in braces: {...}", at: at) }
                out += m
            default:
                throw fail("expected a value in braces {...} or quotes \"...\", found '\(s[i])'")
            }
            skipSpace()
            guard i < s.count, s[i] == "#" else { return out }
            advance()
        }
    }

    /// `{...}` with balanced braces; returns what is inside.
    private mutating func delimited() throws(Diagnostic) -> String {
        let open = here
        let opener = s[i]
        let closer: Unicode.Scalar = opener == "(" ? ")" : "}"
        advance()
        let start = i
        var depth = 0
        while i < s.count {
            let c = s[i]
            if c == "\\", i + 1 < s.count, s[i + 1] == "{" || s[i + 1] == "}" { i += 2; continue }
            if c == "{" {
                depth += 1
            } else if c == "}" && depth > 0 {
                depth -= 1
            } else if c == closer, depth == 0 {
                let inner = String(String.UnicodeScalarView(s[start..<i]))
                advance()
                return inner
            } else if c == "}" {
                throw fail("a '}' without its '{'")
            }
            advance()
        }
        throw fail("the '\(opener)' here is never closed", at: open)
    }

    /// `"..."`: braces inside must balance, and a `"` inside braces does not close.
    private mutating func quoted() throws(Diagnostic) -> String {
        let open = here
        advance()
        let start = i
        var depth = 0
        while i < s.count {
            let c = s[i]
            if c == "\\", i + 1 < s.count, s[i + 1] == "{" || s[i + 1] == "}" || s[i + 1] == "\"" { i += 2; continue }
            if c == "{" { depth += 1 } else if c == "}" {
                guard depth > 0 else { throw fail("a '}' without its '{' in a quoted value") }
                depth -= 1
            } else if c == "\"", depth == 0 {
                let inner = String(String.UnicodeScalarView(s[start..<i]))
                advance()
                return inner
            }
            advance()
        }
        throw fail("the quote here is never closed", at: open)
    }
}
