import Lab

/// The attributes after `experiment` in a fence's info string:
/// `id`, `echo`, `output`, `timeout` (LESSON-FORMAT.md section 2), and
/// format 1.1's `echo=fold` and `solution` (section 9.3).
public struct FenceAttributes: Sendable, Equatable {
    public var id: String?
    public var echo = true
    /// `echo=fold`: the source is shown, collapsed (`echo` stays true).
    public var fold = false
    /// `solution=true`: shown collapsed under "Solution"; its names are private.
    public var solution = false
    public var output = true
    public var timeout: Double = 600

    static let keys = ["id", "echo", "output", "timeout", "solution"]

    /// Whether a fence's info string marks an experiment block.
    static func isExperiment(_ info: String) -> Bool {
        info == "experiment" || info.hasPrefix("experiment ") || info.hasPrefix("experiment\t")
    }

    /// Parses `key=value` pairs (values may be double-quoted). `column` is
    /// the file column of the info string's first character.
    static func parse(_ info: String, file: String, line: Int, column: Int) throws -> FenceAttributes {
        var attributes = FenceAttributes()
        let s = Array(info.unicodeScalars)
        var i = "experiment".unicodeScalars.count
        var seen = Set<String>()
        func fail(_ at: Int, _ message: String) -> Diagnostic {
            Diagnostic(file: file, location: SourceLocation(line: line, column: column + at), message: message)
        }
        while i < s.count {
            while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
            guard i < s.count else { break }
            let keyStart = i
            while i < s.count, s[i] != "=", s[i] != " ", s[i] != "\t" { i += 1 }
            let key = String(String.UnicodeScalarView(s[keyStart..<i]))
            guard i < s.count, s[i] == "=" else {
                throw fail(keyStart, "expected key=value in the experiment block's attributes, found '\(key)'")
            }
            i += 1
            var value = ""
            if i < s.count, s[i] == "\"" {
                let quote = i
                i += 1
                while i < s.count, s[i] != "\"" { value.unicodeScalars.append(s[i]); i += 1 }
                guard i < s.count else { throw fail(quote, "unterminated quoted value for '\(key)': expected a closing '\"'") }
                i += 1
            } else {
                while i < s.count, s[i] != " ", s[i] != "\t" { value.unicodeScalars.append(s[i]); i += 1 }
            }
            guard keys.contains(key) else {
                var message = "unknown attribute '\(key)'; an experiment block takes id, echo, output, timeout and solution"
                if let near = Suggest.closest(to: key, among: keys) { message = "unknown attribute '\(key)'; did you mean '\(near)'?" }
                throw fail(keyStart, message)
            }
            guard seen.insert(key).inserted else { throw fail(keyStart, "attribute '\(key)' is given twice") }
            let valueAt = keyStart + key.unicodeScalars.count + 1
            switch key {
            case "id":
                guard !value.isEmpty, value.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || $0 == "-" }) else {
                    throw fail(valueAt, "an id may contain only letters, digits and '-', got '\(value)'")
                }
                attributes.id = value
            case "echo" where value == "fold":
                attributes.fold = true
            case "echo":
                guard value == "true" || value == "false" else { throw fail(valueAt, "'echo' must be true or false, or fold, got '\(value)'") }
                attributes.echo = value == "true"
            case "output", "solution":
                guard value == "true" || value == "false" else { throw fail(valueAt, "'\(key)' must be true or false, got '\(value)'") }
                if key == "output" { attributes.output = value == "true" } else { attributes.solution = value == "true" }
            default:
                guard let t = Double(value), t > 0, t.isFinite else {
                    throw fail(valueAt, "'timeout' must be a positive number of seconds, got '\(value)'")
                }
                attributes.timeout = t
            }
        }
        return attributes
    }
}
