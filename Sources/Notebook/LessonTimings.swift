import Foundation

/// Each lesson's last recorded run time, in `lectern-timings.json` beside
/// `lectern.yml`: what `--shard` balances by. It is a file of the project,
/// committed like the lessons, so that every job of a CI matrix reads the
/// same times and splits the course the same way; `lectern report merge
/// --timings` writes it from a whole run's reports.
public enum LessonTimings {
    public static let fileName = "lectern-timings.json"

    /// Lesson path → seconds; empty when the file is missing or unreadable,
    /// which only makes the split fall back to file order.
    public static func load(root: URL) -> [String: Double] {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(fileName).path),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [:] }
        return file.seconds
    }

    public static func write(_ seconds: [String: Double], to url: URL) throws {
        let encoder = JSONEncoder()
        // A file people read in diffs: paths without escaped slashes.
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Rounded to a tenth: noise below that would only churn the file.
        let rounded = seconds.mapValues { ($0 * 10).rounded() / 10 }
        try AtomicFile.write(Array(try encoder.encode(File(seconds: rounded))) + [10], to: url)
    }

    private struct File: Codable {
        var seconds: [String: Double]
    }
}
