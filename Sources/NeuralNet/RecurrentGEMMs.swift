import Tensors

/// The matrix products an RNN and an LSTM share. Both keep, for G blocks of
/// n units (G = 1 for an RNN; the i, f, g, o gates of an LSTM), the weights
/// W = [W_x W_h] (G·n, F + n), each row a unit's input weights then its
/// recurrent weights, then the biases b (G·n), in the network's flat store.
/// One matrix is what `weights(net, layer=)` hands a lesson (W_h is
/// `w[:, F:]`); the GEMMs read either half through the leading dimension F + n.
///
/// Legend: x (N, T, F) and h (N, T, n) step by step; a (N, T, G·n) the
/// pre-activations. Row e·T + t of each is example e at step t, so all
/// steps of all examples are one (N·T)-row matrix, and step t alone is N
/// rows with a stride of T rows: BLAS reads it through the leading
/// dimension, with no copy.
struct RecurrentGEMMs {
    let steps: Int
    let features: Int
    let units: Int
    let gates: Int
    var width: Int { gates * units }
    /// Leading dimension of W: a row holds F input and n recurrent weights.
    var row: Int { features + units }
    var weightCount: Int { width * row }

    /// Glorot for both matrices (each with its own fan-in), whatever layer
    /// follows: the units saturate (tanh, sigmoid), so He's ReLU gain would
    /// only push them there.
    func initialize(_ params: UnsafeMutablePointer<Float>, seed: UInt64) {
        let wx = UnsafeMutablePointer<Float>.allocate(capacity: width * features)
        let wh = UnsafeMutablePointer<Float>.allocate(capacity: width * units)
        defer { wx.deallocate(); wh.deallocate() }
        Initializer.fill(wx, count: width * features, fanIn: features, fanOut: width, scheme: .glorot,
                         seed: RandomStream.seed(combining: seed, 0))
        Initializer.fill(wh, count: width * units, fanIn: units, fanOut: width, scheme: .glorot,
                         seed: RandomStream.seed(combining: seed, 1))
        for r in 0..<width {
            (params + r * row).update(from: wx + r * features, count: features)
            (params + r * row + features).update(from: wh + r * units, count: units)
        }
        (params + weightCount).update(repeating: 0, count: width)
    }

    /// a = x · W_xᵀ + b for every step of every example at once: the input
    /// does not depend on the recurrence, so it is one large GEMM rather
    /// than T small ones.
    func project(_ x: UnsafePointer<Float>, into a: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>) {
        let rows = batch * steps, b = params + weightCount
        for r in 0..<rows { (a + r * width).update(from: b, count: width) }
        BLAS.sgemm(transB: true, m: rows, n: width, k: features, a: x, lda: features,
                   b: params, ldb: row, beta: 1, c: a, ldc: width)
    }

    /// a_t += h_{t−1} · W_hᵀ, one GEMM over the batch for step t ≥ 1.
    func recur(_ h: UnsafePointer<Float>, into a: UnsafeMutablePointer<Float>, step t: Int, batch: Int,
               params: UnsafePointer<Float>) {
        BLAS.sgemm(transB: true, m: batch, n: width, k: units, a: h + (t - 1) * units, lda: steps * units,
                   b: params + features, ldb: row, beta: 1, c: a + t * width, ldc: steps * width)
    }

    /// dh_t += da_{t+1} · W_h: what step t's state passed on through the
    /// recurrence, one GEMM over the batch for t < T − 1.
    func recurBack(_ da: UnsafePointer<Float>, into dh: UnsafeMutablePointer<Float>, step t: Int, batch: Int,
                   params: UnsafePointer<Float>) {
        BLAS.sgemm(m: batch, n: units, k: width, a: da + (t + 1) * width, lda: steps * width,
                   b: params + features, ldb: row, beta: 1, c: dh + t * units, ldc: steps * units)
    }

    /// dh_t = dy_t for every example: the gradient from the layers above,
    /// before the recurrence adds its share.
    func seed(_ dy: UnsafePointer<Float>, into dh: UnsafeMutablePointer<Float>, step t: Int, batch: Int) {
        for e in 0..<batch {
            let offset = (e * steps + t) * units
            (dh + offset).update(from: dy + offset, count: units)
        }
    }

    /// Parameter and input gradients from the pre-activation gradients of
    /// all steps: dW_x += daᵀ·x, dW_h += daᵀ·h_prev (h shifted one step
    /// later, h_{−1} = 0), db += Σ rows of da, dx = da·W_x. Each is one GEMM
    /// over all N·T rows; the bias sum runs in row order on one thread.
    func gradients(_ x: UnsafePointer<Float>, _ h: UnsafePointer<Float>, _ da: UnsafePointer<Float>,
                   _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                   dparams: UnsafeMutablePointer<Float>?, shifted: FloatBuffer) {
        let rows = batch * steps
        if let dparams {
            BLAS.sgemm(transA: true, m: width, n: features, k: rows, a: da, lda: width,
                       b: x, ldb: features, beta: 1, c: dparams, ldc: row)
            shifted.reserve(rows * units)
            let previous = shifted.pointer
            for e in 0..<batch {
                let row = previous + e * steps * units
                row.update(repeating: 0, count: units)
                (row + units).update(from: h + e * steps * units, count: (steps - 1) * units)
            }
            BLAS.sgemm(transA: true, m: width, n: units, k: rows, a: da, lda: width,
                       b: previous, ldb: units, beta: 1, c: dparams + features, ldc: row)
            let db = dparams + weightCount
            for r in 0..<rows {
                let row = da + r * width
                for j in 0..<width { db[j] += row[j] }
            }
        }
        if let dx {
            BLAS.sgemm(m: rows, n: features, k: width, a: da, lda: width,
                       b: params, ldb: row, c: dx, ldc: features)
        }
    }
}
