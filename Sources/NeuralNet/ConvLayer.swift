import Tensors

/// k×k convolution: for each image, im2col then one GEMM forward, and two
/// GEMMs backward (weights, input).
///
/// Legend: x (N, C, H, W), y (N, F, OH, OW), w (F, C, k, k) then b (F);
/// an image's columns are (K, P) with K = C·k·k and P = OH·OW (see
/// `ConvGeometry`), so y_n = w · columns_n lands in y's layout directly.
///
/// Why image by image: one image's columns (at most a few hundred KiB here)
/// stay in cache between im2col and the GEMM, and no batch-sized column
/// matrix is written to memory and read back. The batch is cut into a fixed
/// number of chunks, one worker each with one-thread BLAS; weight gradients
/// are summed per chunk and then in chunk order, so the result is the same
/// bytes whatever the number of cores.
struct ConvLayer: Layer {
    let spec: LayerSpec
    let input: OutputShape
    let output: OutputShape
    let geometry: ConvGeometry
    var filters: Int { output.channels }

    /// Chunks of a batch: fixed, so sums never depend on the machine.
    static let chunks = 8

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
        let g = geometry, (k, p, f) = (g.rows, g.positions, filters)
        memo.columns.reserve(ConvLayer.chunks * k * p)
        let (cols, src, out) = (SharedPointer(memo.columns.pointer), SharedPointer(UnsafeMutablePointer(mutating: x)),
                                SharedPointer(y))
        let w = SharedPointer(UnsafeMutablePointer(mutating: params))
        ConvLayer.eachChunk(batch, work: batch * f * k * p) { chunk, images in
            let columns = cols.base + chunk * k * p
            for n in images {
                g.im2col(src.base + n * g.imageSize, columns, batch: 1)
                let yn = out.base + n * f * p
                // y_n = w · columns_n, then the bias.
                BLAS.sgemm(m: f, n: p, k: k, a: w.base, lda: k, b: columns, ldb: p, c: yn, ldc: p)
                for c in 0..<f {
                    let b = w.base[f * k + c], row = yn + c * p
                    for i in 0..<p { row[i] += b }
                }
            }
        }
    }

    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>, memo: LayerMemo, rule: ReLURule) {
        let g = geometry, (k, p, f) = (g.rows, g.positions, filters)
        let perChunk = weightCount + biasCount
        memo.columns.reserve(ConvLayer.chunks * k * p)
        memo.extra.reserve(ConvLayer.chunks * k * p)
        memo.scratch.zero(ConvLayer.chunks * perChunk)
        let (cols, dcols, partial) = (SharedPointer(memo.columns.pointer), SharedPointer(memo.extra.pointer),
                                      SharedPointer(memo.scratch.pointer))
        let (src, grad) = (SharedPointer(UnsafeMutablePointer(mutating: x)), SharedPointer(UnsafeMutablePointer(mutating: dy)))
        let w = SharedPointer(UnsafeMutablePointer(mutating: params))
        let dxs = dx.map(SharedPointer.init)
        ConvLayer.eachChunk(batch, work: batch * f * k * p * 2) { chunk, images in
            let columns = cols.base + chunk * k * p, dcolumns = dcols.base + chunk * k * p
            let dw = partial.base + chunk * perChunk, db = dw + f * k
            for n in images {
                let dyn = grad.base + n * f * p
                g.im2col(src.base + n * g.imageSize, columns, batch: 1)
                // dw += dy_n · columns_nᵀ
                BLAS.sgemm(transB: true, m: f, n: k, k: p, a: dyn, lda: p, b: columns, ldb: p, beta: 1, c: dw, ldc: k)
                for c in 0..<f {
                    let row = dyn + c * p
                    var s: Float = 0
                    for i in 0..<p { s += row[i] }
                    db[c] += s
                }
                guard let dxs else { continue }
                // dcolumns = wᵀ · dy_n, folded back onto the image's pixels.
                BLAS.sgemm(transA: true, m: k, n: p, k: f, a: w.base, lda: k, b: dyn, ldb: p, c: dcolumns, ldc: p)
                g.col2im(dcolumns, dxs.base + n * g.imageSize, batch: 1)
            }
        }
        // Chunk sums in chunk order: the same bytes on any number of threads.
        for chunk in 0..<ConvLayer.chunks {
            let part = memo.scratch.pointer + chunk * perChunk
            for i in 0..<perChunk { dparams[i] += part[i] }
        }
    }

    /// Runs `body(chunk, images)` for the fixed chunks of a batch in
    /// parallel; small batches run on the calling thread.
    static func eachChunk(_ batch: Int, work: Int, _ body: @Sendable (Int, Range<Int>) -> Void) {
        let size = (batch + chunks - 1) / chunks
        let parallel = batch > 1 && work >= Parallel.minimumWork * 4
        Parallel.withSerialBLAS {
            Parallel.forEach(chunks, work: parallel ? work : 0) { chunk in
                let lo = min(batch, chunk * size), hi = min(batch, lo + size)
                body(chunk, lo..<hi)
            }
        }
    }
}
