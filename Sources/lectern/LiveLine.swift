import Foundation
import Lab

/// On a terminal, one line at the bottom naming the running lesson, block
/// and elapsed time, redrawn in place; in a log (not a terminal) nothing,
/// so CI output holds only the lines that matter.
final class LiveLine: @unchecked Sendable {
    private let timer: DispatchSourceTimer?
    private let lock = NSLock()

    init() {
        guard isatty(2) != 0 else { timer = nil; return }
        Activity.shared.drawnElsewhere = true
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "lectern.live-line"))
        t.schedule(deadline: .now() + 0.2, repeating: 0.2)
        timer = t
        t.setEventHandler { [weak self] in self?.draw() }
        t.resume()
    }

    private func draw() {
        let text = Activity.shared.line
        guard !text.isEmpty else { return }
        var columns = winsize()
        let width = ioctl(2, UInt(TIOCGWINSZ), &columns) == 0 && columns.ws_col > 10 ? Int(columns.ws_col) - 1 : 99
        lock.withLock { FileHandle.standardError.write(Data(("\r\u{1B}[K" + String(text.prefix(width))).utf8)) }
    }

    /// Prints a finished line to standard output with the live line out of its way.
    func print(_ line: String) {
        lock.withLock {
            if timer != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            Swift.print(line)
        }
    }

    func stop() {
        timer?.cancel()
        if timer != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        Activity.shared.drawnElsewhere = false
    }
}
