import ArgumentParser
import Tensors

/// `--memory-limit`, shared by the commands that run lessons.
struct MemoryLimitOption: ParsableArguments {
    @Option(name: .customLong("memory-limit"),
            help: "Refuse tensors that would take the run past this much memory, e.g. 8G or 512M (default: LECTERN_MEMORY_LIMIT, else 3/4 of physical memory).")
    var memoryLimit: String?

    /// The budget is process-wide and must be in place before any lesson
    /// runs, so it is set as soon as the option is read.
    mutating func validate() throws {
        guard let memoryLimit else { return }
        guard let bytes = MemoryBudget.parse(memoryLimit) else {
            throw ValidationError("--memory-limit: expected a size such as 8G, 512M or 100000000, got '\(memoryLimit)'")
        }
        MemoryBudget.limit = bytes
    }
}
