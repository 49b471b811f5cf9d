/// One token of a network description.
struct DescriptionToken: Equatable {
    enum Kind: Equatable {
        /// A layer or INPUT token, such as `CONV3-64/2` or `INPUT28x28x1`.
        case word
        /// `->` or `→`.
        case arrow
        case open
        case close
        case end
    }

    let kind: Kind
    /// The token's characters without the whitespace the author put inside it.
    let text: String
    /// 1-based column of each character of `text`, so an error can point
    /// inside a token (at the size after INPUT, say).
    let columns: [Int]
    let column: Int

    /// How messages quote what was found.
    var quoted: String {
        kind == .end ? "the end of the description" : "'\(text)'"
    }
}

/// Splits a description into words, arrows and brackets.
///
/// Whitespace is free: between tokens it is ignored, and inside a token it
/// is dropped when what follows can only continue that token (a digit,
/// `-`, `/`, `.` or the `x` of a size), so `CONV3 - 64` and `INPUT 28 x 28`
/// read as `CONV3-64` and `INPUT28x28`. A new word starting with a letter
/// starts a new token, so a missing `->` is reported as missing.
struct DescriptionLexer {
    private let characters: [Character]
    private var index = 0

    init(_ source: String) {
        characters = Array(source)
    }

    mutating func tokens() -> [DescriptionToken] {
        var result: [DescriptionToken] = []
        while let token = next() { result.append(token) }
        result.append(DescriptionToken(kind: .end, text: "", columns: [],
                                       column: characters.count + 1))
        return result
    }

    private mutating func next() -> DescriptionToken? {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        guard index < characters.count else { return nil }
        let start = index
        switch characters[index] {
        case "[": index += 1; return punctuation(.open, "[", at: start)
        case "]": index += 1; return punctuation(.close, "]", at: start)
        case "→": index += 1; return punctuation(.arrow, "→", at: start)
        case "-" where isArrow(at: index): index += 2; return punctuation(.arrow, "->", at: start)
        default: return word()
        }
    }

    private func punctuation(_ kind: DescriptionToken.Kind, _ text: String,
                             at start: Int) -> DescriptionToken {
        DescriptionToken(kind: kind, text: text, columns: [start + 1], column: start + 1)
    }

    private mutating func word() -> DescriptionToken {
        var text = ""
        var columns: [Int] = []
        while true {
            while index < characters.count, !endsWord(at: index) {
                text.append(characters[index])
                columns.append(index + 1)
                index += 1
            }
            var after = index
            while after < characters.count, characters[after].isWhitespace { after += 1 }
            guard after > index, after < characters.count,
                  continuesWord(at: after) || startsSequenceSize(after: text, at: after) else { break }
            index = after
        }
        return DescriptionToken(kind: .word, text: text, columns: columns, column: columns[0])
    }

    private func isArrow(at i: Int) -> Bool {
        characters[i] == "-" && i + 1 < characters.count && characters[i + 1] == ">"
    }

    private func endsWord(at i: Int) -> Bool {
        let c = characters[i]
        return c.isWhitespace || c == "[" || c == "]" || c == "→" || isArrow(at: i)
    }

    /// `INPUT SEQ-50x10`: the size of a sequence input starts with a
    /// letter, so it is joined to INPUT explicitly, as digits are.
    private func startsSequenceSize(after text: String, at i: Int) -> Bool {
        guard text.uppercased() == "INPUT", i + 3 <= characters.count else { return false }
        return String(characters[i..<(i + 3)]).uppercased() == "SEQ"
    }

    private func continuesWord(at i: Int) -> Bool {
        let c = characters[i]
        if c == "-" { return !isArrow(at: i) }
        return c.isASCII && c.isNumber || "./xX×".contains(c)
    }
}
