import Testing
@testable import Lab

/// Operators, indexing, records and comprehensions, each as `expression → values`.
@Suite struct InterpreterTests {
    @Test(arguments: [
        ("1 + 2 * 3", [7.0]), ("-2^2", [-4]), ("2^3^2", [512]), ("(1 + 2) * 3", [9]), ("7 % 3", [1]),
        ("-7 % 3", [2]), ("7 % -3", [-2]), ("1 / 4", [0.25]), ("2^-1", [0.5]), ("10 - 4 - 3", [3]),
        ("[1, 2, 3] + 1", [2, 3, 4]), ("2 * [1, 2]", [2, 4]), ("[1, 2] * [3, 4]", [3, 8]),
        ("tensor([[1], [2]]) + [10, 20]", [11, 21, 12, 22]), ("-[1, -2]", [-1, 2]), ("[1, 2] ^ 2", [1, 4]),
        ("[[1, 2], [3, 4]] @ [1, 1]", [3, 7]), ("[1, 2] @ [3, 4]", [11]), ("[5, -5] % 3", [2, 1]),
        ("true + 1", [2]),
    ])
    func arithmetic(expr: String, values: [Double]) {
        #expect(close(Harness.value(expr)?.flat, values), "\(expr)")
    }

    @Test func broadcastShapes() {
        #expect(Harness.value("tensor([[1], [2]]) + [10, 20]")?.tensor?.shape == [2, 2])
        #expect(Harness.value("zeros([2, 3]) + [1, 2, 3]")?.tensor?.shape == [2, 3])
        #expect(Harness.value("ones([4, 1, 3]) * ones([2, 1])")?.tensor?.shape == [4, 2, 3])
    }

    @Test(arguments: [
        ("1 < 2", true), ("2 <= 2", true), ("3 > 4", false), ("3 >= 4", false), ("1 == 1", true),
        ("1 != 1", false), ("\"a\" == \"a\"", true), ("\"a\" < \"b\"", true), ("none == none", true),
        ("1 == \"1\"", false), ("true != false", true), ("[\"a\"] == [\"a\"]", true),
        ("{a: 1} == {a: 1}", true), ("\"x\" == none", false), ("true == 1", true), ("true < false", false),
        ("sum([1, 2]) > 2", true), ("arange(3)[1] == 1", true),
    ])
    func scalarComparisonsGiveBooleans(expr: String, result: Bool) {
        #expect(Harness.value(expr)?.bool == result, "\(expr)")
    }

    @Test func tensorComparisonsAreElementwise() {
        #expect(close(Harness.value("arange(4) > 1")?.flat, [0, 0, 1, 1]))
        #expect(close(Harness.value("mean([1, 2, 3] == [1, 0, 3])")?.flat, [2.0 / 3]))
        #expect(close(Harness.value("[1, 2] != 2")?.flat, [1, 0]))
        #expect(close(Harness.value("[1, 2] == [1, 3]")?.flat, [1, 0]))  // lists of numbers are tensors
    }

    @Test func logicTakesBooleansOnly() {
        #expect(Harness.value("true and not false")?.bool == true)
        #expect(Harness.value("false or 1 < 2")?.bool == true)
        #expect(Harness.value("false and nothing_here")?.bool == false)  // short-circuits
        #expect(Harness.error("x = 1 and true")?.message == "'and' needs true or false, got a number")
        #expect(Harness.error("x = [1] or true")?.message == "'or' needs true or false, got a list of 1")
        #expect(Harness.error("x = not 0")?.message == "'not' needs true or false, got a number")
    }

    @Test(arguments: [
        ("[10, 20, 30][0]", [10.0]), ("[10, 20, 30][-1]", [30]), ("[10, 20, 30][1:]", [20, 30]),
        ("[10, 20, 30][::-1]", [30, 20, 10]), ("[10, 20, 30, 40][::2]", [10, 30]), ("[1, 2, 3][5:]", []),
        ("arange(10)[2:5]", [2, 3, 4]), ("arange(10)[-2:]", [8, 9]), ("arange(10)[::3]", [0, 3, 6, 9]),
        ("t[1]", [3, 4, 5]), ("t[:, 0]", [0, 3]), ("t[-1, -1]", [5]), ("t[0, 1:]", [1, 2]),
        ("t[:, ::-1][0]", [2, 1, 0]), ("t[1][2]", [5]), ("[[1, 2], [3, 4]][:, 1]", [2, 4]),
    ])
    func indexing(expr: String, values: [Double]) {
        #expect(close(Harness.value(expr, setup: "t = reshape(arange(6), [2, 3])")?.flat, values), "\(expr)")
    }

