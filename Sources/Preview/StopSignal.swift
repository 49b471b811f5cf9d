import Dispatch
import Foundation

/// SIGINT and SIGTERM end the preview cleanly and with status 0. The first
/// lets a render in progress finish (its pages are written atomically); a
/// second abandons it: the temporary files its atomic writes had open are
/// removed and the process exits, so no page is ever half written.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var _requested = false
    private var _rendering = false
    private var sources: [DispatchSourceSignal] = []

    var requested: Bool { lock.withLock { _requested } }
    var rendering: Bool {
        get { lock.withLock { _rendering } }
        set { lock.withLock { _rendering = newValue } }
    }

    func install(output: URL, cache: URL, log: @escaping @Sendable (String) -> Void) {
        let queue = DispatchQueue(label: "lectern.preview.signals")
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [self] in
                let (again, busy) = lock.withLock { () -> (Bool, Bool) in
                    defer { _requested = true }
                    return (_requested, _rendering)
                }
                if again && busy {
                    StopSignal.removeTemporaries(in: [output, cache.appendingPathComponent("lessons"),
                                                      cache.appendingPathComponent("builtins")])
                    log("render abandoned; stopped")
                    fflush(nil)
                    // _exit: the main thread is mid-render; no atexit work may race it.
                    _exit(0)
                }
                if busy { log("stopping after the render in progress (press Ctrl-C again to abandon it)") }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Notebook's atomic writes go through `.NAME.tmp-PID` beside the target.
    static func removeTemporaries(in folders: [URL]) {
        let suffix = ".tmp-\(getpid())"
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where name.hasPrefix(".") && name.hasSuffix(suffix) {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}
