/// A block's statements, and every syntax error found in it.
struct Program: Sendable {
    public var statements: [Statement]
    public var diagnostics: [Diagnostic]
    /// Names the block would bind, including those in statements that did
    /// not parse: a later block using them must be skipped, not misled.
    var boundNames: Set<String>
}

/// What an inline code span starting with `=` asks for.
struct InlineExpression: Sendable {
    public enum Form: Sendable {
        case value(format: String?)
        case claim(ClaimForm)
    }
    public var expr: Expr
    var form: Form
    /// The span's text after `=`, for reports (`p ~ 0.0474`).
    public var source: String
}

/// Recursive descent over the grammar of LESSON-FORMAT.md section 3, one
/// method per rule, loosest binding first. On an error it records a
/// diagnostic saying what it expected and skips to the next line, so a block
/// with three mistakes reports three errors in one run.
struct Parser {
    private var tokens: [Token]
    private let scalars: [Unicode.Scalar]
    private let file: String
    private let origin: SourceOrigin
    private var position = 0
    /// Levels of the tree above the current token, for telling a top-level
    /// `==` in a claim from a nested one.
    private var depth = 0
    /// Brackets, `not`, unary minus and `^` around the current token.
    private var nesting = 0
    /// Operators of chains (`a + b + c`, `f(x)[0].y`) around the current token.
    private var chain = 0
    private var diagnostics: [Diagnostic] = []
    /// Set while parsing an `expect` statement or an inline span, where a
    /// top-level `==` introduces the documented value instead of comparing.
    private var inClaim = false

    /// Deeper than this and evaluation would risk the stack; the lexer
    /// already refuses more than 100 nested brackets, so this leaves room
    /// for a few `-` and `not` inside the deepest brackets.
    static let maxDepth = 120
    /// A flat chain is a left-leaning tree as deep as it is long, evaluated
    /// recursively; this many links is far beyond any lesson and far below
    /// what the stack holds.
    static let maxChain = 1000

    struct Failure: Error {}

    init(tokens: [Token], source: String, origin: SourceOrigin) {
        self.tokens = tokens.filter { $0.kind != .comment }
        self.scalars = Array(source.unicodeScalars)
        self.file = origin.file
        self.origin = origin
    }

    static func parseBlock(_ source: String, origin: SourceOrigin) -> Program {
        let (tokens, lexErrors) = Lexer.tokenize(source, origin: origin)
        var parser = Parser(tokens: tokens, source: source, origin: origin)
        var statements: [Statement] = []
        var bound = Set<String>()
        while !parser.atEnd {
            if parser.match(.newline) { continue }
            let start = parser.position
            do {
                let s = try parser.statement()
                statements.append(s)
                if let n = s.boundName { bound.insert(n) }
            } catch {
                // A statement that starts `name =` still claims its name.
                if case let .name(n) = parser.tokens[start].kind,
                   parser.tokens.indices.contains(start + 1), parser.tokens[start + 1].isSymbol(.equal) {
                    bound.insert(n)
                }
                parser.synchronize()
            }
        }
        // Lexical errors come first at equal positions; one message per place.
        // Too many brackets ends the tokens there, so whatever the parser
        // says after that point is an echo of the lexer's error.
        var seen = Set<SourceLocation>()
        let cut = lexErrors.first { $0.message.hasPrefix(Lexer.tooDeep) }?.location
        let kept = parser.diagnostics.filter { d in cut.map { d.location <= $0 } ?? true }
        let all = (lexErrors + kept).sorted { $0.location < $1.location }
            .filter { seen.insert($0.location).inserted }
        return Program(statements: statements, diagnostics: all, boundNames: bound)
    }