    @Test func indexingStringsRecordsAndShapes() {
        #expect(Harness.value("\"hello\"[1]")?.string == "e")
        #expect(Harness.value("\"hello\"[1:3]")?.string == "el")
        #expect(Harness.value("\"hello\"[-1]")?.string == "o")
        #expect(Harness.value("zeros([2, 3]).shape")?.flat == [2, 3])
        #expect(Harness.value("t[:, 1:].shape", setup: "t = zeros([4, 5])")?.flat == [4, 4])
        #expect(Harness.error("x = [1, 2][2]")?.message == "index 2 is out of range for a list of 2")
        #expect(Harness.error("x = arange(3)[3]")?.message.contains("out of range") == true)
        #expect(Harness.error("x = [1, 2][0.5]")?.message == "an index must be a whole number, got 0.5")
        #expect(Harness.error("x = [1, 2][::0]")?.message == "a slice step cannot be 0")
        #expect(Harness.error("x = 3[0]")?.message.contains("too many indices") == true)
    }

    @Test func recordsAndFields() {
        let setup = "r = {name: \"vgg\", params: 138, inner: {depth: 16}}"
        #expect(Harness.value("r.name", setup: setup)?.string == "vgg")
        #expect(Harness.value("r[\"params\"]", setup: setup)?.number == 138)
        #expect(Harness.value("r.inner.depth", setup: setup)?.number == 16)
        #expect(Harness.value("len(r)", setup: setup)?.number == 3)
        #expect(Harness.error("x = r.parms", setup: setup)?.message == "the record has no field 'parms'; did you mean 'params'?")
        #expect(Harness.error("x = r.zzz", setup: setup)?.message == "the record has no field 'zzz' (fields: name, params, inner)")
        #expect(Harness.error("x = (1).a")?.message == "a number has no field 'a'")
    }

    @Test func comprehensionsScopeTheirVariable() {
        let s = Harness.session()
        let r = Harness.run("""
        i = 100
        squares = [i * i for i in [1, 2, 3]]
        big = [x for x in arange(6) if x > 3]
        nested = [[j * 10 + k for k in [1, 2]] for j in [1, 2]]
        rows = [sum(row) for row in reshape(arange(4), [2, 2])]
        """, in: s)
        #expect(r.status == .ok)
        #expect(s.value(of: "i")?.number == 100)
        #expect(s.value(of: "squares")?.flat == [1, 4, 9])
        #expect(s.value(of: "big")?.flat == [4, 5])
        #expect(s.value(of: "nested")?.flat == [11, 12, 21, 22])
        #expect(s.value(of: "rows")?.flat == [1, 5])
        #expect(Harness.run("x = k", in: s).diagnostics.first?.message.hasPrefix("unknown name 'k'") == true)
        #expect(Harness.error("x = [v for v in [1, 2] if v]")?.message == "the 'if' of a comprehension needs true or false")
        #expect(Harness.error("x = [v for v in 3.5]")?.message == "cannot iterate over a number")
        #expect(Harness.error("x = [v for v in {a: 1}]")?.message == "cannot iterate over a record")
    }

    @Test func divisionByZeroIsInfinityNotACrash() {
        #expect(Harness.value("1 / 0")?.number == .infinity)
        #expect(Harness.value("-1 / 0")?.number == -.infinity)
        #expect(Harness.value("0 / 0")?.number?.isNaN == true)
        #expect(Harness.value("[1, -1] / 0")?.flat == [.infinity, -.infinity])
        #expect(Harness.value("1 % 0")?.number?.isNaN == true)
        #expect(Harness.value("2 ^ 5000")?.number == .infinity)
    }

    @Test func unlikeOperandsAreRefused() {
        #expect(Harness.error("x = \"a\" - 1")?.message == "'-' cannot combine a string and a number")
        #expect(Harness.error("x = 2 @ 3")?.message.contains("'@' multiplies matrices") == true)
        #expect(Harness.error("x = -\"a\"")?.message == "cannot negate a string")
        #expect(Harness.value("\"ab\" + \"cd\"")?.string == "abcd")
    }
}
