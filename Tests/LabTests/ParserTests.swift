import Testing
@testable import Lab

@Suite struct ParserTests {
    @Test(arguments: [
        ("-2^2", "(neg (^ 2 2))"),
        ("2^3^2", "(^ 2 (^ 3 2))"),
        ("2^-1", "(^ 2 (neg 1))"),
        ("not a == b", "(not (== a b))"),
        ("a or b and c", "(or a (and b c))"),
        ("not a and b", "(and (not a) b)"),
        ("a < b + c", "(< a (+ b c))"),
        ("a + b * c - d", "(- (+ a (* b c)) d)"),
        ("a / b @ c % d", "(% (@ (/ a b) c) d)"),
        ("a * -b", "(* a (neg b))"),
        ("-a.b[0]", "(neg (idx (. a b) 0))"),
        ("f(x)[1].y ^ 2", "(^ (. (idx (call f x) 1) y) 2)"),
        ("(a + b) * c", "(* (+ a b) c)"),
        ("a == b != c", "(!= (== a b) c)"),
    ])
    func precedence(source: String, tree: String) {
        #expect(parsed(source) == tree)
    }

    @Test func callsAndKeywordArguments() {
        #expect(parsed("sum(x, axis=0)") == "(call sum x axis=0)")
        #expect(parsed("f()") == "(call f)")
        #expect(parsed("f(1, 2,)") == "(call f 1 2)")
        #expect(parsed("plot(x, y, labels=[\"a\"], title=\"t\")") == "(call plot x y labels=[\"a\"] title=\"t\")")
    }

    @Test(arguments: [
        ("t[a:b]", "(idx t a:b:_)"), ("t[:, 0]", "(idx t _:_:_ 0)"), ("t[::2]", "(idx t _:_:2)"),
        ("t[1:]", "(idx t 1:_:_)"), ("t[:-1]", "(idx t _:(neg 1):_)"), ("t[::-1]", "(idx t _:_:(neg 1))"),
        ("t[i, j]", "(idx t i j)"), ("t[-1]", "(idx t (neg 1))"),
    ])
    func indexAndSlices(source: String, tree: String) {
        #expect(parsed(source) == tree)
    }

    @Test func listsComprehensionsAndRecords() {
        #expect(parsed("[]") == "[]")
        #expect(parsed("[1, \"a\", true, none,]") == "[1 \"a\" true none]")
        #expect(parsed("[x * 2 for x in xs]") == "(for (* x 2) x xs)")
        #expect(parsed("[x for x in xs if x > 0]") == "(for x x xs if (> x 0))")
        #expect(parsed("{a: 1, \"b c\": x}") == "{a: 1 b c: x}")
        #expect(parsed("{}") == "{}")
    }

    @Test func statementsSpanLinesInsideBrackets() {
        let p = Parser.parseBlock("x = f(1,\n      2)\ny = [1,\n  2]\n{a: 1,\n b: 2}", origin: Harness.origin())
        #expect(p.diagnostics.isEmpty)
        #expect(p.statements.count == 3)
        #expect(p.statements.map(\.location.line) == [10, 12, 14])
        #expect(p.boundNames == ["x", "y"])
    }

    func expectParts(_ source: String) -> (String, ClaimForm, String)? {
        guard case let .expect(e, form, src, _)? = parseOne(source) else { return nil }
        return (sexpr(e), form, src)
    }

    @Test func expectForms() throws {
        let approx = try #require(expectParts("expect x ~ 0.0474"))
        guard case .approx("0.0474", let at) = approx.1 else { Issue.record("\(approx.1)"); return }
        #expect(at == SourceLocation(line: 10, column: 12))
        #expect(approx.2 == "x ~ 0.0474")

        let erratum = try #require(expectParts("expect x !~ 93MB  # an erratum"))
        guard case .erratum("93MB", _) = erratum.1 else { Issue.record("\(erratum.1)"); return }

        let literal = try #require(expectParts("expect s.params == 138,357,544"))
        #expect(literal.0 == "(. s params)")
        guard case .exact(.literal("138,357,544"), _) = literal.1 else { Issue.record("\(literal.1)"); return }
        #expect(literal.2 == "s.params == 138,357,544")

        let string = try #require(expectParts("expect name == \"a\""))
        guard case let .exact(.expression(target), _) = string.1 else { Issue.record("\(string.1)"); return }
        #expect(sexpr(target) == "\"a\"")

        let sum = try #require(expectParts("expect a + b == c * 2"))
        #expect(sum.0 == "(+ a b)")
        guard case let .exact(.expression(rhs), _) = sum.1 else { Issue.record("\(sum.1)"); return }
        #expect(sexpr(rhs) == "(* c 2)")

        let truth = try #require(expectParts("expect a > b"))
        #expect(truth.0 == "(> a b)")
        guard case .truth = truth.1 else { Issue.record("\(truth.1)"); return }

        // Inside brackets `==` compares again.
        let nested = try #require(expectParts("expect mean(a == b) > 0.5"))
        #expect(nested.0 == "(> (call mean (== a b)) 0.5)")
    }

