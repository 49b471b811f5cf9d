import Dispatch
import Foundation
import Notebook

/// `lectern preview`: serve, render, then re-render on every save until
/// SIGINT or SIGTERM. Rendering runs on the calling (main) thread, with its
/// large stack; the server runs on Swift's task pool.
public final class PreviewSession {
    public struct Settings {
        public var paths: [String]
        public var output: URL
        public var options: Pipeline.Options
        public var port: UInt16
        public init(paths: [String], output: URL, options: Pipeline.Options, port: UInt16) {
            (self.paths, self.output, self.options, self.port) = (paths, output, options, port)
        }
    }

    /// How often the watcher looks at modification times.
    static let pollInterval: TimeInterval = 0.1

    let settings: Settings
    let site = Site()
    let rebuilder: Rebuilder
    let stop = StopSignal()
    let log: @Sendable (String) -> Void

    public init(_ settings: Settings, log: @escaping @Sendable (String) -> Void,
                report: @escaping (Pipeline.Outcome, URL, Bool) -> Void) throws {
        self.settings = settings
        self.log = log
        rebuilder = try Rebuilder(paths: settings.paths, output: settings.output, options: settings.options,
                                  site: site, report: report)
    }

    /// Runs until a signal; `ready` gets the URL once the first render is served.
    public func run(ready: (String) -> Void) throws {
        let server = try PreviewServer(site: site, output: settings.output, port: settings.port)
        // Bind before the first render, so a taken port is said at once.
        let port = try blocking { try await server.start() }
        stop.install(output: settings.output, cache: cacheFolder, log: log)

        var watcher = FileWatcher(roots: rebuilder.watchedFolders(projectRoot: settings.options.projectRoot),
                                  excluding: [settings.output])
        renderReporting(changed: nil)
        if !stop.requested { ready("http://127.0.0.1:\(port)/") }

        while !stop.requested {
            Thread.sleep(forTimeInterval: PreviewSession.pollInterval)
            let changed = watcher.changes()
            guard !changed.isEmpty, !stop.requested else { continue }
            renderReporting(changed: changed)
        }
        try? blocking { await server.stop() }
        log("stopped")
    }

    private var cacheFolder: URL {
        let root = settings.options.projectRoot ?? rebuilder.lessons.first.map(Pipeline.projectRoot(for:))
        return (root ?? URL(fileURLWithPath: ".")).appendingPathComponent(".lectern-cache")
    }

    /// `changed` is nil for the first render, which always reports.
    private func renderReporting(changed: Set<String>?) {
        let started = Date()
        stop.rendering = true
        defer { stop.rendering = false }
        do {
            guard try rebuilder.render() || changed == nil else { return }
            let seconds = Date().timeIntervalSince(started)
            if let changed {
                let names = changed.sorted().map { Pipeline.relative(URL(fileURLWithPath: $0)) }
                log(String(format: "re-rendered in %.2f s after a change to ", seconds)
                    + names.prefix(3).joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : ""))
            } else {
                let n = rebuilder.lessons.count
                log(String(format: "rendered %d lesson%@ in %.2f s", n, n == 1 ? "" : "s", seconds))
            }
        } catch {
            log("error: \(error)")
        }
    }
}

/// Runs async work from synchronous code and waits for it.
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Written once by the task, read after the semaphore says it was.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
