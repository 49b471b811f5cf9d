/// The experiment language's tokens. Lab's own lexer also drives the
/// syntax highlighting of block sources on the page, so a token keeps its
/// exact lexeme and its place in the snippet.
public enum TokenKind: Sendable, Hashable {
    case number(Double)
    case string(String)
    case name(String)
    case keyword(Keyword)
    case symbol(Symbol)
    /// The raw text after `~` or `!~`: a documented number with its own
    /// small grammar (multipliers, units, `±`), kept whole for the claim parser.
    case claimText(String)
    case comment
    case newline
    case end
}

public enum Keyword: String, Sendable, CaseIterable {
    case and, or, not, `true`, `false`, none, `for`, `in`, `if`, `else`, fn, expect
}

public enum Symbol: String, Sendable, CaseIterable {
    case plus = "+", minus = "-", star = "*", slash = "/", at = "@", percent = "%", caret = "^"
    case equal = "=", equalEqual = "==", bangEqual = "!=", less = "<", lessEqual = "<="
    case greater = ">", greaterEqual = ">=", tilde = "~", bangTilde = "!~"
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}", comma = ",", colon = ":", dot = ".", arrow = "=>"
}

public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    /// The exact characters of the token in the snippet.
    public var lexeme: String
    /// Scalar offsets of the token in the snippet.
    public var range: Range<Int>
    public var location: SourceLocation

    public func isSymbol(_ s: Symbol) -> Bool { kind == .symbol(s) }
    func isKeyword(_ k: Keyword) -> Bool { kind == .keyword(k) }

    /// How the token reads in an error message: `')'`, `end of line`.
    public var quoted: String {
        switch kind {
        case .newline: return "end of line"
        case .end: return "end of input"
        case .claimText: return "'\(lexeme)'"
        default: return "'\(lexeme)'"
        }
    }
}
