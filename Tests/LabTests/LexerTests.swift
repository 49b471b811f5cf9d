import Testing
@testable import Lab

@Suite struct LexerTests {
    func kinds(_ source: String, comments: Bool = false) -> [TokenKind] {
        Lexer.tokenize(source, origin: Harness.origin(), keepComments: comments).tokens.map(\.kind)
    }

    func errors(_ source: String) -> [Diagnostic] {
        Lexer.tokenize(source, origin: Harness.origin()).diagnostics
    }

    @Test(arguments: [("3", 3.0), ("0.5", 0.5), ("1e-3", 0.001), (".5", 0.5), ("2E+2", 200), ("12.", 12), ("007", 7)])
    func numbers(source: String, value: Double) {
        #expect(kinds(source) == [.number(value), .newline, .end])
        #expect(errors(source).isEmpty)
    }

    @Test(arguments: [
        (#""plain""#, "plain"), (#""say \"hi\"""#, #"say "hi""#), (#""back\\slash""#, #"back\slash"#),
        (#""two\nlines""#, "two\nlines"), (#""tab\tx""#, "tab\tx"), (#""""#, ""), (#""é ☃""#, "é ☃"),
    ])
    func strings(source: String, value: String) {
        #expect(kinds(source) == [.string(value), .newline, .end])
        #expect(errors(source).isEmpty)
    }

    @Test func unknownEscapeIsAnError() {
        let e = errors(#"x = "a\qb""#)
        #expect(e.count == 1)
        #expect(e.first?.message.contains("unknown escape") == true)
        #expect(e.first?.location == SourceLocation(line: 10, column: 7))
    }

    @Test func namesAndEveryKeyword() {
        #expect(kinds("x _y z2 camelCase") == [.name("x"), .name("_y"), .name("z2"), .name("camelCase"), .newline, .end])
        for k in Keyword.allCases {
            #expect(kinds(k.rawValue) == [.keyword(k), .newline, .end], "\(k)")
        }
        #expect(kinds("android fortune") == [.name("android"), .name("fortune"), .newline, .end])
    }

    @Test func everySymbol() {
        // `~` and `!~` take the rest of the line, so they are tested on their own.
        for s in Symbol.allCases where s != .tilde && s != .bangTilde {
            let ks = Lexer.tokenize("a \(s.rawValue) b", origin: Harness.origin()).tokens.map(\.kind)
            #expect(ks.contains(.symbol(s)), "\(s.rawValue)")
        }
        #expect(kinds("a<=b>=c==d!=e") == [.name("a"), .symbol(.lessEqual), .name("b"), .symbol(.greaterEqual),
                                          .name("c"), .symbol(.equalEqual), .name("d"), .symbol(.bangEqual),
                                          .name("e"), .newline, .end])
    }

    @Test func claimTextAfterTildes() {
        #expect(kinds("expect p ~ 0.0474 ± 5%  # why") ==
                [.keyword(.expect), .name("p"), .symbol(.tilde), .claimText("0.0474 ± 5%"), .newline, .end])
        #expect(kinds("expect m !~ 93MB") ==
                [.keyword(.expect), .name("m"), .symbol(.bangTilde), .claimText("93MB"), .newline, .end])
        let t = Lexer.tokenize("a ~   138M\nb", origin: Harness.origin()).tokens
        #expect(t[2].location == SourceLocation(line: 10, column: 7))
        #expect(t[4].kind == .name("b"))
    }

    @Test func commentsAreDroppedUnlessKept() {
        #expect(kinds("x = 1 # one\n# whole line") == [.name("x"), .symbol(.equal), .number(1), .newline, .newline, .end])
        #expect(kinds("x # c", comments: true) == [.name("x"), .comment, .newline, .end])
        #expect(kinds("f(1, # first\n2)") == [.name("f"), .symbol(.leftParen), .number(1), .symbol(.comma), .number(2),
                                             .symbol(.rightParen), .newline, .end])
    }

    @Test func newlinesInsideBracketsContinueTheStatement() {
        #expect(kinds("f(1,\n2)\n[3,\n4]\n{a:\n5}") == [
            .name("f"), .symbol(.leftParen), .number(1), .symbol(.comma), .number(2), .symbol(.rightParen), .newline,
            .symbol(.leftBracket), .number(3), .symbol(.comma), .number(4), .symbol(.rightBracket), .newline,
            .symbol(.leftBrace), .name("a"), .symbol(.colon), .number(5), .symbol(.rightBrace), .newline, .end,
        ])
    }

    @Test func locationsGoThroughTheOrigin() {
        let origin = SourceOrigin(file: "lessons/t.md", firstLine: 10, columnOffsets: [4, 2])
        let t = Lexer.tokenize("a = 1\n  bb", origin: origin).tokens
        #expect(t[0].location == SourceLocation(line: 10, column: 5))
        #expect(t[2].location == SourceLocation(line: 10, column: 9))
        #expect(t[4].location == SourceLocation(line: 11, column: 5))
        // Lines past the offsets reuse the last offset.
        let u = Lexer.tokenize("a\nb\nc", origin: origin).tokens
        #expect(u[4].location == SourceLocation(line: 12, column: 3))
        // A token on the continuation line of a bracket keeps its own line.
        let v = Lexer.tokenize("f(1,\n   2)", origin: Harness.origin()).tokens
        #expect(v[4].location == SourceLocation(line: 11, column: 4))
    }

    @Test func lexicalErrorsAreLocated() {
        let e = errors("x = 3 $ 4\ny = 'a'")
        #expect(e.map(\.location) == [SourceLocation(line: 10, column: 7), SourceLocation(line: 11, column: 5),
                                      SourceLocation(line: 11, column: 7)])
        #expect(e[0].message == "unexpected character '$'")
        #expect(e[1].message.contains("strings use double quotes"))
        #expect(errors("(1, 2]").first?.message == "']' does not match the open '('")
        #expect(errors("1)").first?.message == "')' has no matching opening bracket")
        #expect(errors("f(1,\n2").first?.message == "'(' is never closed")
    }
}
