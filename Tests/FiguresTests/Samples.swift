@testable import Figures

/// The fixed inputs behind the golden figures. Literal numbers (no libm
/// calls) so every platform produces the same bytes.
enum Samples {
    static let lossPlot = LinePlot(
        series: [
            .init(label: "train", x: (1...10).map(Double.init),
                  y: [1.62, 0.98, 0.74, 0.61, 0.53, 0.47, 0.43, 0.40, 0.37, 0.35]),
            .init(label: "test", x: (1...10).map(Double.init),
                  y: [1.10, 0.83, 0.69, 0.62, 0.58, 0.56, 0.55, 0.55, 0.56, 0.57]),
        ],
        title: "Cross-entropy loss while training", xlabel: "epoch", ylabel: "loss")

    static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                             "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    static let accuracyBars = BarChart(
        labels: classNames,
        values: [0.861, 0.975, 0.842, 0.904, 0.838, 0.968, 0.652, 0.951, 0.977, 0.962],
        title: "Test accuracy per class", xlabel: "class", ylabel: "accuracy")

    /// Three clusters from a linear congruential generator (integer maths only).
    static var clusters: ScatterPlot {
        var state: UInt64 = 2024
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 40) / Double(1 << 24) - 0.5
        }
        let centres = [(-12.0, 4.0), (9.0, 10.0), (3.0, -11.0)]
        var x: [Double] = [], y: [Double] = [], labels: [Int] = []
        for (k, (cx, cy)) in centres.enumerated() {
            for _ in 0..<30 {
                x.append(cx + 9 * next())
                y.append(cy + 9 * next())
                labels.append([0, 1, 7][k])
            }
        }
        return ScatterPlot(x: x, y: y, categories: labels, categoryNames: classNames,
                           title: "t-SNE of penultimate-layer features", xlabel: "t-SNE 1", ylabel: "t-SNE 2")
    }

    /// Four 8×8 tiles: a ramp, a checkerboard, a viridis-mapped ring and an RGB mix.
    static var tiles: [Bitmap] {
        var ramp: [Float] = [], checker: [Float] = [], ring: [Float] = [], rgb: [Float] = []
        for y in 0..<8 {
            for x in 0..<8 {
                ramp.append(Float(x) / 7)
                checker.append(Float((x + y) % 2))
                let d = (x - 4) * (x - 4) + (y - 4) * (y - 4)
                ring.append(Float(abs(d - 9)))
            }
        }
        for c in 0..<3 {
            for y in 0..<8 {
                for x in 0..<8 { rgb.append([Float(x) / 7, Float(y) / 7, Float(7 - x) / 7][c]) }
            }
        }
        return [
            try! ImageRenderer.bitmap(values: ramp, channels: 1, height: 8, width: 8, cmap: .gray, range: nil),
            try! ImageRenderer.bitmap(values: checker, channels: 1, height: 8, width: 8, cmap: .gray, range: nil),
            try! ImageRenderer.bitmap(values: ring, channels: 1, height: 8, width: 8, cmap: .viridis, range: nil),
            try! ImageRenderer.bitmap(values: rgb, channels: 3, height: 8, width: 8, cmap: .gray, range: nil),
        ]
    }

    static var grid: ImageGrid {
        ImageGrid(tiles: tiles, columns: 2, labels: ["ramp", "checkerboard", "ring <viridis>", "RGB & mix"],
                  title: "Four 8×8 tiles")
    }
}
