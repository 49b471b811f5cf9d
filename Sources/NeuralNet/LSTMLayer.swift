import Tensors

/// Long short-term memory (Hochreiter and Schmidhuber, with the forget gate
/// of Gers et al.), one set of weights for all steps:
///
///     a_t = W_x x_t + W_h h_{t−1} + b, split into four blocks of n:
///     i = σ(a_i)  f = σ(a_f)  g = tanh(a_g)  o = σ(a_o)
///     c_t = f ⊙ c_{t−1} + i ⊙ g        h_t = o ⊙ tanh(c_t)
///
/// with h_{−1} = c_{−1} = 0. The forget gate's biases start at 1 (Jozefowicz
/// et al. 2015): a gate that starts half shut halves the cell every step, and
/// its gradient with it, before training has a chance to learn to keep it.
///
/// Legend: x (N, T, F), y = h (N, T, n); gates (N, T, 4n) after their
/// squashing, in `memo.columns`; c (N, T, n) in `memo.scratch`; parameters
/// [W_x W_h] (4n, F + n), b (4n), gate blocks in the order i, f, g, o.
struct LSTMLayer: Layer {
    private typealias V = VectorMath

    let spec: LayerSpec
    let input: OutputShape
    let output: OutputShape
    let gemms: RecurrentGEMMs

    init(spec: LayerSpec, input: OutputShape, output: OutputShape) {
        self.spec = spec
        self.input = input
        self.output = output
        gemms = RecurrentGEMMs(steps: input.steps, features: input.features, units: output.features, gates: 4)
    }

    var weightCount: Int { gemms.weightCount }
    var biasCount: Int { gemms.width }

    func initialize(_ params: UnsafeMutablePointer<Float>, scheme: InitScheme, seed: UInt64) {
        gemms.initialize(params, seed: seed)
        (params + weightCount + gemms.units).update(repeating: 1, count: gemms.units)
    }

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode) {
        let (steps, n, width) = (gemms.steps, gemms.units, gemms.width)
        memo.columns.reserve(batch * steps * width)
        memo.scratch.reserve(batch * steps * n)
        let (gates, cells) = (memo.columns.pointer, memo.scratch.pointer)
        gemms.project(x, into: gates, batch: batch, params: params)
        for t in 0..<steps {
            if t > 0 { gemms.recur(y, into: gates, step: t, batch: batch, params: params) }
            // One thread: spreading a step's 64×128 units over cores cost more
            // in wake-ups than it saved when measured on a shared 2-core machine.
            for e in 0..<batch {
                let r = e * steps + t
                LSTMLayer.cell(gates + r * width, cells + r * n, y + r * n,
                               previous: t > 0 ? UnsafePointer(cells + (r - 1) * n) : nil, units: n)
            }
        }
    }

    /// One example's step: squashes its gate pre-activations `a` (4n) in
    /// place and writes its cell `c` and state `h`.
    static func cell(_ a: UnsafeMutablePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ h: UnsafeMutablePointer<Float>,
                     previous: UnsafePointer<Float>?, units n: Int) {
        // i and f, then g, then o: three runs the compiler can vectorize.
        V.sigmoid(a, count: 2 * n)
        V.tanh(a + 2 * n, count: n)
        V.sigmoid(a + 3 * n, count: n)
        if let previous {
            for j in 0..<n { c[j] = a[n + j] * previous[j] + a[j] * a[2 * n + j] }
        } else {
            for j in 0..<n { c[j] = a[j] * a[2 * n + j] }
        }
        for j in 0..<n { h[j] = a[3 * n + j] * V.tanh(c[j]) }
    }

    /// Back through time, step T − 1 first, with dc carried from step t + 1:
    ///
    ///     dh_t = dy_t + da_{t+1} · W_h
    ///     dc_t = dc_{t+1} ⊙ f_{t+1} + dh_t ⊙ o ⊙ (1 − tanh² c_t)
    ///     da_o = dh_t ⊙ tanh c_t ⊙ o(1 − o)    da_i = dc_t ⊙ g ⊙ i(1 − i)
    ///     da_g = dc_t ⊙ i ⊙ (1 − g²)           da_f = dc_t ⊙ c_{t−1} ⊙ f(1 − f)
    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>?, memo: LayerMemo, rule: ReLURule) {
        let (steps, n, width) = (gemms.steps, gemms.units, gemms.width)
        memo.extra.reserve(batch * steps * width)
        memo.stepGradients.reserve(batch * steps * n)
        memo.shifted.zero(batch * n)
        let (da, dh, carry) = (memo.extra.pointer, memo.stepGradients.pointer, memo.shifted.pointer)
        let (gates, cells) = (memo.columns.pointer, memo.scratch.pointer)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            gemms.seed(dy, into: dh, step: t, batch: batch)
            if t < steps - 1 { gemms.recurBack(da, into: dh, step: t, batch: batch, params: params) }
            for e in 0..<batch {
                let r = e * steps + t
                LSTMLayer.cellBackward(gates + r * width, da + r * width, cells + r * n, dh + r * n,
                                       carry: carry + e * n, first: t == 0, units: n)
            }
        }
        gemms.gradients(x, y, da, dx, batch: batch, params: params, dparams: dparams, shifted: memo.shifted)
    }

    /// One example's step back: gate gradients `d` (4n) from the saved gates
    /// `s`, cells `c` (c − n is the step before), the state gradient `g`,
    /// and the cell gradient `dc` carried from the step after (updated).
    static func cellBackward(_ s: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ c: UnsafePointer<Float>,
                             _ g: UnsafePointer<Float>, carry dc: UnsafeMutablePointer<Float>, first: Bool, units n: Int) {
        for j in 0..<n {
            let i = s[j], f = s[n + j], cand = s[2 * n + j], o = s[3 * n + j]
            let tc = V.tanh(c[j])
            let cell = dc[j] + g[j] * o * (1 - tc * tc)
            let previous = first ? 0 : c[j - n]
            d[j] = cell * cand * i * (1 - i)
            d[n + j] = cell * previous * f * (1 - f)
            d[2 * n + j] = cell * i * (1 - cand * cand)
            d[3 * n + j] = g[j] * tc * o * (1 - o)
            dc[j] = cell * f
        }
    }
}
