import Tensors

/// Fully connected: y = x · wᵀ + b, flattening an image input in its
/// C×H×W order.
///
/// Legend: x (N, I), y (N, O), w (O, I) then b (O).
struct FCLayer: Layer {
    let spec: LayerSpec
    let input: OutputShape
    let output: OutputShape
    var inputs: Int { input.count }
    var outputs: Int { output.count }

    var weightCount: Int { inputs * outputs }
    var biasCount: Int { outputs }

    func initialize(_ params: UnsafeMutablePointer<Float>, scheme: InitScheme, seed: UInt64) {
        Initializer.fill(params, count: weightCount, fanIn: inputs, fanOut: outputs, scheme: scheme, seed: seed)
        (params + weightCount).update(repeating: 0, count: biasCount)
    }

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode) {
        let b = params + weightCount
        for n in 0..<batch { (y + n * outputs).update(from: b, count: outputs) }
        BLAS.sgemm(transB: true, m: batch, n: outputs, k: inputs, a: x, lda: inputs,
                   b: params, ldb: inputs, beta: 1, c: y, ldc: outputs)
    }

    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>?, memo: LayerMemo, rule: ReLURule) {
        if let dparams {
            // dw += dyᵀ · x
            BLAS.sgemm(transA: true, m: outputs, n: inputs, k: batch, a: dy, lda: outputs,
                       b: x, ldb: inputs, beta: 1, c: dparams, ldc: inputs)
            let db = dparams + weightCount
            for n in 0..<batch {
                let row = dy + n * outputs
                for o in 0..<outputs { db[o] += row[o] }
            }
        }
        // dx = dy · w
        if let dx {
            BLAS.sgemm(m: batch, n: inputs, k: outputs, a: dy, lda: outputs,
                       b: params, ldb: inputs, c: dx, ldc: inputs)
        }
    }
}