    /// Parses the content of an inline span, `= expr`, `= expr:.2f`,
    /// `= expr ~ 0.0474`, `= expr !~ 93MB` or `= expr == 5`.
    static func parseInline(_ source: String, origin: SourceOrigin) -> Result<InlineExpression, Diagnostic> {
        let (tokens, lexErrors) = Lexer.tokenize(source, origin: origin)
        // A format after ':' has its own grammar (`.2e` is no number); ValueFormat checks it.
        let format = formatColon(tokens)?.location
        if let first = lexErrors.first(where: { d in format.map { d.location < $0 } ?? true }) { return .failure(first) }
        var parser = Parser(tokens: tokens, source: source, origin: origin)
        do {
            try parser.consume(.symbol(.equal), "expected '=' at the start of an inline expression")
            parser.inClaim = true
            let exprStart = parser.peek.range.lowerBound
            let expr = try parser.expression()
            let form: InlineExpression.Form
            if parser.check(.symbol(.colon)) {
                let colon = parser.advance()
                let spec = parser.restOfLine(after: colon).trimmingSpaces
                guard ValueFormat.isValidSpec(spec) else {
                    throw parser.error(at: colon, "unknown format '\(spec)'; expected one of .Nf, .Ne, .N%, ,d, .Ns, d")
                }
                parser.skipToLineEnd()
                form = .value(format: spec)
            } else if let claim = try parser.claimForm() {
                form = .claim(claim)
            } else {
                form = .value(format: nil)
            }
            _ = parser.match(.newline)
            guard parser.atEnd else { throw parser.error(at: parser.peek, "expected the end of the inline expression, found \(parser.peek.quoted)") }
            let text = String(String.UnicodeScalarView(parser.scalars[exprStart...])).trimmingSpaces
            return .success(InlineExpression(expr: expr, form: form, source: text))
        } catch {
            return .failure(parser.diagnostics.first ?? Diagnostic(file: origin.file, location: origin.location(line: 0, column: 0),
                                                                  message: "malformed inline expression"))
        }
    }

    /// The first `:` outside brackets: where an inline span's format starts.
    static func formatColon(_ tokens: [Token]) -> Token? {
        var depth = 0
        for t in tokens {
            switch t.kind {
            case .symbol(.leftParen), .symbol(.leftBracket), .symbol(.leftBrace): depth += 1
            case .symbol(.rightParen), .symbol(.rightBracket), .symbol(.rightBrace): depth -= 1
            case .symbol(.colon) where depth == 0: return t
            default: break
            }
        }
        return nil
    }

    // MARK: statements

    mutating func statement() throws -> Statement {
        if check(.keyword(.expect)) { return try expectStatement() }
        try refuseForeignStatement()
        if case let .name(n) = peek.kind, peekNext.isSymbol(.equal) {
            let nameToken = advance()
            advance()
            let value = try expression()
            try endOfStatement()
            return .assign(n, value, nameToken.location)
        }
        let e = try expression()
        if check(.symbol(.equal)) {
            throw error(at: peek, "only a name can be assigned to (use '==' to compare)")
        }
        try endOfStatement()
        return .expression(e)
    }

    mutating func expectStatement() throws -> Statement {
        let keyword = advance()
        let start = peek.range.lowerBound
        // `expect a == 1 and b == 2` is one condition, as in Python: a
        // top-level `and` or `or` makes `==` a comparison again, not the
        // start of a documented value.
        inClaim = !joinsConditions()
        defer { inClaim = false }
        let e = try expression()
        let form = try claimForm() ?? .truth
        let end = tokens[position - 1].range.upperBound
        try endOfStatement()
        let source = String(String.UnicodeScalarView(scalars[start..<max(start, end)])).trimmingSpaces
        return .expect(e, form, source: source, keyword.location)
    }

    /// Whether the statement from here to the end of its line has an `and`
    /// or `or` outside every bracket.
    func joinsConditions() -> Bool {
        var depth = 0
        for token in tokens[min(position, tokens.count)...] {
            switch token.kind {
            case .newline, .end: return false
            case .symbol(.leftParen), .symbol(.leftBracket), .symbol(.leftBrace): depth += 1
            case .symbol(.rightParen), .symbol(.rightBracket), .symbol(.rightBrace): depth -= 1
            case .keyword(.and), .keyword(.or) where depth == 0: return true
            default: break
            }
        }
        return false
    }

