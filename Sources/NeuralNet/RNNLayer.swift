import Tensors

/// Elman recurrent layer: h_t = tanh(W_x x_t + W_h h_{t−1} + b), h_0 = 0
/// (h_{−1} = 0 in 0-based steps), with one set of weights for all steps.
///
/// Legend: x (N, T, F), y = h (N, T, n); parameters [W_x W_h] (n, F + n),
/// b (n) (see `RecurrentGEMMs`). Forward keeps nothing but y, since
/// tanh′ = 1 − h². Backward through time keeps da (N, T, n) in
/// `memo.extra` and ∂L/∂h_t in `memo.stepGradients`.
struct RNNLayer: Layer {
    let spec: LayerSpec
    let input: OutputShape
    let output: OutputShape
    let gemms: RecurrentGEMMs

    init(spec: LayerSpec, input: OutputShape, output: OutputShape) {
        self.spec = spec
        self.input = input
        self.output = output
        gemms = RecurrentGEMMs(steps: input.steps, features: input.features, units: output.features, gates: 1)
    }

    var weightCount: Int { gemms.weightCount }
    var biasCount: Int { gemms.width }

    func initialize(_ params: UnsafeMutablePointer<Float>, scheme: InitScheme, seed: UInt64) {
        gemms.initialize(params, seed: seed)
    }

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode) {
        let (steps, n) = (gemms.steps, gemms.units)
        // The pre-activations are built in y and squashed in place, step by
        // step, since step t's GEMM reads step t − 1's finished state.
        gemms.project(x, into: y, batch: batch, params: params)
        for t in 0..<steps {
            if t > 0 { gemms.recur(y, into: y, step: t, batch: batch, params: params) }
            for e in 0..<batch {
                let row = y + (e * steps + t) * n
                VectorMath.tanh(row, count: n)
            }
        }
    }

    /// dh_t = dy_t + da_{t+1} · W_h;  da_t = dh_t ⊙ (1 − h_t²).
    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>?, memo: LayerMemo, rule: ReLURule) {
        let (steps, n) = (gemms.steps, gemms.units), count = batch * steps * n
        memo.extra.reserve(count)
        memo.stepGradients.reserve(count)
        let (da, dh) = (memo.extra.pointer, memo.stepGradients.pointer)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            gemms.seed(dy, into: dh, step: t, batch: batch)
            if t < steps - 1 { gemms.recurBack(da, into: dh, step: t, batch: batch, params: params) }
            for e in 0..<batch {
                let offset = (e * steps + t) * n
                let (h, g, a) = (y + offset, dh + offset, da + offset)
                for j in 0..<n { a[j] = g[j] * (1 - h[j] * h[j]) }
            }
        }
        gemms.gradients(x, y, da, dx, batch: batch, params: params, dparams: dparams, shifted: memo.shifted)
    }
}
