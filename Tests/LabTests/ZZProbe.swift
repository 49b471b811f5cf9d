import Testing
@testable import Lab

@Test func zzprobe() {
    let exprs = ["softmax(3)", "[] == []", "[1, [2, 3]]", "[[1,2],[3,4]] @ [[1],[1]]", "zeros([2,0])", "zeros([0])",
                 "sum(zeros([0]))", "mean(zeros([0]))", "argmax(zeros([0]))", "log(0)", "log(-1)", "sqrt(-1)",
                 "[1,2,3][1:2:0]", "\"abc\"[::-1]", "1 < \"a\"", "none + 1", "[1,2] + [1,2,3]", "{a: 1}.a.b",
                 "round(2.675, digits=2)", "arange(0.1, 0.4, step=0.1)", "transpose([1,2,3])", "stack([1, 2])",
                 "concat([1, 2])", "norm(-3)", "clip([1,2], 0, 0/0)", "full([2], \"a\")", "len(none)", "shape(3)",
                 "[x for x in \"ab\"]", "rand([2], seed=1.5)", "randn(2)", "dot(2, [1,2])", "reshape(3, [1])",
                 "reshape([1,2,3,4], [2, 2])[1, 1]", "-true", "not none", "[1,2][-3]", "zeros([2,3])[5:1]",
                 "1e999 - 1e999", "sign(0/0)", "max([0/0, 1])", "argmax([1, 3, 3])", "{a: 1} + 1", "linspace(0, 1, count=1)",
                 "cnn(\"INPUT 28x28x1 -> FC-10\")", "summary(cnn(\"INPUT 28x28x1 -> CONV3-8 -> FC-10\")).params",
                 "cnn(\"INPUT 28x28x1 -> CONVX\")", "x[0]", "1 2", "f(", "t[0:1:2:3]"]
    for e in exprs {
        let s = Harness.session()
        let r = Harness.run("v = " + e, in: s)
        print("PROBE \(e) => \(r.status) \(s.value(of: "v").map { $0.kindDescription + " " + $0.inlineText } ?? "") \(r.diagnostics.map(\.rendered))")
    }
}