    /// `~ CLAIM`, `!~ CLAIM`, or `== VALUE` after an expression.
    mutating func claimForm() throws -> ClaimForm? {
        if check(.symbol(.tilde)) || check(.symbol(.bangTilde)) {
            let op = advance()
            guard case let .claimText(text) = peek.kind, !text.isEmpty else {
                throw error(at: op, "expected a documented number after '\(op.lexeme)'")
            }
            let claimToken = advance()
            return op.isSymbol(.tilde) ? .approx(text, claimToken.location) : .erratum(text, claimToken.location)
        }
        // `==` binds looser than every operator in an expect, so
        // `expect a + b == 3` compares the sum; the right side may be a
        // literal with thousands separators or a unit, which is not an expression.
        if check(.symbol(.equalEqual)) {
            let op = advance()
            let first = peek
            let raw = restOfLine(after: op).trimmingSpaces
            if !raw.isEmpty, (try? Claim.parse(raw)) != nil {
                skipToLineEnd()
                return .exact(.literal(raw), first.location)
            }
            return .exact(.expression(try expression()), first.location)
        }
        return nil
    }

    // MARK: expressions, loosest first

    mutating func expression() throws -> Expr {
        depth += 1
        defer { depth -= 1 }
        if check(.keyword(.fn)) { return try function() }
        let e = try or()
        if check(.keyword(.if)) {
            let t = advance()
            let condition = try or()
            try consume(.keyword(.else), "expected 'else' and the other value in 'a if condition else b'")
            // `a if c else b if d else e` nests to the right, and counts as nesting.
            let otherwise = try nested { try $0.expression() }
            return .conditional(e, condition: condition, otherwise: otherwise, t.location)
        }
        return e
    }

    /// `fn(x, y) => expression`: a function of one expression, which sees
    /// the names bound where it is written.
    mutating func function() throws -> Expr {
        let start = advance()
        try consume(.symbol(.leftParen), "expected '(' and the parameters after 'fn', as in fn(x) => x^2")
        var parameters: [String] = []
        if !match(.symbol(.rightParen)) {
            repeat {
                guard case let .name(n) = peek.kind else { throw error(at: peek, "expected a parameter name, found \(peek.quoted)") }
                if parameters.contains(n) { throw error(at: peek, "parameter '\(n)' appears twice") }
                advance()
                parameters.append(n)
            } while match(.symbol(.comma))
            try consume(.symbol(.rightParen), "expected ')' after the parameters")
        }
        if check(.symbol(.colon)) {
            throw error(at: peek, "a function's expression follows '=>', as in fn(x) => x^2")
        }
        try consume(.symbol(.arrow), "expected '=>' and the function's expression, as in fn(x) => x^2")
        let body = try nested { try $0.expression() }
        let end = tokens[position - 1].range.upperBound
        let source = String(String.UnicodeScalarView(scalars[start.range.lowerBound..<max(start.range.lowerBound, end)]))
        // The function's own text, placed where it is in the lesson: its
        // first line starts at `fn`, the others where the snippet's do.
        let line = start.location.line - origin.firstLine, offsets = origin.columnOffsets
        let later = (1..<max(1, source.split(separator: "\n", omittingEmptySubsequences: false).count)).map { i in
            line + i < offsets.count ? offsets[line + i] : (offsets.last ?? 0)
        }
        let here = SourceOrigin(file: file, firstLine: start.location.line, columnOffsets: [start.location.column - 1] + later)
        return .function(parameters: parameters, body: body, source: source, origin: here, start.location)
    }

    /// Parses a function's text again, as `fn(...)` gave it, at `origin`;
    /// nil when it no longer parses (a stored value from another version).
    static func parseFunction(_ source: String, origin: SourceOrigin) -> Expr? {
        let (all, lexErrors) = Lexer.tokenize(source, origin: origin)
        guard lexErrors.isEmpty else { return nil }
        // It was written inside brackets when it spans lines: its line ends are not statement ends.
        let tokens = all.enumerated().filter { $0.element.kind != .newline || $0.offset >= all.count - 2 }.map(\.element)
        var parser = Parser(tokens: tokens, source: source, origin: origin)
        guard let e = try? parser.function(), parser.match(.newline), parser.atEnd else { return nil }
        return e
    }

