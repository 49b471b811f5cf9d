import Foundation
import Testing

/// Every input the fuzzers crashed on (Fuzz/Crashes/) and every seed of their
/// corpus (Fuzz/Corpus/), replayed through the same entry points the fuzz
/// targets call (`FuzzEntry`, compiled here through the symlink in Fuzz/):
/// each must end without a crash. A crash takes the whole test process down,
/// so the inputs of crashes being fixed on other branches are listed in
/// Fuzz/pending-fixes.txt and replayed by the disabled tests below, one per
/// bug, to be enabled (and their lines removed) when those branches merge.
@Suite struct FuzzRegressionTests {
    static let fuzz = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// "target/file" of each input the fixes on other branches are needed for.
    static let pending: Set<String> = {
        let text = (try? String(contentsOf: fuzz.appendingPathComponent("pending-fixes.txt"), encoding: .utf8)) ?? ""
        return Set(text.split(separator: "\n").compactMap { line in
            line.hasPrefix("#") ? nil : line.split(separator: " ").first.map(String.init)
        })
    }()

    /// "target/file" of every input under `folder` (Corpus or Crashes), pending ones left out.
    static func inputs(_ folder: String) -> [String] {
        let fm = FileManager.default
        let base = fuzz.appendingPathComponent(folder)
        var out: [String] = []
        for target in ["lesson", "language", "decoders"] {
            let names = (try? fm.contentsOfDirectory(atPath: base.appendingPathComponent(target).path)) ?? []
            out += names.filter { !$0.hasPrefix(".") }.sorted().map { "\(target)/\($0)" }
        }
        return out.filter { !pending.contains($0) }
    }

    static func replay(_ folder: String, _ input: String) throws {
        let url = fuzz.appendingPathComponent(folder).appendingPathComponent(input)
        let bytes = [UInt8](try Data(contentsOf: url))
        switch input.split(separator: "/").first {
        case "lesson": FuzzEntry.lesson(bytes)
        case "language": FuzzEntry.language(bytes)
        case "decoders": FuzzEntry.decoders(bytes)
        default: Issue.record("no fuzz target for \(input)")
        }
    }

    @Test func pendingInputsExist() {
        for input in Self.pending {
            #expect(FileManager.default.fileExists(atPath: Self.fuzz.appendingPathComponent("Corpus/\(input)").path)
                    || FileManager.default.fileExists(atPath: Self.fuzz.appendingPathComponent("Crashes/\(input)").path),
                    "Fuzz/pending-fixes.txt names \(input), which is in neither Corpus/ nor Crashes/")
        }
    }

    @Test(arguments: inputs("Crashes"))
    func crashFoundByFuzzing(_ input: String) throws { try Self.replay("Crashes", input) }

    @Test(arguments: inputs("Corpus"))
    func seed(_ input: String) throws { try Self.replay("Corpus", input) }

    // The crashes being fixed on other branches (Fuzz/pending-fixes.txt). When
    // one merges, enable its test and delete its lines from that file, so the
    // fuzzers get the inputs back and `seed`/`crashFoundByFuzzing` replay them.

    @Test(.disabled("crashes until fix-core merges: Parallel.forEach hands MaxPoolLayer's loop an empty range (Range requires lowerBound <= upperBound) for a batch of 25"),
          arguments: ["language/repro-cnn-predict-batch", "lesson/repro-cnn-predict-batch.md"])
    func parallelSplitOfABatchOf25(_ input: String) throws { try Self.replay("Corpus", input) }

    @Test(.disabled("crashes until fix-core merges: displaying a value nested 6000 levels deep overflows the stack in Value.inlineText"),
          arguments: ["language/repro-deep-value", "lesson/repro-deep-value.md"])
    func deeplyNestedValue(_ input: String) throws { try Self.replay("Corpus", input) }

    @Test(.disabled("crashes until fix-pipeline merges: 10000 nested block quotes or list levels overflow the stack converting and rendering the Markdown tree"),
          arguments: ["lesson/repro-nested-quotes-10k.md", "lesson/repro-nested-lists-10k.md", "lesson/repro-stars-20k.md"])
    func deeplyNestedMarkdown(_ input: String) throws { try Self.replay("Corpus", input) }

    @Test(.disabled("crashes until fix-pipeline merges: found by fuzzing, thousands of levels of nested emphasis overflow the stack in RenderStage.render"),
          arguments: ["lesson/crash-e31a5b4e97a4c35938365f7342f63fb675019926",
                      "lesson/crash-60722c783c9897da3d466cd0e7581d93076de29b"])
    func deeplyNestedEmphasis(_ input: String) throws { try Self.replay("Crashes", input) }
}
