import Lab
import Yams

/// The optional YAML between two `---` lines at the top of a lesson:
/// `title`, `seed`, `description`. Unknown keys are errors (a typo like
/// `seeed` would otherwise silently change every random number).
public struct FrontMatter: Sendable, Equatable {
    public var title: String?
    public var seed: UInt64 = 0
    public var description: String?
    /// `bibliography: FILE.bib` (format 1.1, section 9.2), relative to the
    /// lesson, and where the key stands for errors about the file.
    public var bibliography: String?
    public var bibliographyLine = 1

    static let keys = ["title", "seed", "description", "bibliography"]

    /// Returns the front matter and the index of the first body line.
    static func extract(lines: [String], file: String) throws -> (FrontMatter, Int) {
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            return (FrontMatter(), 0)
        }
        guard let end = lines.dropFirst().firstIndex(where: {
            let t = $0.trimmingCharacters(in: .whitespaces)
            return t == "---" || t == "..."
        }) else {
            throw Diagnostic(file: file, location: SourceLocation(line: 1, column: 1),
                             message: "front matter starts with '---' but never ends; add a closing '---' line")
        }
        if let (line, column) = deepNesting(lines[1..<end]) {
            throw Diagnostic(file: file, location: SourceLocation(line: line, column: column),
                             message: "front matter may nest at most \(maxNesting) levels; it needs none (title, seed and description are single values)")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        var fm = FrontMatter()
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch let e as YamlError {
            throw Diagnostic(file: file, location: yamlLocation(e, base: 2), message: "front matter is not valid YAML: \(yamlMessage(e))")
        }
        guard let root = node else { return (fm, end + 1) }
        guard let mapping = root.mapping else {
            throw Diagnostic(file: file, location: SourceLocation(line: 2, column: 1),
                             message: "front matter must be a set of 'key: value' lines")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "\(keyNode)"
            let at = SourceLocation(line: (keyNode.mark?.line ?? 1) + 1, column: keyNode.mark?.column ?? 1)
            switch key {
            case "title":
                guard let s = value.string, value.scalar != nil else { throw typeError(file, at, key, "a string") }
                fm.title = s
            case "description":
                guard let s = value.string, value.scalar != nil else { throw typeError(file, at, key, "a string") }
                fm.description = s
            case "bibliography":
                guard let s = value.string, value.scalar != nil, !s.isEmpty else { throw typeError(file, at, key, "a file name (such as references.bib)") }
                fm.bibliography = s
                fm.bibliographyLine = at.line
            case "seed":
                guard let i = value.int, i >= 0 else { throw typeError(file, at, key, "a non-negative integer") }
                fm.seed = UInt64(i)
            default:
                var message = "unknown front matter key '\(key)'; Lectern knows title, seed, description and bibliography"
                if let s = Suggest.closest(to: key, among: keys) {
                    message = "unknown front matter key '\(key)'; did you mean '\(s)'?"
                }
                throw Diagnostic(file: file, location: at, message: message)
            }
        }
        return (fm, end + 1)
    }

    /// Yams builds its tree recursively, so deep YAML would exhaust the
    /// stack before any key is checked.
    static let maxNesting = 64

    /// Where the YAML may first nest deeper than `maxNesting` (file line and
    /// column). A level needs more indentation, a flow bracket, or a `-`,
    /// `?` or `:` indicator, so their sum bounds the depth from above.
    static func deepNesting(_ lines: ArraySlice<String>) -> (line: Int, column: Int)? {
        var flow = 0
        for (n, line) in zip(lines.indices, lines) {
            let s = Array(line.unicodeScalars)
            var depth = s.prefix { $0 == " " || $0 == "\t" }.count
            var quote: Unicode.Scalar?
            var previous: Unicode.Scalar?  // the last character that is not a space
            var i = 0
            scan: while i < s.count {
                let c = s[i]
                if let q = quote {
                    if q == "\"", c == "\\" { i += 1 } else if c == q { quote = nil; previous = c }
                    i += 1
                    continue
                }
                // Quotes and brackets open something only where a value starts;
                // inside a plain value (`don't`, `a[1]`) they are text.
                let atTokenStart = previous.map { "[{,:-?".unicodeScalars.contains($0) } ?? true
                let spaceBefore = i == 0 || s[i - 1] == " " || s[i - 1] == "\t"
                let spaceAfter = i + 1 == s.count || s[i + 1] == " " || s[i + 1] == "\t"
                var indicator = true
                if c == "#", spaceBefore {
                    break scan
                } else if c == "\"" || c == "'", atTokenStart {
                    quote = c
                } else if c == "[" || c == "{", atTokenStart {
                    flow += 1
                } else if c == "]" || c == "}" {
                    flow = max(0, flow - 1)
                } else if c == "-" || c == "?" || c == ":", spaceAfter {
                    depth += 1
                } else if c != "," {
                    indicator = false
                }
                if depth + flow > maxNesting { return (n + 1, i + 1) }
                if c != " " && c != "\t" { previous = indicator ? c : "a" }
                i += 1
            }
        }
        return nil
    }

    static func typeError(_ file: String, _ at: SourceLocation, _ key: String, _ what: String) -> Diagnostic {
        Diagnostic(file: file, location: at, message: "front matter '\(key)' must be \(what)")
    }

    static func yamlLocation(_ e: YamlError, base: Int) -> SourceLocation {
        switch e {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _):
            return SourceLocation(line: mark.line + base - 1, column: mark.column)
        default: return SourceLocation(line: base, column: 1)
        }
    }

    static func yamlMessage(_ e: YamlError) -> String {
        switch e {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _): return problem
        default: return "\(e)"
        }
    }
}