    func inline(_ source: String) -> InlineExpression? {
        try? Parser.parseInline(source, origin: SourceOrigin(file: "lessons/t.md", firstLine: 30, columnOffsets: [5])).get()
    }

    @Test func inlineForms() throws {
        let plain = try #require(inline("= p"))
        guard case .value(format: nil) = plain.form else { Issue.record("\(plain.form)"); return }
        #expect(sexpr(plain.expr) == "p")

        for spec in [".2%", ".3f", ".2e", ",d", ".3s", "d"] {
            let formatted = try #require(inline("= p:\(spec)"), "\(spec)")
            guard case .value(format: spec) = formatted.form else { Issue.record("\(spec): \(formatted.form)"); continue }
        }

        let claim = try #require(inline("= p ~ 0.0474"))
        guard case .claim(.approx("0.0474", let at)) = claim.form else { Issue.record("\(claim.form)"); return }
        #expect(at == SourceLocation(line: 30, column: 12))
        #expect(claim.source == "p ~ 0.0474")

        let erratum = try #require(inline("= m !~ 93MB"))
        guard case .claim(.erratum("93MB", _)) = erratum.form else { Issue.record("\(erratum.form)"); return }

        let exact = try #require(inline("= n == 1,000"))
        guard case .claim(.exact(.literal("1,000"), _)) = exact.form else { Issue.record("\(exact.form)"); return }

        let slice = try #require(inline("= t[1:3]"))
        #expect(sexpr(slice.expr) == "(idx t 1:3:_)")
    }

    @Test func malformedInlineSpans() {
        let origin = SourceOrigin(file: "lessons/t.md", firstLine: 30, columnOffsets: [5])
        func failure(_ s: String) -> Diagnostic? {
            if case let .failure(d) = Parser.parseInline(s, origin: origin) { return d }
            return nil
        }
        #expect(failure("p")?.message.contains("expected '='") == true)
        #expect(failure("= p:.2q")?.message.contains("unknown format '.2q'") == true)
        #expect(failure("= p q")?.location == SourceLocation(line: 30, column: 10))
        #expect(failure("= p ~")?.message == "expected a documented number after '~'")
    }

    @Test func errorRecoveryReportsEveryBadLine() {
        let source = """
        a = f(1 2)
        b = 3 +
        ok = 1
        c = 4 5
        d = [1, 2 for]
        """
        let p = Parser.parseBlock(source, origin: Harness.origin())
        #expect(p.diagnostics.map(\.rendered) == [
            "lessons/t.md:10:9: error: expected ')' after arguments, found '2'",
            "lessons/t.md:11:8: error: expected an expression, found end of line",
            "lessons/t.md:13:7: error: expected the end of the statement, found '5'",
            "lessons/t.md:14:11: error: expected ']' or ',' in the list, found 'for'",
        ])
        #expect(p.statements.count == 1)
        #expect(p.boundNames == ["a", "b", "ok", "c", "d"])
    }

    @Test(arguments: [
        ("x.", "expected a field name after '.'"),
        ("f(a=1, 2)", "a positional argument cannot follow a keyword argument"),
        ("[x for 1 in y]", "expected a variable name after 'for'"),
        ("[x for y z]", "expected 'in' after 'for y'"),
        ("{a 1}", "expected ':' after the field name 'a'"),
        ("{a: 1, a: 2}", "field 'a' appears twice in the record"),
        ("t[]", "expected an index"),
        ("t[1:2:3:4]", "a slice has at most three parts"),
        ("f(x) = 3", "only a name can be assigned to"),
        ("(1 + 2", "expected ')' to close '(' at 10:1"),
        ("expect x ~", "expected a documented number after '~'"),
    ])
    func syntaxMessagesSayWhatWasExpected(source: String, message: String) {
        let p = Parser.parseBlock(source, origin: Harness.origin())
        #expect(p.diagnostics.contains { $0.message.contains(message) }, "\(p.diagnostics)")
    }
}
