import Testing
@testable import Lab
import Tensors

/// The constructs a lecturer coming from Python reaches for: conditional
/// expressions, small functions, masks, and clear refusals of the habits
/// that mean something else here.
struct LecturerLanguageTests {
    @Test func conditionalExpressionsChooseAndNestToTheRight() throws {
        #expect(Harness.value("1 if 2 > 1 else 0")?.number == 1)
        #expect(Harness.value("\"a\" if false else \"b\" if true else \"c\"")?.string == "b")
        // Only the chosen side is evaluated: the other would fail.
        #expect(Harness.value("1 if true else nosuch")?.number == 1)
        // A comprehension's `if` is still its filter.
        #expect(Harness.value("[x if x > 1 else 0 for x in [1, 2, 3] if x != 2]")?.flat == [0, 3])
        #expect(try Parser.parseBlock("y = a if c else b", origin: Harness.origin()).statements.count == 1)
        let e = try #require(Harness.error("y = 1 if [1, 2] > 1 else 0"))
        #expect(e.message.contains("needs true or false") && e.message.contains("where(mask, a, b)"))
        #expect(e.location == SourceLocation(line: 10, column: 17))  // at the `>`, as every operator error
    }

    @Test func functionsCallCaptureAndCheckTheirArguments() throws {
        let setup = "k = 10\nscale = fn(x, by) => x * by + k\nsquare = fn(x) => x^2\nk = 1000"
        // Captured when written: the later k = 1000 changes nothing.
        #expect(Harness.value("scale(2, 3)", setup: setup)?.number == 16)
        #expect(Harness.value("scale(by=3, x=2)", setup: setup)?.number == 16)
        #expect(Harness.value("[square(x) for x in [1, 2, 3]]", setup: setup)?.flat == [1, 4, 9])
        #expect(Harness.value("square([1, 2])", setup: setup)?.flat == [1, 4])
        #expect(Harness.value("(fn() => 7)", setup: "")?.string == nil)
        let few = try #require(Harness.error("scale(1)", setup: setup))
        #expect(few.message == "scale needs 'by'; it is fn(x, by)")
        let many = try #require(Harness.error("square(1, 2)", setup: setup))
        #expect(many.message == "square takes 1 argument, got 2; it is fn(x)")
        let label = try #require(Harness.error("scale(1, bx=2)", setup: setup))
        #expect(label.message.contains("no parameter 'bx'") && label.message.contains("did you mean 'by'"))
        // A name the body reads must exist where the function is written.
        let unknown = try #require(Harness.error("f = fn(x) => x + nosuch"))
        #expect(unknown.message.contains("unknown name 'nosuch'"))
        // Built-ins are called, not captured.
        #expect(Harness.value("m(tensor([1, 2, 3]))", setup: "m = fn(x) => mean(x) * 2")?.number == 4)
    }

    @Test func aFunctionCannotCallItselfAndChainsAreBounded() throws {
        // `f` is not bound yet when its body's names are captured.
        let e = try #require(Harness.error("f = fn(x) => f(x)"))
        #expect(e.message.contains("unknown name 'f'"))
        let chain = (1...150).map { "f\($0) = fn(x) => f\($0 - 1)(x) + 1" }.joined(separator: "\n")
        let deep = try #require(Harness.error("f0 = fn(x) => x\n" + chain))
        #expect(deep.message.contains("nested more than 100 levels"))
    }

    @Test func functionsSurviveTheValueCodecWithTheirLocations() throws {
        let s = Harness.session()
        Harness.run("k = {y: 2}\ntwice = (fn(x) =>\n    x * k.y)", in: s)
        let f = try #require(s.value(of: "twice"))
        let bytes = try #require(ValueCodec.encode(f))
        guard case let .object(back as FunctionValue)? = ValueCodec.decode(bytes),
              case let .object(original as FunctionValue) = f else { Issue.record("not a function"); return }
        #expect(back.contentKey == original.contentKey)
        #expect(back.source == "fn(x) =>\n    x * k.y")
        #expect("\(back.body.location)" == "\(original.body.location)")
    }

    @Test func masksSelectElementsAndRows() throws {
        #expect(Harness.value("t[t > 2]", setup: "t = tensor([[1, 5], [3, 0]])")?.flat == [5, 3])
        #expect(Harness.value("shape(x[labels == 1])",
                              setup: "x = reshape(arange(6), [3, 2])\nlabels = tensor([1, 0, 1])")?.flat == [2, 2])
        #expect(Harness.value("x[labels == 1]", setup: "x = reshape(arange(6), [3, 2])\nlabels = tensor([1, 0, 1])")?.flat
                == [0, 1, 4, 5])
        #expect(Harness.value("names[[true, false, true]]", setup: "names = [\"a\", \"b\", \"c\"]")?.flat == nil)
        if case let .list(items)? = Harness.value("names[[true, false, true]]", setup: "names = [\"a\", \"b\", \"c\"]") {
            #expect(items.compactMap(\.string) == ["a", "c"])
        } else {
            Issue.record("a list masked by a list is a list")
        }
        #expect(Harness.value("len(t[t > 100])", setup: "t = tensor([1, 2])")?.number == 0)
        let positions = try #require(Harness.error("t[[0, 2]]", setup: "t = tensor([1, 2, 3])"))
        #expect(positions.message.contains("must be a mask of true/false"))
        let shape = try #require(Harness.error("t[tensor([1, 0])]", setup: "t = tensor([1, 2, 3])"))
        #expect(shape.message.contains("must have the tensor's shape (3)"))
    }

    /// Each Python habit gets an error naming the construct and the Lectern way.
    @Test(arguments: [
        ("def f(a):\n    return a", "there is no 'def'; define a function as name = fn(x) => expression"),
        ("if x > 3:\n    y = 1", "there are no 'if' statements"),
        ("for x in xs:\n    y = x", "there are no loops; build a list with a comprehension"),
        ("while true:\n    y = 1", "there are no loops"),
        ("import numpy as np", "there is nothing to import"),
        ("y = f\"acc {x}\"", "strings (f-strings) do not exist; build the text with format(x, \".2f\")"),
        ("y = lambda x: x", "there is no 'lambda'; write a function as fn(x) => expression"),
        ("y = fn(x): x", "a function's expression follows '=>'"),
        ("t = tensor([1, 2])\ny = t.mean()", "'.mean()' is a method call, and values have no methods; call the function: mean(t)"),
        ("t = tensor([1, 2])\ny = t.mean", "'.mean' is not a field: values have no methods; call the function, mean(x)"),
        ("t = tensor([[1, 2]])\ny = t.T", "a tensor has no field 'T'; transpose it with transpose(x)"),
        ("y = [1, 2] + [3]", "'+' between two lists: join them with concat([a, b]), or add element by element with tensor(a) + b"),
        ("print(3)", "there is no print"),
    ])
    func pythonHabitsAreNamed(source: String, message: String) throws {
        let e = try #require(Harness.error(source))
        #expect(e.message.contains(message), "\(e.message)")
    }

    @Test func aMethodCallNamesTheFunctionWithItsReceiver() throws {
        let e = try #require(Harness.error("r = {acc: tensor([1, 2])}\ny = sum(r.acc.max())"))
        #expect(e.message.contains("'.max' is not a field") || e.message.contains("call the function: max(r.acc)"))
    }
}
