import Foundation
@testable import Notebook

/// A throwaway project folder for one test: lessons are written into it and
/// the pipeline runs with it as the project root, so tests never share a
/// cache and never read anything outside their own folder.
final class LessonFolder {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("lectern-nbtests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var lessons: URL { root.appendingPathComponent("lessons") }
    var output: URL { root.appendingPathComponent("output") }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let url = lessons.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    func options(cache: Bool = false, unsafe: Bool = false) -> Pipeline.Options {
        var o = Pipeline.Options()
        o.projectRoot = root
        o.useCache = cache
        o.unsafe = unsafe
        return o
    }

    /// Writes one lesson and runs it (without the render stage unless asked).
    func run(_ text: String, name: String = "01-lesson.md", render: Bool = false,
             unsafe: Bool = false) throws -> Pipeline.Outcome {
        let url = try write(name, text)
        return Pipeline(options: options(unsafe: unsafe)).run(url, render: render)
    }

    /// Renders every lesson in `lessons/` into `output/`.
    @discardableResult
    func render(cache: Bool = false, unsafe: Bool = false) throws -> [(outcome: Pipeline.Outcome, wrote: Bool)] {
        let urls = try Pipeline.discover([lessons.path])
        var seen: [(Pipeline.Outcome, Bool)] = []
        _ = try Pipeline(options: options(cache: cache, unsafe: unsafe)).render(urls, to: output) { o, _, wrote in
            seen.append((o, wrote))
        }
        return seen
    }

    func page(_ name: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
    }
}

/// The article of a page, where a test's assertions belong (the template
/// around it is the same for every lesson).
func article(_ page: String) -> String {
    guard let start = page.range(of: "<article>"), let end = page.range(of: "</article>") else { return page }
    return String(page[start.upperBound..<end.lowerBound])
}

/// "line:column", how tests compare positions (array literals of Int are
/// ambiguous next to Lab's element-wise operators).
func at(_ line: Int, _ column: Int) -> String { "\(line):\(column)" }

/// The 1-based line and column (in Unicode scalars) where `needle` starts
/// in `text`, counting `occurrence` earlier matches first: what a test
/// expects a diagnostic or claim to report.
func locate(_ needle: String, in text: String, occurrence: Int = 0) -> (line: Int, column: Int)? {
    var seen = 0
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let scalars = Array(line.unicodeScalars), n = Array(needle.unicodeScalars)
        guard scalars.count >= n.count, !n.isEmpty else { continue }
        for start in 0...(scalars.count - n.count) where scalars[start..<start + n.count].elementsEqual(n) {
            if seen == occurrence { return (i + 1, start + 1) }
            seen += 1
        }
    }
    return nil
}