    mutating func or() throws -> Expr {
        var e = try and()
        var links = 0
        defer { depth -= links; chain -= links }
        while check(.keyword(.or)) {
            try link(&links)
            let op = advance()
            e = .binary(.or, e, try and(), op.location)
        }
        return e
    }

    mutating func and() throws -> Expr {
        var e = try not()
        var links = 0
        defer { depth -= links; chain -= links }
        while check(.keyword(.and)) {
            try link(&links)
            let op = advance()
            e = .binary(.and, e, try not(), op.location)
        }
        return e
    }

    mutating func not() throws -> Expr {
        if check(.keyword(.not)) {
            let op = advance()
            return try nested { .unary(.not, try $0.not(), op.location) }
        }
        return try comparison()
    }

    mutating func comparison() throws -> Expr {
        let level = depth
        var e = try term()
        var links = 0
        defer { depth -= links; chain -= links }
        let ops: [Symbol: BinaryOperator] = [.equalEqual: .equal, .bangEqual: .notEqual, .less: .less,
                                             .lessEqual: .lessEqual, .greater: .greater, .greaterEqual: .greaterEqual]
        while case let .symbol(s) = peek.kind, let op = ops[s] {
            // In an expect statement a top-level `==` introduces the documented value.
            if s == .equalEqual, level == 1, inClaim { break }
            try link(&links)
            let t = advance()
            e = .binary(op, e, try term(), t.location)
        }
        return e
    }

    mutating func term() throws -> Expr {
        var e = try factor()
        var links = 0
        defer { depth -= links; chain -= links }
        while check(.symbol(.plus)) || check(.symbol(.minus)) {
            try link(&links)
            let t = advance()
            e = .binary(t.isSymbol(.plus) ? .add : .subtract, e, try factor(), t.location)
        }
        return e
    }

    mutating func factor() throws -> Expr {
        var e = try unary()
        var links = 0
        defer { depth -= links; chain -= links }
        let ops: [Symbol: BinaryOperator] = [.star: .multiply, .slash: .divide, .at: .matmul, .percent: .modulo]
        while case let .symbol(s) = peek.kind, let op = ops[s] {
            try link(&links)
            let t = advance()
            e = .binary(op, e, try unary(), t.location)
        }
        return e
    }

    mutating func unary() throws -> Expr {
        if check(.symbol(.minus)) {
            let t = advance()
            return try nested { .unary(.negate, try $0.unary(), t.location) }
        }
        return try power()
    }

    /// `^` is right associative and binds tighter than unary minus: `-2^2` is -4.
    mutating func power() throws -> Expr {
        let base = try postfix()
        if check(.symbol(.caret)) {
            let t = advance()
            return try nested { .binary(.power, base, try $0.unary(), t.location) }
        }
        return base
    }

    mutating func postfix() throws -> Expr {
        var e = try primary()
        var links = 0
        defer { depth -= links; chain -= links }
        while true {
            if check(.symbol(.leftParen)) || check(.symbol(.leftBracket)) || check(.symbol(.dot)) { try link(&links) }
            if check(.symbol(.leftParen)) {
                let t = advance()
                e = .call(e, try arguments(), t.location)
            } else if check(.symbol(.leftBracket)) {
                let t = advance()
                e = .index(e, try indexArguments(), t.location)
            } else if check(.symbol(.dot)) {
                advance()
                guard case let .name(n) = peek.kind else { throw error(at: peek, "expected a field name after '.'") }
                let t = advance()
                e = .field(e, n, t.location)
            } else {
                return e
            }
        }
    }

    mutating func arguments() throws -> [Argument] {
        var args: [Argument] = []
        var sawKeyword = false
        if match(.symbol(.rightParen)) { return [] }
        repeat {
            if check(.symbol(.rightParen)) { break }  // trailing comma
            let at = peek
            if case let .name(n) = peek.kind, peekNext.isSymbol(.equal) {
                advance(); advance()
                args.append(Argument(label: n, value: try expression(), location: at.location))
                sawKeyword = true
            } else {
                if sawKeyword { throw error(at: at, "a positional argument cannot follow a keyword argument") }
                args.append(Argument(label: nil, value: try expression(), location: at.location))
            }
        } while match(.symbol(.comma))
        try consume(.symbol(.rightParen), "expected ')' after arguments")
        return args
    }

