import Foundation
import NeuralNet

/// Training's progress on standard error: a bar redrawn in place on a
/// terminal, a line per epoch otherwise (every k-th epoch when there are
/// more than ten, so CI logs stay short), nothing on
/// standard output, which belongs to `check`'s report.
final class ProgressBar {
    private let label: String
    private let interactive: Bool
    private let started = Date()
    private var epochStarted = Date()
    private var lastDraw = Date.distantPast
    private var lastEpoch = 0

    /// `label` says where: `lessons/03-training.md:42 train`.
    init(label: String) {
        self.label = label
        interactive = isatty(2) != 0
    }

    func update(_ p: TrainingProgress) {
        if p.epoch != lastEpoch {
            lastEpoch = p.epoch
            epochStarted = Date()
        }
        let now = Date()
        let rate = Double(p.examples) / max(now.timeIntervalSince(epochStarted), 1e-9)
        let done = p.step == p.steps
        if interactive, Activity.shared.drawnElsewhere {
            Activity.shared.report(String(format: "train epoch %d/%d, step %d/%d, loss %.4f, %.0f img/s",
                                          p.epoch, p.epochs, p.step, p.steps, p.loss, rate))
        } else if interactive, done || now.timeIntervalSince(lastDraw) > 0.1 {
            lastDraw = now
            let width = 24, filled = p.step * width / max(p.steps, 1)
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            write(String(format: "\r%@ epoch %d/%d %@ %d/%d loss %.4f acc %.4f %.0f img/s", label, p.epoch, p.epochs,
                         bar, p.step, p.steps, p.loss, p.accuracy, rate) + (done ? "\n" : ""))
        } else if !interactive, done, p.epoch == p.epochs || p.epoch % max(1, (p.epochs + 9) / 10) == 0 {
            // A log gets at most about ten lines a training, however many epochs.
            write(String(format: "%@ epoch %d/%d: loss %.4f, accuracy %.4f, %.0f images/s, %.1f s\n", label,
                         p.epoch, p.epochs, p.loss, p.accuracy, rate, now.timeIntervalSince(epochStarted)))
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
