import Tensors

/// k×k convolution, as im2col plus one GEMM forward and two backward.
///
/// Legend: x (N, C, H, W), y (N, F, OH, OW), w (F, C, k, k) then b (F);
/// columns (K, N·P) with K = C·k·k and P = OH·OW (see `ConvGeometry`);
/// t (F, N·P) is y before it is laid out image by image.
struct ConvLayer: Layer {
    let spec: LayerSpec
    let input: OutputShape
    let output: OutputShape
    let geometry: ConvGeometry
    var filters: Int { output.channels }

    init(spec: LayerSpec, input: OutputShape, output: OutputShape, kernel: Int, stride: Int, padding: Int) {
        self.spec = spec
        self.input = input
        self.output = output
        geometry = ConvGeometry(channels: input.channels, height: input.height, width: input.width,
                                kernel: kernel, stride: stride, padding: padding,
                                outHeight: output.height, outWidth: output.width)
    }

    var weightCount: Int { filters * geometry.rows }
    var biasCount: Int { filters }

    func initialize(_ params: UnsafeMutablePointer<Float>, scheme: InitScheme, seed: UInt64) {
        let k2 = geometry.kernel * geometry.kernel
        Initializer.fill(params, count: weightCount, fanIn: geometry.rows, fanOut: filters * k2,
                         scheme: scheme, seed: seed)
        (params + weightCount).update(repeating: 0, count: biasCount)
    }

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode) {
        let g = geometry, total = batch * g.positions
        memo.columns.reserve(g.rows * total)
        memo.scratch.reserve(filters * total)
        g.im2col(x, memo.columns.pointer, batch: batch)
        // t = w · columns
        BLAS.sgemm(m: filters, n: total, k: g.rows, a: params, lda: g.rows,
                   b: memo.columns.pointer, ldb: total, c: memo.scratch.pointer, ldc: total)
        let t = SharedPointer(memo.scratch.pointer), out = SharedPointer(y)
        let bias = SharedPointer(UnsafeMutablePointer(mutating: params + weightCount))
        let (p, f) = (g.positions, filters)
        Parallel.forEach(batch, work: filters * total) { n in
            for c in 0..<f {
                let from = t.base + c * total + n * p, to = out.base + (n * f + c) * p
                let b = bias.base[c]
                for i in 0..<p { to[i] = from[i] + b }
            }
        }
    }

    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>, memo: LayerMemo, rule: ReLURule) {
        let g = geometry, total = batch * g.positions
        let (p, f) = (g.positions, filters)
        memo.scratch.reserve(f * total)
        // dt: dy gathered back into (F, N·P).
        let dt = SharedPointer(memo.scratch.pointer), grad = SharedPointer(UnsafeMutablePointer(mutating: dy))
        Parallel.forEach(batch, work: f * total) { n in
            for c in 0..<f {
                (dt.base + c * total + n * p).update(from: grad.base + (n * f + c) * p, count: p)
            }
        }
        // db += Σ over images and positions, in a fixed order.
        let db = dparams + weightCount
        for c in 0..<f {
            let row = memo.scratch.pointer + c * total
            var s: Float = 0
            for i in 0..<total { s += row[i] }
            db[c] += s
        }
        // dw += dt · columnsᵀ
        BLAS.sgemm(transB: true, m: f, n: g.rows, k: total, a: memo.scratch.pointer, lda: total,
                   b: memo.columns.pointer, ldb: total, beta: 1, c: dparams, ldc: g.rows)
        guard let dx else { return }
        // dcolumns = wᵀ · dt, then folded back onto the pixels.
        memo.extra.reserve(g.rows * total)
        BLAS.sgemm(transA: true, m: g.rows, n: total, k: f, a: params, lda: g.rows,
                   b: memo.scratch.pointer, ldb: total, c: memo.extra.pointer, ldc: total)
        g.col2im(memo.extra.pointer, dx, batch: batch)
    }
}
