import Testing
@testable import Lab
import Tensors

/// A lesson that asks for more memory than the budget gets a located error.
@Suite struct MemoryLimitTests {
    @Test func tensorsPastTheMemoryBudgetAreLocatedErrors() {
        let d = MemoryBudget.$scoped.withValue(64 << 20) { Harness.error("x = zeros([100000, 1000])") }
        #expect(d?.rendered.hasPrefix("lessons/t.md:10:5: error: zeros: this tensor of shape (100000, 1000) needs 381 MiB") == true,
                "\(d?.rendered ?? "no error")")
        #expect(d?.message.contains("the memory budget of 64 MiB (set LECTERN_MEMORY_LIMIT or --memory-limit)") == true)
    }
}
