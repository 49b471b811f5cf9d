import NeuralNet
import Tensors

/// How much of the class a linear classifier can read off one layer's
/// frozen features: Zeiler and Fergus's argument that depth matters,
/// measured layer by layer (Alain and Bengio's "linear probes").
///
/// Layers differ wildly in size (conv1 of the lessons' network has 25,088
/// values, fc1 128), and a linear classifier on 25,088 features has far more
/// parameters than one on 128. So a C×H×W layer is average-pooled over space
/// to a g×g grid per channel, g the largest that keeps C·g² within
/// `budget` values; vector layers and inputs already that small are kept
/// whole. Features are standardised with the training set's mean and
/// spread, so one learning rate suits every layer.
public enum LinearProbe {
    public struct Result: Sendable, Equatable {
        public var accuracy: Double
        public var trainAccuracy: Double
        /// Features per image after pooling.
        public var features: Int
        /// The pooling grid's side (0 for a vector layer).
        public var grid: Int
    }

    /// The g of a C×H×W layer, or nil for a vector layer.
    public static func grid(for shape: [Int], budget: Int) -> Int? {
        guard shape.count == 3 else { return nil }
        let (c, side) = (shape[0], min(shape[1], shape[2]))
        var g = side
        while g > 1 && c * g * g > budget { g -= 1 }
        return g
    }

    /// N × D pooled features of `images` at each of `layers` (-1: the input
    /// itself), from one forward pass.
    public static func features(_ network: Network, images: Tensor, layers: [Int], budget: Int = 1024) throws -> [Tensor] {
        let n = images.shape.first ?? 0
        let poolers = layers.map { Pooler(shape: network.outputShape(ofLayer: $0), budget: budget) }
        var out = poolers.map { [Float](repeating: 0, count: n * $0.features) }
        try network.forEachChunk(of: images, tapping: layers) { first, count, outputs in
            for k in layers.indices {
                let d = poolers[k].features
                out[k].withUnsafeMutableBufferPointer { dst in
                    poolers[k].pool(outputs[k], count: count, into: dst.baseAddress! + first * d)
                }
            }
        }
        return zip(out, poolers).map { Tensor(shape: [n, $1.features], scalars: $0) }
    }

    /// Trains one probe per layer (softmax regression, Adam) on `train`'s
    /// features and scores each on `test`'s.
    public static func fit(_ network: Network, train: (images: Tensor, labels: [Int]), test: (images: Tensor, labels: [Int]),
                           layers: [Int], classes: Int, options: TrainingOptions, budget: Int = 1024) throws -> [Result] {
        let trainFeatures = try features(network, images: train.images, layers: layers, budget: budget)
        let testFeatures = try features(network, images: test.images, layers: layers, budget: budget)
        return try layers.indices.map { k in
            var (xTrain, xTest) = (trainFeatures[k], testFeatures[k])
            let d = xTrain.shape[1]
            standardize(&xTrain, &xTest, features: d)
            let description = try NetworkDescription.parse("INPUT \(d) -> FC-\(classes) -> SOFTMAX")
            let (probe, _) = try Network(description, seed: options.seed).trained(images: xTrain, labels: train.labels,
                                                                                   options: options)
            return Result(accuracy: try probe.evaluate(images: xTest, labels: test.labels).accuracy,
                          trainAccuracy: try probe.evaluate(images: xTrain, labels: train.labels).accuracy,
                          features: d, grid: grid(for: network.outputShape(ofLayer: layers[k]), budget: budget) ?? 0)
        }
    }

    /// Average pooling of one layer's output to its probe's grid.
    struct Pooler {
        let shape: [Int]
        let g: Int?
        /// Cell k covers ⌊k·H/g⌋ ..< ⌈(k+1)·H/g⌉, so every row falls in some cell.
        let rows: [Range<Int>], cols: [Range<Int>]

        init(shape: [Int], budget: Int) {
            self.shape = shape
            g = LinearProbe.grid(for: shape, budget: budget)
            func cells(_ size: Int, _ g: Int) -> [Range<Int>] { (0..<g).map { k in (k * size / g)..<(((k + 1) * size + g - 1) / g) } }
            rows = g.map { cells(shape[1], $0) } ?? []
            cols = g.map { cells(shape[2], $0) } ?? []
        }

        var features: Int { g.map { shape[0] * $0 * $0 } ?? shape.reduce(1, *) }

        func pool(_ values: UnsafeBufferPointer<Float>, count: Int, into out: UnsafeMutablePointer<Float>) {
            guard let g else {
                out.update(from: values.baseAddress!, count: count * features)
                return
            }
            let (c, h, w) = (shape[0], shape[1], shape[2])
            for i in 0..<count {
                for ch in 0..<c {
                    let plane = values.baseAddress! + (i * c + ch) * h * w
                    for (a, r) in rows.enumerated() {
                        for (b, q) in cols.enumerated() {
                            var sum: Float = 0
                            for y in r { for x in q { sum += plane[y * w + x] } }
                            out[(i * c + ch) * g * g + a * g + b] = sum / Float(r.count * q.count)
                        }
                    }
                }
            }
        }
    }

    /// Centres and scales each feature by the training set's mean and
    /// standard deviation (a constant feature is only centred).
    static func standardize(_ train: inout Tensor, _ test: inout Tensor, features d: Int) {
        let n = train.shape[0]
        guard n > 0 else { return }
        var mean = [Double](repeating: 0, count: d), square = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for j in 0..<d {
                let v = Double(train.scalars[i * d + j])
                mean[j] += v
                square[j] += v * v
            }
        }
        var scale = [Float](repeating: 1, count: d), shift = [Float](repeating: 0, count: d)
        for j in 0..<d {
            let m = mean[j] / Double(n)
            let variance = max(0, square[j] / Double(n) - m * m)
            shift[j] = Float(m)
            scale[j] = variance > 1e-12 ? Float(1 / variance.squareRoot()) : 1
        }
        func apply(_ x: inout Tensor) {
            let rows = x.shape[0]
            x.scalars.withUnsafeMutableBufferPointer { p in
                for i in 0..<rows { for j in 0..<d { p[i * d + j] = (p[i * d + j] - shift[j]) * scale[j] } }
            }
        }
        apply(&train)
        apply(&test)
    }
}
