import Testing
@testable import Tensors

/// Large allocations are refused, with both sizes in the message, once they
/// would take the process past the memory budget.
@Suite struct MemoryBudgetTests {
    @Test(arguments: [("8G", 8 << 30), ("512M", 512 << 20), ("512MiB", 512 << 20), ("1.5g", 3 << 29),
                      ("100000000", 100_000_000), ("64K", 64 << 10), ("2GB", 2 << 30)])
    func sizesParse(text: String, bytes: Int) {
        #expect(MemoryBudget.parse(text) == bytes)
    }

    @Test(arguments: ["", "G", "-1G", "0", "lots", "1e300G", "nanG"])
    func malformedSizesDoNot(text: String) {
        #expect(MemoryBudget.parse(text) == nil)
    }

    @Test func anAllocationPastTheBudgetThrows() throws {
        try MemoryBudget.$scoped.withValue(64 << 20) {
            #expect(throws: TensorError.self) { try Tensor(zeros: [100_000, 1000]) }
            #expect(throws: TensorError.self) { try Tensor(repeating: 1, shape: [1 << 25]) }
            // Small tensors are not even checked, so they stay cheap.
            _ = try Tensor(zeros: [1000])
        }
        do {
            _ = try MemoryBudget.$scoped.withValue(64 << 20) { try Tensor(zeros: [100_000, 1000]) }
            Issue.record("no error")
        } catch let error as TensorError {
            #expect(error.description.hasPrefix("this tensor of shape (100000, 1000) needs 381 MiB; with the "))
            #expect(error.description.hasSuffix(
                "already held it would pass the memory budget of 64 MiB (set LECTERN_MEMORY_LIMIT or --memory-limit)"))
        }
    }

    @Test func theDefaultLeavesRoomForOrdinaryWork() {
        #expect(MemoryBudget.limit > 1 << 28)
        #expect(MemoryBudget.residentBytes() > 0)
    }
}