    mutating func indexArguments() throws -> [IndexArgument] {
        var items: [IndexArgument] = []
        if check(.symbol(.rightBracket)) { throw error(at: peek, "expected an index") }
        repeat {
            var parts: [Expr?] = [nil]
            var isSlice = false
            if !check(.symbol(.colon)) { parts[0] = try expression() }
            while match(.symbol(.colon)) {
                isSlice = true
                parts.append(check(.symbol(.colon)) || check(.symbol(.comma)) || check(.symbol(.rightBracket))
                             ? nil : try expression())
            }
            if parts.count > 3 { throw error(at: peek, "a slice has at most three parts, start:stop:step") }
            if isSlice {
                items.append(.slice(parts[0], parts.count > 1 ? parts[1] : nil, parts.count > 2 ? parts[2] : nil))
            } else if let e = parts[0] {
                items.append(.single(e))
            } else {
                throw error(at: peek, "expected an index")
            }
        } while match(.symbol(.comma))
        try consume(.symbol(.rightBracket), "expected ']' after the index")
        return items
    }

    mutating func primary() throws -> Expr {
        let t = peek
        switch t.kind {
        case let .number(v): advance(); return .number(v, t.location)
        case let .string(s): advance(); return .string(s, t.location)
        case .keyword(.true): advance(); return .bool(true, t.location)
        case .keyword(.false): advance(); return .bool(false, t.location)
        case .keyword(.none): advance(); return .none(t.location)
        case let .name(n):
            if case .string = peekNext.kind, peekNext.range.lowerBound == t.range.upperBound, n.count <= 2 {
                throw error(at: t, "\(n)\"...\" strings (f-strings) do not exist; build the text with "
                            + "format(x, \".2f\") and join strings with +")
            }
            if n == "lambda" {
                throw error(at: t, "there is no 'lambda'; write a function as fn(x) => expression")
            }
            advance()
            return .name(n, t.location)
        case .symbol(.leftParen):
            advance()
            let e = try nested { try $0.expression() }
            try consume(.symbol(.rightParen), "expected ')' to close '(' at \(t.location)")
            return e
        case .symbol(.leftBracket):
            advance()
            return try nested { try $0.listOrComprehension(t) }
        case .symbol(.leftBrace):
            advance()
            return try nested { try $0.record(t) }
        case .newline, .end:
            throw error(at: t, "expected an expression, found \(t.quoted)")
        default:
            throw error(at: t, "expected an expression, found \(t.quoted)")
        }
    }

    mutating func listOrComprehension(_ open: Token) throws -> Expr {
        if match(.symbol(.rightBracket)) { return .list([], open.location) }
        let first = try expression()
        if match(.keyword(.for)) {
            guard case let .name(v) = peek.kind else { throw error(at: peek, "expected a variable name after 'for'") }
            advance()
            try consume(.keyword(.in), "expected 'in' after 'for \(v)'")
            // Not `expression()`: its `if` is the filter, not a conditional.
            let seq = try or()
            let cond = match(.keyword(.if)) ? try or() : nil
            try consume(.symbol(.rightBracket), "expected ']' to close the list comprehension")
            return .comprehension(element: first, variable: v, sequence: seq, condition: cond, open.location)
        }
        var items = [first]
        while match(.symbol(.comma)) {
            if check(.symbol(.rightBracket)) { break }
            items.append(try expression())
        }
        try consume(.symbol(.rightBracket), "expected ']' or ',' in the list")
        return .list(items, open.location)
    }

    mutating func record(_ open: Token) throws -> Expr {
        var fields: [(String, Expr)] = []
        var seen = Set<String>()
        if match(.symbol(.rightBrace)) { return .record([], open.location) }
        repeat {
            if check(.symbol(.rightBrace)) { break }
            let key: String
            switch peek.kind {
            case let .name(n): key = n
            case let .string(s): key = s
            default: throw error(at: peek, "expected a field name in the record")
            }
            let keyToken = advance()
            if !seen.insert(key).inserted { throw error(at: keyToken, "field '\(key)' appears twice in the record") }
            try consume(.symbol(.colon), "expected ':' after the field name '\(key)'")
            fields.append((key, try expression()))
        } while match(.symbol(.comma))
        try consume(.symbol(.rightBrace), "expected '}' or ',' in the record")
        return .record(fields, open.location)
    }

