import Foundation
import Tensors

/// Element-wise non-linearities; each backward reads the forward output y.
///
/// Legend: x, y, dx, dy all (N, D).
struct ActivationLayer: Layer {
    enum Function: Sendable { case relu, tanh, sigmoid }

    let spec: LayerSpec
    let input: OutputShape
    var output: OutputShape { input }
    let function: Function

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode) {
        let (src, out, function) = (SharedPointer(UnsafeMutablePointer(mutating: x)), SharedPointer(y), function)
        Parallel.ranges(batch * input.count) { range in
            let (x, y) = (src.base, out.base)
            switch function {
            case .relu:
                for i in range { y[i] = max(x[i], 0) }
            case .tanh:
                for i in range { y[i] = Foundation.tanh(x[i]) }
            case .sigmoid:
                // Split by sign so exp never overflows.
                for i in range {
                    let v = x[i]
                    if v >= 0 { y[i] = 1 / (1 + Foundation.exp(-v)) } else { let e = Foundation.exp(v); y[i] = e / (1 + e) }
                }
            }
        }
    }

    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>?, memo: LayerMemo, rule: ReLURule) {
        guard let dx else { return }
        let (src, grad, out) = (SharedPointer(UnsafeMutablePointer(mutating: x)),
                                SharedPointer(UnsafeMutablePointer(mutating: dy)), SharedPointer(dx))
        let (ys, function) = (SharedPointer(UnsafeMutablePointer(mutating: y)), function)
        Parallel.ranges(batch * input.count) { range in
            let (x, y, dy, dx) = (src.base, ys.base, grad.base, out.base)
            // Every load is unconditional, so each loop is a vector select
            // rather than a branch that mispredicts on half of the units.
            switch (function, rule) {
            case (.relu, .gradient): for i in range { let g = dy[i]; dx[i] = x[i] > 0 ? g : 0 }
            case (.relu, .guided): for i in range { let g = max(dy[i], 0); dx[i] = x[i] > 0 ? g : 0 }
            case (.relu, .deconv): for i in range { dx[i] = max(dy[i], 0) }
            case (.tanh, _): for i in range { dx[i] = dy[i] * (1 - y[i] * y[i]) }
            case (.sigmoid, _): for i in range { dx[i] = dy[i] * y[i] * (1 - y[i]) }
            }
        }
    }
}

/// Inverted dropout: while training, each value is kept with probability
/// 1 − p and scaled by 1 / (1 − p), so inference needs no rescaling.
/// The mask is drawn from the pass's seed, one counter per value.
struct DropoutLayer: Layer {
    let spec: LayerSpec
    let input: OutputShape
    var output: OutputShape { input }
    let probability: Double

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode) {
        let count = batch * input.count
        guard case let .training(seed) = mode, probability > 0 else {
            y.update(from: x, count: count)
            memo.scratch.reserve(count)
            memo.scratch.pointer.update(repeating: 1, count: count)
            return
        }
        memo.scratch.reserve(count)
        let mask = memo.scratch.pointer
        let stream = RandomStream(seed: seed)
        let keep = Float(1 - probability), scale = 1 / keep
        for i in 0..<count {
            mask[i] = stream.uniform(at: UInt64(i)) < keep ? scale : 0
            y[i] = x[i] * mask[i]
        }
    }

    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>?, memo: LayerMemo, rule: ReLURule) {
        guard let dx else { return }
        let mask = memo.scratch.pointer
        for i in 0..<batch * input.count { dx[i] = dy[i] * mask[i] }
    }
}
