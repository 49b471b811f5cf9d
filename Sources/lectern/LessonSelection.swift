import ArgumentParser
import Foundation
import Notebook

/// What `LessonOptions` make of the command line and `lectern.yml`: the
/// lessons this run takes (its shard of them) and the pipeline's options,
/// the remote cache among them.
extension LessonOptions {
    /// The project of the lessons: `--root`, else found from the first lesson.
    func projectRoot(_ urls: [URL]) -> URL? {
        root.map { URL(fileURLWithPath: $0) } ?? urls.first.map(Pipeline.projectRoot(for:))
    }

    /// The lessons named on the command line, or this shard's part of them.
    func lessonURLs() throws -> [URL] {
        let urls: [URL]
        do { urls = try Pipeline.discover(paths) } catch { throw ValidationError("\(error)") }
        guard let shard, let part = try? Shard(parsing: shard) else { return urls }
        let rootURL = projectRoot(urls)
        let seconds = rootURL.map(LessonTimings.load(root:)) ?? [:]
        let names = urls.map { Pipeline.reportPath($0, root: rootURL) }
        return part.select(names, seconds: seconds).map { urls[$0] }
    }

    func pipelineOptions(unsafe: Bool = false, urls: [URL]) -> Pipeline.Options {
        var o = Pipeline.Options()
        o.unsafe = unsafe
        o.useCache = !noCache
        o.projectRoot = root.map { URL(fileURLWithPath: $0) }
        if o.useCache { o.remote = remoteCache(urls) }
        return o
    }

    /// `--cache-url`, else `cache_url:` in lectern.yml; the same for read-only.
    /// A bad URL in the file is a warning, not a failed run: the remote is
    /// only ever an optimization.
    private func remoteCache(_ urls: [URL]) -> RemoteCache? {
        let settings = projectRoot(urls).map(ProjectSettings.load(root:)) ?? ProjectSettings()
        guard let text = cacheURL ?? settings.cacheURL, !text.isEmpty else { return nil }
        let url: URL
        do { url = try HTTPRemoteStore.parse(text) } catch {
            Terminal.error("warning: cache_url in lectern.yml: \(error); working from the local cache only")
            return nil
        }
        return RemoteCache(store: HTTPRemoteStore(url: url), readOnly: cacheReadOnly || settings.cacheReadOnly,
                           warn: { Terminal.error($0) })
    }

    /// The run's report: its lessons' sums, marked with its shard if it has one.
    func report(_ lessons: [LessonReport]) -> CheckReport {
        CheckReport(lessons, shard: shard.flatMap { try? Shard(parsing: $0).description })
    }
}

/// Writes a report as `--json` asks: to a file, or alone on standard output for '-'.
enum ReportJSON {
    static func write(_ report: CheckReport, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(report)
        if path == "-" { FileHandle.standardOutput.write(data + Data("\n".utf8)) }
        else { try AtomicFile.write([UInt8](data), to: URL(fileURLWithPath: path)) }
    }
}
