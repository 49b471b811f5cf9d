import Foundation

/// Class probabilities over each example's values.
///
/// Legend: x, y (N, D). With the cross-entropy loss the network skips this
/// layer's backward and starts from p − onehot, which is both faster and
/// exact where y underflows.
struct SoftmaxLayer: Layer {
    let spec: LayerSpec
    let input: OutputShape
    var output: OutputShape { input }

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode) {
        let d = input.count
        for n in 0..<batch { SoftmaxLayer.softmax(x + n * d, y + n * d, count: d) }
    }

    /// dx = y ⊙ (dy − Σ dy·y)
    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>?, memo: LayerMemo, rule: ReLURule) {
        guard let dx else { return }
        let d = input.count
        for n in 0..<batch {
            let (yr, gr, out) = (y + n * d, dy + n * d, dx + n * d)
            var dotProduct: Float = 0
            for i in 0..<d { dotProduct += gr[i] * yr[i] }
            for i in 0..<d { out[i] = yr[i] * (gr[i] - dotProduct) }
        }
    }

    /// Shifted by the maximum so exp never overflows.
    static func softmax(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        var top = x[0]
        for i in 1..<count where x[i] > top { top = x[i] }
        var total: Float = 0
        for i in 0..<count { y[i] = expf(x[i] - top); total += y[i] }
        let scale = 1 / total
        for i in 0..<count { y[i] *= scale }
    }
}