    /// Statements a Python or Jupyter habit reaches for, refused with the
    /// construct named and what to write instead.
    mutating func refuseForeignStatement() throws {
        let t = peek
        switch t.kind {
        case .keyword(.if):
            throw error(at: t, "there are no 'if' statements; choose a value with a conditional expression, "
                        + "y = a if condition else b (or where(mask, a, b) for tensors)")
        case .keyword(.for):
            throw error(at: t, "there are no loops; build a list with a comprehension, [f(x) for x in xs]")
        case .keyword(.fn):
            return
        case let .name(n) where peekNext.kind != .symbol(.equal):
            let advice: [String: String] = [
                "def": "there is no 'def'; define a function as name = fn(x) => expression",
                "while": "there are no loops; build a list with a comprehension, [f(x) for x in xs]",
                "return": "there is no 'return'; a function is one expression, name = fn(x) => expression",
                "import": "there is nothing to import; every function is built in (lectern help builtins)",
                "from": "there is nothing to import; every function is built in (lectern help builtins)",
                "print": "there is no print; a bare expression on its own line is shown below the block",
                "assert": "write a check as 'expect condition' (or 'expect x ~ 0.5 ± 0.1' for a number)",
            ]
            guard let message = advice[n] else { return }
            // `print(x)` is still a call to report at run time if a lesson defines nothing else.
            if n == "print" && !peekNext.isSymbol(.leftParen) { return }
            if n != "print", case .symbol = peekNext.kind, !peekNext.isSymbol(.leftParen) { return }
            throw error(at: t, message)
        default:
            return
        }
    }

    // MARK: helpers

    /// Each operator of a chain (`a + b + c`, `f(x)[0].y`) adds a level to the
    /// tree, which is evaluated (and freed) recursively: chains have their own
    /// limit, well above what brackets get, so 5,000 `+ 1`s cannot overflow
    /// the stack while a sum of a few hundred terms is fine.
    private mutating func link(_ links: inout Int) throws {
        depth += 1
        chain += 1
        links += 1
        guard chain <= Parser.maxChain else {
            throw error(at: peek, "expression nested too deeply (more than \(Parser.maxChain) chained operators)")
        }
    }


    private mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        depth += 1
        nesting += 1
        defer { depth -= 1; nesting -= 1 }
        guard nesting <= Parser.maxDepth else {
            throw error(at: peek, "expression nested too deeply (more than \(Parser.maxDepth) levels)")
        }
        return try body(&self)
    }

    var atEnd: Bool { peek.kind == .end }
    var peek: Token { tokens[min(position, tokens.count - 1)] }
    var peekNext: Token { tokens[min(position + 1, tokens.count - 1)] }

    func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

    @discardableResult
    mutating func advance() -> Token {
        let t = peek
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    mutating func consume(_ kind: TokenKind, _ message: String) throws {
        guard match(kind) else { throw error(at: peek, message + ", found \(peek.quoted)") }
    }

    mutating func endOfStatement() throws {
        if match(.newline) || check(.end) { return }
        throw error(at: peek, "expected the end of the statement, found \(peek.quoted)")
    }

    mutating func error(at token: Token, _ message: String) -> Failure {
        diagnostics.append(Diagnostic(file: file, location: token.location, message: message))
        return Failure()
    }

    /// Skips to the start of the next statement after an error.
    mutating func synchronize() {
        while !atEnd, !check(.newline) { advance() }
        _ = match(.newline)
    }

    mutating func skipToLineEnd() {
        while !atEnd, !check(.newline) { advance() }
    }

    /// The raw text from just after `token` to the end of its line (comments excluded).
    func restOfLine(after token: Token) -> String {
        var end = token.range.upperBound
        while end < scalars.count, scalars[end] != "\n", scalars[end] != "#" { end += 1 }
        return String(String.UnicodeScalarView(scalars[token.range.upperBound..<end]))
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
