import Tensors

/// One forward pass of a batch, kept for the backward pass: every layer's
/// output and what each layer saved. A tape is reused from batch to batch,
/// so a training loop allocates only on its first step.
///
/// Legend: values[0] is the input (N, inputCount); values[i + 1] is layer
/// i's output (N, layers[i].output.count).
final class Tape {
    let values: [FloatBuffer]
    let memos: [LayerMemo]
    /// Two gradient buffers the backward pass alternates between.
    private let gradients = (FloatBuffer(), FloatBuffer())
    private(set) var batch = 0
    /// The last layer the forward pass ran through.
    private(set) var last = -1

    init(layerCount: Int) {
        values = (0...layerCount).map { _ in FloatBuffer() }
        memos = (0..<layerCount).map { _ in LayerMemo() }
    }

    /// Runs layers 0...last on `batch` inputs, copied from `x`.
    func forward(_ network: Network, params: UnsafePointer<Float>, input x: UnsafePointer<Float>,
                 batch: Int, through last: Int, mode: PassMode) {
        self.batch = batch
        self.last = last
        values[0].reserve(batch * network.inputCount)
        values[0].pointer.update(from: x, count: batch * network.inputCount)
        forwardFromInput(network, params: params, through: last, mode: mode)
    }

    /// The same, for an input already written into `values[0]`.
    func forwardFromInput(_ network: Network, params: UnsafePointer<Float>, through last: Int, mode: PassMode) {
        self.last = last
        guard last >= 0 else { return }
        for i in 0...last {
            let layer = network.layers[i]
            values[i + 1].reserve(batch * layer.output.count)
            let layerMode: PassMode
            if case let .training(seed) = mode {
                layerMode = .training(seed: RandomStream.seed(combining: seed, network.identities[i]))
            } else {
                layerMode = mode
            }
            layer.forward(values[i].pointer, values[i + 1].pointer, batch: batch,
                          params: params + network.offsets[i], memo: memos[i], mode: layerMode)
        }
    }

    /// Prepares the input buffer for `forwardFromInput`.
    func inputBuffer(batch: Int, count: Int) -> UnsafeMutablePointer<Float> {
        self.batch = batch
        values[0].reserve(batch * count)
        return values[0].pointer
    }

    /// The output of layer `index` (-1: the input).
    func output(of index: Int) -> UnsafeMutablePointer<Float> { values[index + 1].pointer }

    /// Sends `dy` (the gradient at layer `from`'s output) back through
    /// layers from...down, adding parameter gradients into `dparams` (none
    /// when it is nil).
    /// Returns the gradient at layer `down`'s input, or nil when
    /// `inputGradient` is false and `down` is 0 (training skips it).
    @discardableResult
    func backward(_ network: Network, params: UnsafePointer<Float>, dparams: UnsafeMutablePointer<Float>?,
                  from: Int, gradient dy: UnsafePointer<Float>, down: Int = 0,
                  inputGradient: Bool = true, rule: ReLURule = .gradient) -> UnsafeMutablePointer<Float>? {
        var current = dy
        var result: UnsafeMutablePointer<Float>? = nil
        var useFirst = true
        for i in stride(from: from, through: down, by: -1) {
            let layer = network.layers[i]
            let target = useFirst ? gradients.0 : gradients.1
            useFirst.toggle()
            let wantsInput = i > down || inputGradient
            if wantsInput { target.reserve(batch * layer.input.count) }
            layer.backward(values[i].pointer, values[i + 1].pointer, current,
                           wantsInput ? target.pointer : nil, batch: batch,
                           params: params + network.offsets[i], dparams: dparams.map { $0 + network.offsets[i] },
                           memo: memos[i], rule: rule)
            guard wantsInput else { return nil }
            current = UnsafePointer(target.pointer)
            result = target.pointer
        }
        return result
    }
}
