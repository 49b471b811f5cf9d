import Foundation

/// How parameters move along their gradients; one loop over the flat
/// parameter store, with the update rule written above it.
public enum OptimizerKind: String, Sendable, Hashable, CaseIterable {
    case adam, sgd
}

struct Optimizer {
    let kind: OptimizerKind
    let learningRate: Float
    let momentum: Float
    let weightDecay: Float
    /// First and second moments (Adam), or the velocity (SGD, in `first`).
    private var first: [Float]
    private var second: [Float]
    private var step = 0

    static let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8

    init(kind: OptimizerKind, count: Int, learningRate: Float, momentum: Float, weightDecay: Float) {
        self.kind = kind
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        first = [Float](repeating: 0, count: count)
        second = kind == .adam ? [Float](repeating: 0, count: count) : []
    }

    mutating func update(_ params: UnsafeMutablePointer<Float>, _ grads: UnsafePointer<Float>, count: Int) {
        step += 1
        let (lr, wd, mu) = (learningRate, weightDecay, momentum)
        switch kind {
        case .adam:
            // Kingma and Ba (2015), Algorithm 1, with L2 weight decay added to g:
            //   g ← g + λθ;  m ← β1 m + (1 − β1) g;  v ← β2 v + (1 − β2) g²
            //   θ ← θ − α · (m / (1 − β1ᵗ)) / (sqrt(v / (1 − β2ᵗ)) + ε)
            let (b1, b2, eps) = (Optimizer.beta1, Optimizer.beta2, Optimizer.epsilon)
            let c1 = 1 / (1 - powf(b1, Float(step))), c2 = 1 / (1 - powf(b2, Float(step)))
            first.withUnsafeMutableBufferPointer { m in
                second.withUnsafeMutableBufferPointer { v in
                    let (m, v) = (m.baseAddress!, v.baseAddress!)
                    for i in 0..<count {
                        let g = grads[i] + wd * params[i]
                        m[i] = b1 * m[i] + (1 - b1) * g
                        v[i] = b2 * v[i] + (1 - b2) * g * g
                        params[i] -= lr * (m[i] * c1) / ((v[i] * c2).squareRoot() + eps)
                    }
                }
            }
        case .sgd:
            // Heavy-ball momentum (Polyak; Sutskever et al. 2013's form):
            //   g ← g + λθ;  u ← μ u − α g;  θ ← θ + u
            first.withUnsafeMutableBufferPointer { u in
                let u = u.baseAddress!
                for i in 0..<count {
                    let g = grads[i] + wd * params[i]
                    u[i] = mu * u[i] - lr * g
                    params[i] += u[i]
                }
            }
        }
    }
}
