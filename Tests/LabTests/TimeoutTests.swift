import Testing
@testable import Lab

/// A block's `timeout=` stops a long built-in from the inside, not only
/// between calls, and the error names the limit.
@Suite struct TimeoutTests {
    static func run(_ source: String, timeout: Double) -> BlockRun {
        let s = Harness.session()
        return s.run(block: source, origin: Harness.origin(), label: "block 'slow'", seedKey: "slow", timeout: timeout)
    }

    @Test(arguments: [
        "p = pca(x, 2)",
        "n = neighbors(x, x, k=3)",
        "a = knn_accuracy(x, arange(400) % 3, k=5)",
        "t = trustworthiness(x, x[:, 0:2], k=5)",
    ])
    func aLongEmbeddingBuiltinStopsAtTheTimeout(call: String) {
        // Seconds of work in a debug build; the limit is a few milliseconds.
        let r = Self.run("x = randn([400, 1200], seed=1)\n" + call, timeout: 0.02)
        #expect(r.status == .error)
        #expect(r.diagnostics.first?.message.hasSuffix("the block ran past its timeout of 0.02 s") == true,
                "\(r.diagnostics.first?.message ?? "no error")")
    }

    @Test func statementsOfOperatorsAloneStopAtTheTimeout() {
        // No built-in is called after the first line: only the check between statements can stop it.
        let source = "a = ones([400, 400])\n" + Array(repeating: "b = a @ a @ a", count: 400).joined(separator: "\n")
        let r = Self.run(source, timeout: 0.02)
        #expect(r.status == .error)
        #expect(r.diagnostics.first?.message == "the block ran past its timeout of 0.02 s")
    }
}
