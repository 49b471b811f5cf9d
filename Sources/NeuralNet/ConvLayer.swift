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

    /// Images per GEMM: enough that a small feature map (7×7) still gives
    /// the GEMM a few hundred columns, where OpenBLAS's kernels run well.
    var group: Int { max(1, ConvLayer.targetColumns / geometry.positions) }
    static let targetColumns = 1024

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode) {
        let g = geometry, (k, p, f, group) = (g.rows, g.positions, filters, group)
        let span = group * p
        memo.columns.reserve(ConvLayer.chunks * k * span)
        memo.scratch.reserve(ConvLayer.chunks * f * span)
        let (cols, tmp) = (SharedPointer(memo.columns.pointer), SharedPointer(memo.scratch.pointer))
        let (src, out) = (SharedPointer(UnsafeMutablePointer(mutating: x)), SharedPointer(y))
        let w = SharedPointer(UnsafeMutablePointer(mutating: params))
        ConvLayer.eachChunk(batch, work: batch * f * k * p) { chunk, images in
            let columns = cols.base + chunk * k * span, t = tmp.base + chunk * f * span
            for first in stride(from: images.lowerBound, to: images.upperBound, by: group) {
                let count = min(group, images.upperBound - first), width = count * p
                g.im2col(src.base + first * g.imageSize, columns, batch: count)
                // One image: y_n = w · columns_n lands in place. Several: t = w · columns,
                // then each image's rows are copied out (in cache) with the bias.
                let target = count == 1 ? out.base + first * f * p : t
                BLAS.sgemm(m: f, n: width, k: k, a: w.base, lda: k, b: columns, ldb: width, c: target, ldc: width)
                for n in 0..<count {
                    for c in 0..<f {
                        let b = w.base[f * k + c], row = out.base + ((first + n) * f + c) * p
                        if count == 1 {
                            for i in 0..<p { row[i] += b }
                        } else {
                            let from = t + c * width + n * p
                            for i in 0..<p { row[i] = from[i] + b }
                        }
                    }
                }
            }
        }
    }

    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>?, memo: LayerMemo, rule: ReLURule) {
        let g = geometry, (k, p, f, group) = (g.rows, g.positions, filters, group)
        let span = group * p, perChunk = weightCount + biasCount
        memo.columns.reserve(ConvLayer.chunks * k * span)
        memo.extra.reserve(ConvLayer.chunks * (k + f) * span)
        let wantsParameters = dparams != nil
        if wantsParameters { memo.scratch.zero(ConvLayer.chunks * perChunk) }
        let (cols, extra, partial) = (SharedPointer(memo.columns.pointer), SharedPointer(memo.extra.pointer),
                                      SharedPointer(memo.scratch.pointer))
        let (src, grad) = (SharedPointer(UnsafeMutablePointer(mutating: x)), SharedPointer(UnsafeMutablePointer(mutating: dy)))
        let w = SharedPointer(UnsafeMutablePointer(mutating: params))
        let dxs = dx.map(SharedPointer.init)
        ConvLayer.eachChunk(batch, work: batch * f * k * p * 2) { chunk, images in
            let columns = cols.base + chunk * k * span
            let dcolumns = extra.base + chunk * (k + f) * span, dt = dcolumns + k * span
            let dw = partial.base + chunk * perChunk, db = dw + f * k
            for first in stride(from: images.lowerBound, to: images.upperBound, by: group) {
                let count = min(group, images.upperBound - first), width = count * p
                // dt (F, count·P): the group's output gradients side by side.
                let d: UnsafePointer<Float>
                if count == 1 {
                    d = UnsafePointer(grad.base + first * f * p)
                } else {
                    for n in 0..<count {
                        for c in 0..<f { (dt + c * width + n * p).update(from: grad.base + ((first + n) * f + c) * p, count: p) }
                    }
                    d = UnsafePointer(dt)
                }
                if wantsParameters {
                    g.im2col(src.base + first * g.imageSize, columns, batch: count)
                    // dw += dt · columnsᵀ
                    BLAS.sgemm(transB: true, m: f, n: k, k: width, a: d, lda: width, b: columns, ldb: width,
                               beta: 1, c: dw, ldc: k)
                    for c in 0..<f {
                        let row = d + c * width
                        var s: Float = 0
                        for i in 0..<width { s += row[i] }
                        db[c] += s
                    }
                }
                guard let dxs else { continue }
                // dcolumns = wᵀ · dt, folded back onto the images' pixels.
                BLAS.sgemm(transA: true, m: k, n: width, k: f, a: w.base, lda: k, b: d, ldb: width,
                           c: dcolumns, ldc: width)
                g.col2im(dcolumns, dxs.base + first * g.imageSize, batch: count)
            }
        }
        // Chunk sums in chunk order: the same bytes on any number of threads.
        guard let dparams else { return }
        for chunk in 0..<ConvLayer.chunks {
            let part = memo.scratch.pointer + chunk * perChunk
            for i in 0..<perChunk { dparams[i] += part[i] }
        }
    }

    /// Runs `body(chunk, images)` for the fixed chunks of a batch in
    /// parallel, with BLAS on one thread inside them (two levels of threads
    /// on two cores only fight); small batches run on the calling thread.
    static func eachChunk(_ batch: Int, work: Int, _ body: @Sendable (Int, Range<Int>) -> Void) {
        let size = (batch + chunks - 1) / chunks
        let parallel = batch > 1 && work >= Parallel.minimumWork * 4
        BLAS.withSerialThreads {
            Parallel.forEach(chunks, work: parallel ? work : 0) { chunk in
                let lo = min(batch, chunk * size), hi = min(batch, lo + size)
                body(chunk, lo..<hi)
            }
        }
    }
}
