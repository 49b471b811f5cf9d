import Testing
@testable import Lab

/// Blocks of one lesson share an environment; a failure stops its block,
/// and later blocks that need what it failed to bind are skipped.
@Suite struct SessionTests {
    @Test func blocksShareOneEnvironment() {
        let s = Harness.session()
        #expect(Harness.run("x = 2\ny = x * 3", in: s, id: "one").status == .ok)
        let two = Harness.run("z = x + y\nx = 10\nz\nx", in: s, id: "two")
        #expect(two.status == .ok)
        #expect(s.value(of: "z")?.number == 8)
        #expect(s.value(of: "x")?.number == 10)  // a later binding replaces the earlier one
        #expect(two.outputs.count == 2)
        guard case let .text(shown, _)? = two.outputs.first else { Issue.record("\(two.outputs)"); return }
        #expect(shown == "8")
    }

    @Test func outputsOfBareExpressions() {
        let s = Harness.session()
        let r = Harness.run("0.0474258\n\"hi\"\narange(3)\n[1, \"a\"]\n{a: 1}\nnone\ntrue", in: s)
        let texts = r.outputs.compactMap { o -> String? in if case let .text(t, _) = o { return t }; return nil }
        #expect(texts == ["0.04743", "\"hi\"", "[0, 1, 2]", "[1, \"a\"]", "{a: 1}", "none", "true"])
        guard r.outputs.count > 2, case let .text(_, caption) = r.outputs[2] else { return }
        #expect(caption == "tensor (3)")
    }

    @Test func anErrorStopsTheBlockAndBindsNothingAfterIt() {
        let s = Harness.session()
        let r = Harness.run("a = 1\nb = a + nope\nc = 3\nd = 4", in: s, id: "bad")
        #expect(r.status == .error)
        #expect(r.diagnostics.map(\.rendered) == ["lessons/t.md:11:9: error: unknown name 'nope'"])
        #expect(s.value(of: "a")?.number == 1)
        #expect(s.value(of: "b") == nil && s.value(of: "c") == nil && s.value(of: "d") == nil)

        let skipped = Harness.run("e = c + 1", in: s, id: "later")
        #expect(skipped.status == .skipped)
        #expect(skipped.skipReason == "uses 'c', which has no value: block 'bad' failed at line 11")
        #expect(s.value(of: "e") == nil)

        // Skipping spreads: what the skipped block would have bound is missing too.
        let chained = Harness.run("f = e * 2", in: s, id: "chained")
        #expect(chained.status == .skipped)
        #expect(chained.skipReason?.contains("'e'") == true)
        #expect(chained.skipReason?.contains("block 'later' was skipped") == true)

        #expect(Harness.run("g = a + 1", in: s, id: "unrelated").status == .ok)
        #expect(s.value(of: "g")?.number == 2)
        // A block that binds the name itself before using it runs.
        #expect(Harness.run("c = 5\nh = c + 1", in: s, id: "rebinds").status == .ok)
        #expect(Harness.run("i = d", in: s).status == .skipped)
        // Using a missing name inline says why it has no value.
        let inline = s.evaluate(inline: "= d", origin: SourceOrigin(file: Harness.file, firstLine: 40, columnOffsets: [3]))
        #expect(inline.diagnostic?.message == "'d' has no value: block 'bad' failed at line 11")
    }

    @Test func aSyntaxErrorRunsNothingAndMarksEveryName() {
        let s = Harness.session()
        let r = Harness.run("p = 1\nq = (2 +\nr = 3", in: s, id: "syntax")
        #expect(r.status == .error)
        #expect(s.value(of: "p") == nil)
        let later = Harness.run("x = p", in: s)
        #expect(later.status == .skipped)
        #expect(later.skipReason == "uses 'p', which has no value: block 'syntax' has a syntax error")
        #expect(Harness.run("y = 1", in: s).status == .ok)
    }

    @Test func expectStatementsBecomeClaims() {
        let s = Harness.session()
        let r = Harness.run("""
        p = 0.0474258
        expect p ~ 0.0474
        expect p ~ 0.05
        expect p !~ 0.06
        expect 138357544 == 138,357,544
        expect "a" == "a"
        expect p > 0
        expect arange(3) >= 0
        expect arange(3) == [0, 1, 2]
        expect p == 1
        expect nope ~ 1
        q = 1
        """, in: s)
        #expect(r.status == .ok)  // failing claims do not stop the block
        #expect(r.claims.map(\.status) == [.pass, .pass, .pass, .pass, .pass, .pass, .pass, .pass, .fail, .error])
        #expect(r.claims.map(\.kind) == [.approx, .approx, .erratum, .exact, .exact, .expect, .expect, .exact, .exact, .approx])
        #expect(r.claims[0].source == "p ~ 0.0474")
        #expect(r.claims[0].documented == "0.0474")
        #expect(r.claims[0].computed == .number(0.0474258))
        #expect(r.claims[0].location == SourceLocation(line: 11, column: 1))
        #expect(r.claims[9].error?.rendered == "lessons/t.md:20:8: error: unknown name 'nope'")
        #expect(s.value(of: "q")?.number == 1)
    }

    @Test func conditionsJoinedByAndOrOrAreOneExpectation() {
        let s = Harness.session()
        let r = Harness.run("""
        expect 1 == 1 and 2 == 2
        expect 1 == 2 or 3 == 3
        expect 1 == 1 and 2 == 3
        expect [x for x in arange(3) if x == 0 or x == 2] == [0, 2]
        """, in: s)
        #expect(r.claims.map(\.kind) == [.expect, .expect, .expect, .exact])
        #expect(r.claims.map(\.status) == [.pass, .pass, .fail, .pass])
    }

    @Test func aBlockPastItsTimeoutFails() {
        let s = Harness.session()
        let r = s.run(block: "x = sum([1, 2])", origin: Harness.origin(), label: "block 'slow'", seedKey: "slow", timeout: 0)
        #expect(r.status == .error)
        #expect(r.diagnostics.first?.message == "the block ran past its timeout of 0 s")
    }
}
