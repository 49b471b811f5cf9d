/// The last step of a sequence as a vector, so that FC and SOFTMAX can
/// follow a recurrent layer (a many-to-one network).
///
/// Legend: x (N, T, F), y (N, F); dx is dy at step T − 1 and zero before.
struct LastLayer: Layer {
    let spec: LayerSpec
    let input: OutputShape
    let output: OutputShape

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode) {
        let (steps, f) = (input.steps, input.features)
        for e in 0..<batch { (y + e * f).update(from: x + (e * steps + steps - 1) * f, count: f) }
    }

    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>?, memo: LayerMemo, rule: ReLURule) {
        guard let dx else { return }
        let (steps, f) = (input.steps, input.features)
        for e in 0..<batch {
            let example = dx + e * steps * f
            example.update(repeating: 0, count: (steps - 1) * f)
            (example + (steps - 1) * f).update(from: dy + e * f, count: f)
        }
    }
}
