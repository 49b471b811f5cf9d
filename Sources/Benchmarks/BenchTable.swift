import Foundation

/// The report as the readable text `lectern bench` prints: one section per
/// measurement, numbers in aligned columns.
extension BenchReport {
    public func table() -> String {
        var lines = [quick ? "lectern bench --quick (few repeats: a smoke test, not a measurement)" : "lectern bench"]
        lines.append("machine    \(machine.cpuCount) × \(machine.cpuModel)")
        lines.append("OpenBLAS   \(openblas.core) kernels (\(openblas.provenance)), "
                     + "\(openblas.threads) thread\(openblas.threads == 1 ? "" : "s")")
        lines.append("")
        lines.append("sgemm \(GemmBench.size)³  " + gflops(sgemm.gflops) + " on \(sgemm.threads) thread"
                     + (sgemm.threads == 1 ? "" : "s") + ", " + gflops(sgemm.gflops1Thread) + " on 1")
        if !conv.isEmpty {
            lines.append("")
            var rows = [["3×3 conv, pad 1", "forward", "backward", "forward", "of sgemm", "fwd+bwd", "of sgemm"]]
            for c in conv {
                rows.append([c.shape, ms(c.forwardMs), ms(c.backwardMs), gflops(c.forwardGflops),
                             percent(c.forwardFractionOfSgemm), gflops(c.forwardBackwardGflops),
                             percent(c.forwardBackwardFractionOfSgemm)])
            }
            lines += BenchTable.align(rows)
        }
        if let training {
            lines.append("")
            lines.append("training   \(training.network)")
            let data = training.data == "fashion-mnist" ? "Fashion-MNIST" : training.data
            lines.append("           \(BenchTable.grouped(training.images)) \(data) images, batch \(training.batch), "
                         + "\(training.optimizer == "adam" ? "Adam" : training.optimizer), learning rate \(training.learningRate): "
                         + "\(BenchTable.grouped(Int(training.imagesPerSecond.rounded()))) images/s "
                         + String(format: "(%.2f s an epoch, median of %d)", training.secondsPerEpoch, training.runs))
            if let note = training.dataNote { lines.append("           \(note)") }
        }
        if let lstm {
            lines.append("")
            lines.append("lstm       \(lstm.network)")
            lines.append("           \(BenchTable.grouped(lstm.sequences)) random sequences, batch \(lstm.batch), Adam: "
                         + "\(BenchTable.grouped(Int(lstm.sequencesPerSecond.rounded()))) sequences/s "
                         + String(format: "(%.2f s an epoch, median of %d)", lstm.secondsPerEpoch, lstm.runs))
            lines.append(String(format: "           LSTM layer %.1f ms forward, %.1f ms backward: %.1f GFLOP/s of GEMMs, ",
                                lstm.layerForwardMs, lstm.layerBackwardMs, lstm.layerGflops)
                         + percent(lstm.fractionOfSgemm) + " of sgemm")
        }
        if !layers.isEmpty {
            lines.append("")
            let total = layers.reduce(0) { $0 + $1.forwardMs + $1.backwardMs }
            var rows = [["layer at batch \(training?.batch ?? TrainingBench.batch)", "", "forward", "backward", "share"]]
            for l in layers {
                rows.append([l.name, l.layer, ms(l.forwardMs), ms(l.backwardMs),
                             percent(total > 0 ? (l.forwardMs + l.backwardMs) / total : 0)])
            }
            rows.append(["total", "", ms(layers.reduce(0) { $0 + $1.forwardMs }),
                         ms(layers.reduce(0) { $0 + $1.backwardMs }), ""])
            lines += BenchTable.align(rows, leftColumns: 2)
        }
        if let v = visualizations {
            lines.append("")
            lines.append("visualizations  \(v.network) (random weights), median of \(v.runs)")
            lines += BenchTable.align([
                ["  saliency, \(v.saliencyImages) images in one batch", seconds(v.saliencySeconds)],
                ["  occlusion, \(v.occlusionImages) images × \(v.occlusionPositions) positions "
                    + "(\(v.occluderSize)×\(v.occluderSize), stride \(v.occluderStride))", seconds(v.occlusionSeconds)],
            ])
        }
        lines.append("")
        lines.append(String(format: "peak memory  %.1f MiB", Double(peakMemoryBytes) / 1_048_576))
        return lines.joined(separator: "\n")
    }

    private func gflops(_ x: Double) -> String { String(format: "%.1f GFLOP/s", x) }
    private func ms(_ x: Double) -> String { String(format: "%.2f ms", x) }
    private func seconds(_ x: Double) -> String { String(format: "%.3f s", x) }
    private func percent(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }
}

enum BenchTable {
    /// Text columns (the first `leftColumns`) left-aligned, numbers
    /// right-aligned, two spaces apart.
    static func align(_ rows: [[String]], leftColumns: Int = 1) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            var line = row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c < leftColumns ? cell + pad : pad + cell
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// 12345 → "12,345".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (n < 0 ? "-" : "") + out
    }
}
