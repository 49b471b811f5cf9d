import Testing
@testable import Lab

/// Every error names the file, line and column of the offending token and
/// says what went wrong in plain words.
@Suite struct DiagnosticTests {
    @Test(arguments: [
        // (source, rendered diagnostic); the block starts at line 10.
        ("p = sigmoyd(1)", "lessons/t.md:10:5: error: unknown function 'sigmoyd'; did you mean 'sigmoid'?"),
        ("probs = [1]\nx = mean(prob)", "lessons/t.md:11:10: error: unknown name 'prob'; did you mean 'probs'?"),
        ("x = qqqqqqqq + 1", "lessons/t.md:10:5: error: unknown name 'qqqqqqqq'"),
        ("x = sigmoid", "lessons/t.md:10:5: error: 'sigmoid' is a built-in function; call it as sigmoid(...)"),
        ("y = 2\nx = y(3)", "lessons/t.md:11:5: error: 'y' is a value, not a function"),
        ("x = zeros([2, 3]) + zeros([3, 2])",
         "lessons/t.md:10:19: error: shape mismatch in +: (2, 3) and (3, 2)"),
        ("a = [[1, 2]]\nx = a @ [1, 2, 3]", "lessons/t.md:11:7: error: shape mismatch in @: (1, 2) and (3)"),
        ("x = sum([1, 2], axsi=0)",
         "lessons/t.md:10:17: error: sum has no parameter 'axsi'; did you mean 'axis'? (it takes sum(x, axis=))"),
        ("x = sum([1], axis=0, axis=0)", "lessons/t.md:10:22: error: sum: 'axis' is given twice"),
        ("x = clip(1, 2)", "lessons/t.md:10:5: error: clip needs the argument 'high' (clip(x, low, high))"),
        ("x = exp(1, 2)", "lessons/t.md:10:12: error: exp takes at most 1 positional argument (exp(x))"),
        ("x = zeros(\"big\")",
         "lessons/t.md:10:11: error: zeros: 'shape' must be a shape list such as [2, 3], got a string"),
        ("x = [[1, 2], [3]] + 1",
         "lessons/t.md:10:19: error: items of a list used as a tensor must have one shape: item 0 has shape (2), item 1 has (1)"),
        ("r = {a: 1}\nx = r.b", "lessons/t.md:11:7: error: the record has no field 'b'; did you mean 'a'?"),
        ("x = (1 +\n  2) * nope", "lessons/t.md:11:8: error: unknown name 'nope'"),
    ])
    func located(source: String, rendered: String) {
        #expect(Harness.error(source)?.rendered == rendered)
    }

    @Test func columnsIncludeTheSnippetsIndentation() {
        let s = Harness.session()
        let r = s.run(block: "x = 1\nx = x + nope", origin: Harness.origin(line: 3, indent: 4), label: "b", seedKey: "b")
        #expect(r.diagnostics.first?.rendered == "lessons/t.md:4:13: error: unknown name 'nope'")
        let inline = s.evaluate(inline: "= 1 + nope", origin: SourceOrigin(file: Harness.file, firstLine: 7, columnOffsets: [20]))
        #expect(inline.diagnostic?.rendered == "lessons/t.md:7:27: error: unknown name 'nope'")
    }

    @Test func suggestionsComeFromBuiltinsLocalsAndTheEnvironment() {
        #expect(Harness.error("x = softmx([1])")?.message.hasSuffix("did you mean 'softmax'?") == true)
        #expect(Harness.error("x = [itm for item in [1]]")?.message.hasSuffix("did you mean 'item'?") == true)
        #expect(Harness.error("accuracy = 1\nx = acuracy")?.message.hasSuffix("did you mean 'accuracy'?") == true)
        #expect(Harness.error("x = linspace(0, 1, cout=3)")?.message.contains("did you mean 'count'?") == true)
        #expect(Suggest.closest(to: "zzzzzz", among: ["sum", "mean"]) == nil)
        #expect(Suggest.distance(Array("kitten"), Array("sitting")) == 3)
    }

    @Test func claimErrorsPointAtTheClaim() {
        let r = Harness.run("x = 1\nexpect x ~ 5 ± oops", in: Harness.session())
        #expect(r.claims.first?.error?.rendered
                == "lessons/t.md:11:16: error: expected a non-negative number after '±'")
        let wrongKind = Harness.run("expect \"a\" ~ 1", in: Harness.session())
        #expect(wrongKind.claims.first?.error?.rendered
                == "lessons/t.md:10:8: error: expected a number for the documented number's computed value, got a string")
        let notBool = Harness.run("expect 3", in: Harness.session())
        #expect(notBool.claims.first?.error?.message.hasPrefix("expect needs true or false, got a number") == true)
    }

    @Test func everyRenderedDiagnosticHasOneShape() {
        let sources = ["x = (", "x = \"open", "x = 1 $", "x = nope", "x = [1][5]", "x = sum()", "x = 1 +", "expect"]
        for source in sources {
            let d = Harness.error(source)
            let rendered = d?.rendered ?? ""
            #expect(rendered.hasPrefix("lessons/t.md:10:"), "\(source): \(rendered)")
            #expect(rendered.contains(": error: "), "\(source)")
        }
    }
}
