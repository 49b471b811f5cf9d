import Foundation

/// What the run is doing now, for the command line's live status line:
/// the lesson, the block (its id or line) and what a long built-in says of
/// its progress. Written by the pipeline and by training, read by whoever
/// draws the line; when someone does, training stops drawing its own bar.
public final class Activity: @unchecked Sendable {
    public static let shared = Activity()

    private let lock = NSLock()
    private var lesson = ""
    private var block = ""
    private var detail = ""
    private var started = Date()
    private var drawn = false

    /// Set by a command that draws the status line itself.
    public var drawnElsewhere: Bool {
        get { lock.withLock { drawn } }
        set { lock.withLock { drawn = newValue } }
    }

    public func begin(lesson path: String) {
        lock.withLock { (lesson, block, detail, started) = (path, "", "", Date()) }
    }

    /// `what` names the block: `block 'train' (line 40)`.
    public func begin(block what: String) {
        lock.withLock { (block, detail) = (what, "") }
    }

    public func report(_ text: String) { lock.withLock { detail = text } }

    /// One line: `lessons/03.md · block 'train' (line 40) · epoch 1/3 … · 12.3 s`.
    public var line: String {
        lock.withLock {
            guard !lesson.isEmpty else { return "" }
            let parts = [lesson, block, detail].filter { !$0.isEmpty }
            return parts.joined(separator: " · ") + String(format: " · %.1f s", Date().timeIntervalSince(started))
        }
    }
}
