import Foundation

/// What training minimizes, averaged over the batch.
public enum Loss: String, Sendable, Hashable, CaseIterable {
    /// −log p(label), p the softmax of the scores (the network's SOFTMAX
    /// layer's, or one applied here when the network has none).
    case crossEntropy = "cross_entropy"
    /// Mean over all outputs of (y − t)², t the one-hot label or a target value.
    case mse

    /// What a batch's loss gives: its value, how many predictions were
    /// right, and the gradient at the layer where backpropagation starts.
    struct Result {
        var loss: Double
        var correct: Int
    }

    /// Writes ∂loss/∂(layer `start`'s output) into `grad` (N, D) and returns
    /// the loss, where `start` is `startLayer(of:)`.
    ///
    /// Cross-entropy starts below a final SOFTMAX, from p − onehot: the
    /// softmax's own Jacobian would only undo itself.
    func evaluate(_ network: Network, tape: Tape, labels: UnsafePointer<Int32>, targets: UnsafePointer<Float>?,
                  grad: UnsafeMutablePointer<Float>?) -> Result {
        let n = tape.batch, d = network.outputCount
        let out = tape.output(of: network.layerCount - 1)
        let scale = 1 / Float(n)
        var total = 0.0, correct = 0
        var row = [Float](repeating: 0, count: d)
        for e in 0..<n {
            let y = out + e * d
            let label = Int(labels[e])
            // Regression targets have no class to be right about.
            correct += targets == nil && Loss.argmax(y, count: d) == label ? 1 : 0
            switch self {
            case .crossEntropy:
                if network.endsInSoftmax {
                    // log p from the scores, not from p, so a confident mistake costs
                    // its true size rather than −log of an underflowed zero.
                    let scores = tape.output(of: network.layerCount - 2) + e * d
                    total += Loss.logSumExp(scores, count: d) - Double(scores[label])
                    if let grad { for i in 0..<d { grad[e * d + i] = y[i] * scale } }
                } else {
                    total += Loss.logSumExp(y, count: d) - Double(y[label])
                    row.withUnsafeMutableBufferPointer { p in SoftmaxLayer.softmax(y, p.baseAddress!, count: d) }
                    if let grad { for i in 0..<d { grad[e * d + i] = row[i] * scale } }
                }
                if let grad { grad[e * d + label] -= scale }
            case .mse:
                let mean = 1 / Float(n * d)
                for i in 0..<d {
                    let t = targets.map { $0[e * d + i] } ?? (i == label ? 1 : 0)
                    let diff = y[i] - t
                    total += Double(diff * diff) / Double(d)
                    if let grad { grad[e * d + i] = 2 * diff * mean }
                }
            }
        }
        return Result(loss: total / Double(max(n, 1)), correct: correct)
    }

    /// The layer whose output gradient `evaluate` writes.
    func startLayer(of network: Network) -> Int {
        self == .crossEntropy && network.endsInSoftmax ? network.layerCount - 2 : network.layerCount - 1
    }

    static func argmax(_ y: UnsafePointer<Float>, count: Int) -> Int {
        var best = 0
        for i in 1..<max(count, 1) where y[i] > y[best] { best = i }
        return best
    }

    static func logSumExp(_ x: UnsafePointer<Float>, count: Int) -> Double {
        var top = x[0]
        for i in 1..<count where x[i] > top { top = x[i] }
        var sum = 0.0
        for i in 0..<count { sum += Foundation.exp(Double(x[i] - top)) }
        return Double(top) + Foundation.log(sum)
    }
}
