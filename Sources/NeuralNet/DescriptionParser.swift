/// A layer as the parser found it, before it is named.
struct ParsedLayer: Equatable {
    let kind: LayerKind
    let column: Int
}

/// Recursive descent over the description grammar, one method a rule:
///
///     description → input ( "->" sequence )? END
///     sequence    → element ( "->" element )*
///     element     → LAYER | group
///     group       → "[" sequence "]" repeat
///     repeat      → ( "x" | "×" ) N
///
/// Groups are expanded as they close, so the result is the flat list of
/// layers. The first error ends the parse: a description is one short line,
/// and what a broken one says after its first error is mostly an echo of it.
struct DescriptionParser {
    private let tokens: [DescriptionToken]
    private var position = 0

    init(_ source: String) {
        var lexer = DescriptionLexer(source)
        tokens = lexer.tokens()
    }

    private var current: DescriptionToken { tokens[position] }

    @discardableResult
    private mutating func advance() -> DescriptionToken {
        let token = tokens[position]
        if token.kind != .end { position += 1 }
        return token
    }

    private func error(at token: DescriptionToken, _ message: String) -> DescriptionError {
        DescriptionError(column: token.column, message: message)
    }

    mutating func description() throws(DescriptionError) -> (input: InputShape, layers: [ParsedLayer]) {
        let first = advance()
        guard first.kind != .end else {
            throw DescriptionError(column: 1, message:
                "empty network description; expected 'INPUT HxWxC' or 'INPUT n'")
        }
        guard first.kind == .word, LayerTokenParser.isInput(first) else {
            throw error(at: first, "expected 'INPUT HxWxC' or 'INPUT n' first, found \(first.quoted)")
        }
        let input = try LayerTokenParser.inputShape(first)
        var layers: [ParsedLayer] = []
        if current.kind == .arrow {
            let arrow = advance()
            layers = try sequence(after: arrow, depth: 0)
        }
        switch current.kind {
        case .end: return (input, layers)
        case .close: throw error(at: current, "']' without a matching '['")
        default: throw error(at: current, "expected '->' between layers")
        }
    }

    /// Layers joined by arrows; stops before `]` or the end. `after` is the
    /// token that asked for the sequence (an arrow or a `[`), for messages.
    private mutating func sequence(after: DescriptionToken,
                                   depth: Int) throws(DescriptionError) -> [ParsedLayer] {
        var layers = try element(after: after, depth: depth)
        while true {
            switch current.kind {
            case .arrow:
                let arrow = advance()
                let start = current
                layers += try element(after: arrow, depth: depth)
                if layers.count > DescriptionLimits.maxLayers { throw tooManyLayers(at: start) }
            case .word, .open:
                throw error(at: current, "expected '->' between layers")
            case .close, .end:
                return layers
            }
        }
    }

    private mutating func element(after: DescriptionToken,
                                  depth: Int) throws(DescriptionError) -> [ParsedLayer] {
        switch current.kind {
        case .word:
            let token = advance()
            if LayerTokenParser.isInput(token) {
                throw error(at: token, "INPUT may appear only once, at the start")
            }
            return [ParsedLayer(kind: try LayerTokenParser.layerKind(token), column: token.column)]
        case .open:
            return try group(depth: depth)
        case .arrow, .close, .end:
            // At the end there is nothing to point at, so point at what wanted a layer.
            let place = current.kind == .end ? after : current
            throw error(at: place, "expected a layer after '\(after.text)', found \(current.quoted)")
        }
    }

    private mutating func group(depth: Int) throws(DescriptionError) -> [ParsedLayer] {
        let open = advance()
        guard depth < DescriptionLimits.maxDepth else {
            throw error(at: open, "groups nested more than \(DescriptionLimits.maxDepth) deep")
        }
        let body = try sequence(after: open, depth: depth + 1)
        guard current.kind == .close else {
            throw error(at: open, "unclosed '['; expected ']xN' to end the group")
        }
        let close = advance()
        let count = try repeatCount(after: close)
        guard let total = body.count.multipliedOrNil(by: count),
              total <= DescriptionLimits.maxLayers else { throw tooManyLayers(at: open) }
        return Array((0..<count).map { _ in body }.joined())
    }

    private mutating func repeatCount(after close: DescriptionToken) throws(DescriptionError) -> Int {
        let expected = "expected a repeat count after ']', e.g. ']x2'"
        guard current.kind == .word, let sign = current.text.first, "xX×".contains(sign) else {
            throw error(at: close, expected)
        }
        let token = advance()
        let digits = token.text.dropFirst()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw error(at: token, "\(expected), found '\(token.text)'")
        }
        guard let count = Int(digits), count <= DescriptionLimits.maxNumber else {
            throw tooManyLayers(at: token)
        }
        guard count >= 1 else { throw error(at: token, "a group repeats at least once, found '\(token.text)'") }
        return count
    }

    private func tooManyLayers(at token: DescriptionToken) -> DescriptionError {
        error(at: token, "the description expands to more than \(DescriptionLimits.maxLayers) layers")
    }
}
