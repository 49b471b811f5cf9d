import Lab

/// Syntax highlighting of block sources from Lab's own lexer, so the page
/// colours exactly what the language understands.
enum Highlighter {
    static func html(_ source: String, builtins: Set<String>) -> String {
        let (tokens, _) = Lexer.tokenize(source, origin: SourceOrigin(file: ""), keepComments: true)
        let scalars = Array(source.unicodeScalars)
        var out = ""
        var position = 0
        // Parentheses open on this line: a name before `=` inside them is a
        // keyword argument. Counted as the tokens go by, so a block of
        // thousands of lines costs one pass, not one pass a line.
        var depth = 0
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        for (i, t) in tokens.enumerated() {
            defer {
                if t.isSymbol(.leftParen) { depth += 1 }
                if t.isSymbol(.rightParen) { depth -= 1 }
                if t.kind == .newline { depth = 0 }
            }
            guard t.range.lowerBound >= position, t.range.upperBound <= scalars.count else { continue }
            out += HTML.escape(text(position..<t.range.lowerBound))
            let lexeme = HTML.escape(text(t.range))
            let next = i + 1 < tokens.count ? tokens[i + 1] : nil
            switch t.kind {
            case .number: out += "<span class=\"n\">\(lexeme)</span>"
            case .string: out += "<span class=\"s\">\(lexeme)</span>"
            case .comment: out += "<span class=\"c\">\(lexeme)</span>"
            case .keyword: out += "<span class=\"k\">\(lexeme)</span>"
            case .claimText: out += "<span class=\"cl\">\(lexeme)</span>"
            case let .name(n) where next?.isSymbol(.leftParen) == true && builtins.contains(n):
                out += "<span class=\"f\">\(lexeme)</span>"
            case .name:
                // A keyword argument's name reads differently from a variable.
                out += next?.isSymbol(.equal) == true && depth > 0 ? "<span class=\"a\">\(lexeme)</span>" : lexeme
            case .symbol(.tilde), .symbol(.bangTilde): out += "<span class=\"o cl\">\(lexeme)</span>"
            case .symbol: out += "<span class=\"o\">\(lexeme)</span>"
            case .newline, .end: out += lexeme
            }
            position = t.range.upperBound
        }
        if position < scalars.count { out += HTML.escape(text(position..<scalars.count)) }
        return out
    }
}
