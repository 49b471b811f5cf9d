import Foundation

/// SIGINT and SIGTERM end the preview cleanly and with status 0. The first
/// lets a render in progress finish (its pages are written atomically); a
/// second abandons it: the temporary files its atomic writes had open are
/// removed and the process exits, so no page is ever half written.
///
/// The handler only counts signals, all a handler may safely do; a thread
/// of its own acts on the count, so a second signal is heard while the main
/// thread is busy rendering.
final class StopSignal: @unchecked Sendable {
    /// Written only by the handler; an aligned word, read by polling.
    nonisolated(unsafe) private static var received: Int32 = 0

    private let lock = NSLock()
    private var _rendering = false

    var requested: Bool { StopSignal.received > 0 }
    var rendering: Bool {
        get { lock.withLock { _rendering } }
        set { lock.withLock { _rendering = newValue } }
    }

    func install(output: URL, cache: URL, log: @escaping @Sendable (String) -> Void) {
        _ = StopSignal.received  // initialised here, never first in the handler
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { _ in StopSignal.received &+= 1 }
        }
        let watch = Thread { [self] in
            // A process can start with these blocked (a parent that spawns it
            // from a libdispatch worker passes that thread's mask on, as the
            // Swift tests do); blocked in every thread, a signal waits forever.
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGINT)
            sigaddset(&set, SIGTERM)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            var seen: Int32 = 0
            while true {
                Thread.sleep(forTimeInterval: 0.02)
                let now = StopSignal.received
                guard now != seen else { continue }
                seen = now
                guard rendering else { continue }  // the main loop sees `requested` and stops
                if now >= 2 {
                    StopSignal.removeTemporaries(in: [output, cache.appendingPathComponent("lessons"),
                                                      cache.appendingPathComponent("builtins")])
                    log("render abandoned; stopped")
                    fflush(nil)
                    // _exit: the main thread is mid-render; no atexit work may race it.
                    _exit(0)
                }
                log("stopping after the render in progress (press Ctrl-C again to abandon it)")
            }
        }
        watch.start()
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
