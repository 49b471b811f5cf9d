/// Max and average pooling over k×k windows with stride s, no padding.
///
/// Legend: x (N, C, H, W), y (N, C, OH, OW). Max pooling records, for each
/// output, the index in x of the value it kept (its switch): the backward
/// pass and the deconvnet's unpooling both route gradients through it.
struct MaxPoolLayer: Layer {
    let spec: LayerSpec
    let input: OutputShape
    let output: OutputShape
    let kernel: Int, stride: Int

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode) {
        let planes = batch * input.channels
        let (h, w, oh, ow, k, s) = (input.height, input.width, output.height, output.width, kernel, stride)
        memo.switches.reserve(planes * oh * ow)
        let source = SharedPointer(UnsafeMutablePointer(mutating: x)), out = SharedPointer(y)
        let switches = SharedPointer(memo.switches.pointer)
        Parallel.forEach(planes, work: planes * oh * ow * k * k) { plane in
            let xp = UnsafePointer(source.base) + plane * h * w
            let yp = out.base + plane * oh * ow, sp = switches.base + plane * oh * ow
            if k == 2, s == 2 {
                MaxPoolLayer.pool2x2(xp, width: w, yp, sp, outHeight: oh, outWidth: ow)
                return
            }
            for r in 0..<oh {
                for c in 0..<ow {
                    // The first maximum in reading order wins ties, so switches are reproducible.
                    var best = r * s * w + c * s
                    var value = xp[best]
                    for i in 0..<k {
                        let line = (r * s + i) * w + c * s
                        for j in 0..<k where xp[line + j] > value {
                            value = xp[line + j]
                            best = line + j
                        }
                    }
                    yp[r * ow + c] = value
                    sp[r * ow + c] = Int32(best)
                }
            }
        }
    }

    /// The common POOL2 case without the generic loops' bookkeeping; the
    /// same tie rule (first in reading order).
    @inline(__always)
    static func pool2x2(_ xp: UnsafePointer<Float>, width w: Int, _ yp: UnsafeMutablePointer<Float>,
                        _ sp: UnsafeMutablePointer<Int32>, outHeight oh: Int, outWidth ow: Int) {
        // Pairwise maxima with selects (no branches to mispredict): the
        // first of equal values wins in each pair, then the top pair's.
        let below = Int32(w)
        for r in 0..<oh {
            let top = xp + 2 * r * w, bottom = top + w
            let base = Int32(truncatingIfNeeded: 2 * r * w)
            for c in 0..<ow {
                let a = top[2 * c], b = top[2 * c + 1], d = bottom[2 * c], e = bottom[2 * c + 1]
                let upper = b > a ? b : a, upperAt: Int32 = b > a ? 1 : 0
                let lower = e > d ? e : d, lowerAt: Int32 = e > d ? below + 1 : below
                let down = lower > upper
                yp[r * ow + c] = down ? lower : upper
                sp[r * ow + c] = base &+ Int32(truncatingIfNeeded: 2 * c) &+ (down ? lowerAt : upperAt)
            }
        }
    }

    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>?, memo: LayerMemo, rule: ReLURule) {
        guard let dx else { return }
        unpool(dy, into: dx, batch: batch, switches: memo.switches.pointer)
    }

    /// dx = dy placed at its switch, zero elsewhere (overlapping windows add).
    func unpool(_ dy: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>, batch: Int,
                switches: UnsafePointer<Int32>) {
        let planes = batch * input.channels
        let (inSize, outSize) = (input.height * input.width, output.height * output.width)
        let grads = SharedPointer(dx), source = SharedPointer(UnsafeMutablePointer(mutating: dy))
        let sw = SharedPointer(UnsafeMutablePointer(mutating: switches))
        Parallel.forEach(planes, work: planes * inSize) { plane in
            let dxp = grads.base + plane * inSize
            dxp.update(repeating: 0, count: inSize)
            let dyp = source.base + plane * outSize, sp = sw.base + plane * outSize
            for o in 0..<outSize { dxp[Int(sp[o])] += dyp[o] }
        }
    }
}

struct AvgPoolLayer: Layer {
    let spec: LayerSpec
    let input: OutputShape
    let output: OutputShape
    let kernel: Int, stride: Int

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode) {
        let planes = batch * input.channels
        let (h, w, oh, ow, k, s) = (input.height, input.width, output.height, output.width, kernel, stride)
        let scale = 1 / Float(k * k)
        let source = SharedPointer(UnsafeMutablePointer(mutating: x)), out = SharedPointer(y)
        Parallel.forEach(planes, work: planes * oh * ow * k * k) { plane in
            let xp = source.base + plane * h * w, yp = out.base + plane * oh * ow
            for r in 0..<oh {
                for c in 0..<ow {
                    var sum: Float = 0
                    for i in 0..<k {
                        let line = xp + (r * s + i) * w + c * s
                        for j in 0..<k { sum += line[j] }
                    }
                    yp[r * ow + c] = sum * scale
                }
            }
        }
    }

    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>?, memo: LayerMemo, rule: ReLURule) {
        guard let dx else { return }
        let planes = batch * input.channels
        let (h, w, oh, ow, k, s) = (input.height, input.width, output.height, output.width, kernel, stride)
        let scale = 1 / Float(k * k)
        let grads = SharedPointer(dx), source = SharedPointer(UnsafeMutablePointer(mutating: dy))
        Parallel.forEach(planes, work: planes * h * w) { plane in
            let dxp = grads.base + plane * h * w, dyp = source.base + plane * oh * ow
            dxp.update(repeating: 0, count: h * w)
            for r in 0..<oh {
                for c in 0..<ow {
                    let g = dyp[r * ow + c] * scale
                    for i in 0..<k {
                        let line = dxp + (r * s + i) * w + c * s
                        for j in 0..<k { line[j] += g }
                    }
                }
            }
        }
    }
}
