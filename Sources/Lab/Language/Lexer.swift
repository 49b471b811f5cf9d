/// Turns a snippet of experiment code into tokens, collecting every lexical
/// error instead of stopping at the first.
///
/// Newlines end statements except inside `()`, `[]` and `{}`. After `~` or
/// `!~` the rest of the line is one `claimText` token: documented numbers
/// such as `93MB ± 5%` have their own grammar (see `Claim`).
public struct Lexer {
    private let scalars: [Unicode.Scalar]
    private let origin: SourceOrigin
    private var index = 0
    private var line = 0
    private var lineStart = 0
    private var depth: [(Character, SourceLocation)] = []
    public private(set) var tokens: [Token] = []
    public private(set) var diagnostics: [Diagnostic] = []

    /// Brackets nest at most this deep; the parser would refuse deeper
    /// expressions anyway, and the lexer stops the count from growing without bound.
    static let maxDepth = 100
    /// The start of the error that ends tokenizing early.
    static let tooDeep = "brackets nested too deeply"

    public init(_ source: String, origin: SourceOrigin) {
        self.scalars = Array(source.unicodeScalars)
        self.origin = origin
    }

    /// Lexes a snippet; `keepComments` is for syntax highlighting.
    public static func tokenize(_ source: String, origin: SourceOrigin,
                                keepComments: Bool = false) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source, origin: origin)
        lexer.run(keepComments: keepComments)
        return (lexer.tokens, lexer.diagnostics)
    }

    mutating func run(keepComments: Bool) {
        while index < scalars.count {
            let c = scalars[index]
            let start = index
            switch c {
            case " ", "\t", "\r":
                index += 1
            case "\n":
                index += 1
                if depth.isEmpty { add(.newline, from: start) }
                line += 1
                lineStart = index
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                if keepComments { add(.comment, from: start) }
            case "0"..."9":
                number()
            case ".":
                if index + 1 < scalars.count, isDigit(scalars[index + 1]) { number() } else { symbol(.dot) }
            case "\"":
                string()
            case "a"..."z", "A"..."Z", "_":
                while index < scalars.count, isNameChar(scalars[index]) { index += 1 }
                let text = String(String.UnicodeScalarView(scalars[start..<index]))
                add(Keyword(rawValue: text).map { .keyword($0) } ?? .name(text), from: start)
            default:
                operatorOrError(c)
            }
        }
        if let (open, at) = depth.last {
            diagnostics.append(Diagnostic(file: origin.file, location: at,
                                          message: "'\(open)' is never closed"))
        }
        add(.newline, from: index)
        add(.end, from: index)
    }

    private mutating func operatorOrError(_ c: Unicode.Scalar) {
        let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
        switch (c, next) {
        case ("=", "="): symbol(.equalEqual, length: 2)
        case ("=", ">"): symbol(.arrow, length: 2)
        case ("!", "="): symbol(.bangEqual, length: 2)
        case ("<", "="): symbol(.lessEqual, length: 2)
        case (">", "="): symbol(.greaterEqual, length: 2)
        case ("!", "~"): symbol(.bangTilde, length: 2); claimText()
        case ("~", _): symbol(.tilde); claimText()
        case ("(", _), ("[", _), ("{", _):
            let loc = here(index)
            symbol(Symbol(rawValue: String(c))!)
            if depth.count >= Lexer.maxDepth {
                diagnostics.append(Diagnostic(file: origin.file, location: loc,
                    message: "\(Lexer.tooDeep) (more than \(Lexer.maxDepth) levels)"))
                index = scalars.count
                depth.removeAll()
                return
            }
            depth.append((Character(c), loc))
        case (")", _), ("]", _), ("}", _):
            let want: Character = c == ")" ? "(" : c == "]" ? "[" : "{"
            if let (open, _) = depth.last, open == want {
                depth.removeLast()
            } else if let (open, _) = depth.last {
                diagnostics.append(Diagnostic(file: origin.file, location: here(index),
                    message: "'\(c)' does not match the open '\(open)'"))
                depth.removeLast()
            } else {
                diagnostics.append(Diagnostic(file: origin.file, location: here(index),
                    message: "'\(c)' has no matching opening bracket"))
            }
            symbol(Symbol(rawValue: String(c))!)
        default:
            if let s = Symbol(rawValue: String(c)) {
                symbol(s)
            } else {
                let shown = c.properties.isWhitespace || c.value < 32 || c.value == 0x7f
                    ? "U+" + String(c.value, radix: 16, uppercase: true) : String(c)
                var message = "unexpected character '\(shown)'"
                if c == "±" { message += "; a tolerance goes after '~' in a claim" }
                if c == "'" { message += "; strings use double quotes" }
                diagnostics.append(Diagnostic(file: origin.file, location: here(index), message: message))
                index += 1
            }
        }
    }

    private mutating func number() {
        let start = index
        while index < scalars.count, isDigit(scalars[index]) { index += 1 }
        if index < scalars.count, scalars[index] == "." {
            index += 1
            while index < scalars.count, isDigit(scalars[index]) { index += 1 }
        }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            var j = index + 1
            if j < scalars.count, scalars[j] == "-" || scalars[j] == "+" { j += 1 }
            if j < scalars.count, isDigit(scalars[j]) {
                index = j
                while index < scalars.count, isDigit(scalars[index]) { index += 1 }
            } else {
                diagnostics.append(Diagnostic(file: origin.file, location: here(start),
                    message: "malformed number: expected digits after the exponent"))
            }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        add(.number(Double(text) ?? .nan), from: start)
    }

    private mutating func string() {
        let start = index
        index += 1
        var value = ""
        while index < scalars.count, scalars[index] != "\"", scalars[index] != "\n" {
            if scalars[index] == "\\", index + 1 < scalars.count {
                switch scalars[index + 1] {
                case "n": value += "\n"
                case "t": value += "\t"
                case "\"": value += "\""
                case "\\": value += "\\"
                default:
                    diagnostics.append(Diagnostic(file: origin.file, location: here(index),
                        message: "unknown escape '\\\(scalars[index + 1])'; use \\\", \\\\, \\n or \\t"))
                }
                index += 2
            } else {
                value.unicodeScalars.append(scalars[index])
                index += 1
            }
        }
        if index < scalars.count, scalars[index] == "\"" {
            index += 1
        } else {
            diagnostics.append(Diagnostic(file: origin.file, location: here(start),
                message: "unterminated string: expected a closing '\"' before the end of the line"))
        }
        add(.string(value), from: start)
    }

    /// The rest of the line after `~`/`!~`, minus a trailing comment.
    private mutating func claimText() {
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        let start = index
        while index < scalars.count, scalars[index] != "\n", scalars[index] != "#" { index += 1 }
        var end = index
        while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" || scalars[end - 1] == "\r" { end -= 1 }
        let text = String(String.UnicodeScalarView(scalars[start..<end]))
        tokens.append(Token(kind: .claimText(text), lexeme: text, range: start..<end, location: here(start)))
    }

    private mutating func symbol(_ s: Symbol, length: Int = 1) {
        let start = index
        index += length
        add(.symbol(s), from: start)
    }

    private mutating func add(_ kind: TokenKind, from start: Int) {
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        tokens.append(Token(kind: kind, lexeme: text, range: start..<index, location: here(start)))
    }

    private func here(_ offset: Int) -> SourceLocation {
        // Offsets before lineStart only happen for the final synthetic tokens.
        origin.location(line: line, column: max(0, offset - lineStart))
    }

    private func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    private func isNameChar(_ c: Unicode.Scalar) -> Bool {
        isDigit(c) || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }
}
