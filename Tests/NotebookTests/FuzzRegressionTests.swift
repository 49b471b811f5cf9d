import Foundation
import Testing

/// Every input the fuzzers crashed on (Fuzz/Crashes/) and every seed of their
/// corpus (Fuzz/Corpus/), replayed through the same entry points the fuzz
/// targets call (`FuzzEntry`, compiled here through the symlink in Fuzz/):
/// each must end without a crash. A crash takes the whole test process down,
/// so an input whose fix has not landed yet can be listed in
/// Fuzz/pending-fixes.txt: the fuzzers and these tests leave it out until then.
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
}
