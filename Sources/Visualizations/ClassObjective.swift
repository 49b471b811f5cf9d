import Foundation
import NeuralNet
import Tensors

/// Objectives on one class of each image, read at the class scores (the
/// layer before a final SOFTMAX): the probabilities are the softmax of the
/// scores taken here, so a network with and without its SOFTMAX layer is
/// optimized alike and nothing underflows.
public struct ClassObjective: InputObjective {
    public enum Quantity: Sendable, Equatable {
        /// −S_c, the score before the softmax (Simonyan et al.'s class
        /// models: raising it cannot come from lowering the other classes).
        case score
        /// −p_c (Nguyen et al.'s fooling images); its gradient vanishes where
        /// p_c is near 0 or 1.
        case probability
        /// −log p_c = the cross-entropy of class c; its gradient p − onehot
        /// never vanishes while p_c < 1. Adversarial attacks ascend it for
        /// the true class.
        case logProbability
    }

    public let quantity: Quantity
    /// One class per image.
    public let classes: [Int]
    public let layers: [Int]
    let outputs: Int

    public init(_ network: Network, quantity: Quantity, classes: [Int]) throws(NetworkError) {
        let layer = network.scoreLayer
        guard layer >= 0 else { throw NetworkError("the network has no layer to take a class score from") }
        let outputs = network.outputShape(ofLayer: layer).reduce(1, *)
        if let bad = classes.first(where: { $0 < 0 || $0 >= outputs }) {
            throw NetworkError("class \(bad) does not exist: the network scores \(outputs) classes, numbered 0 to \(outputs - 1)")
        }
        self.quantity = quantity
        self.classes = classes
        self.layers = [layer]
        self.outputs = outputs
    }

    public func evaluate(_ outputs: [Tensor]) -> ObjectiveValue {
        let scores = outputs[0], d = self.outputs, n = classes.count
        var loss = [Float](repeating: 0, count: n)
        var seed = [Float](repeating: 0, count: scores.count)
        for e in 0..<n {
            let row = Array(scores.scalars[(e * d)..<((e + 1) * d)]), c = classes[e]
            let p = ClassObjective.softmax(row)
            switch quantity {
            case .score:
                loss[e] = -row[c]
                seed[e * d + c] = -1
            case .probability:
                // ∂p_c/∂s_k = p_c (δ_ck − p_k)
                loss[e] = -p[c]
                for k in 0..<d { seed[e * d + k] = p[c] * p[k] }
                seed[e * d + c] -= p[c]
            case .logProbability:
                loss[e] = ClassObjective.logSumExp(row) - row[c]
                for k in 0..<d { seed[e * d + k] = p[k] }
                seed[e * d + c] -= 1
            }
        }
        return ObjectiveValue(loss: loss, seeds: [Tensor(shape: scores.shape, scalars: seed)])
    }

    /// Shifted by the maximum so exp never overflows.
    static func softmax(_ s: [Float]) -> [Float] {
        let top = s.max() ?? 0
        let e = s.map { Foundation.exp(Double($0 - top)) }
        let total = e.reduce(0, +)
        return e.map { Float($0 / total) }
    }

    static func logSumExp(_ s: [Float]) -> Float {
        let top = s.max() ?? 0
        return top + Float(Foundation.log(s.reduce(0.0) { $0 + Foundation.exp(Double($1 - top)) }))
    }
}
