/// Whether a pass trains (dropout drops, with masks drawn from the seed) or
/// infers (dropout passes everything).
public enum PassMode: Sendable, Equatable {
    case inference
    case training(seed: UInt64)
}

/// How a ReLU sends gradients back. `.gradient` is the derivative; the
/// other two are the rules of the visualizations that reuse the backward
/// pass (Springenberg et al.'s guided backprop, Zeiler and Fergus's
/// deconvnet), so they need no second copy of the network.
public enum ReLURule: Sendable, Equatable {
    /// g · [x > 0]
    case gradient
    /// g · [x > 0] · [g > 0]
    case guided
    /// g · [g > 0], ignoring the forward pass
    case deconv
}

/// How a layer's weights are drawn at initialisation.
enum InitScheme: Sendable {
    /// He et al.: N(0, 2 / fan_in), for layers a ReLU follows.
    case he
    /// Glorot and Bengio: U(±sqrt(6 / (fan_in + fan_out))), for the rest.
    case glorot
}

/// What a layer keeps from its forward pass for its backward pass.
final class LayerMemo {
    /// im2col columns of a convolution.
    let columns = FloatBuffer()
    /// Max pooling's switches: for each output, the input index it came from.
    let switches = IndexBuffer()
    /// Dropout's kept-and-scaled mask, LRN's denominators, a convolution's
    /// output before it is laid out per image.
    let scratch = FloatBuffer()
    /// A convolution's column gradients; a recurrent layer's gradients at
    /// its gate pre-activations.
    let extra = FloatBuffer()
    /// A recurrent layer's ∂L/∂h_t at every step of its last backward pass,
    /// kept because `time_gradients` measures how it fades back in time.
    let stepGradients = FloatBuffer()
    /// A recurrent layer's second working buffer: the cell gradient carried
    /// back a step, then the states shifted by one step.
    let shifted = FloatBuffer()
}

/// One layer of a network, on a batch laid out as N examples of the
/// layer's per-example shape, each C×H×W row-major (a vector is C values).
///
/// Parameters are not stored here but in the network's flat store: a layer
/// reads its weights then its biases at the pointer it is given, and adds
/// its gradients into the matching place of the gradient store.
protocol Layer: Sendable {
    var spec: LayerSpec { get }
    var input: OutputShape { get }
    var output: OutputShape { get }
    var weightCount: Int { get }
    var biasCount: Int { get }

    /// Fills weights and biases (biases start at zero).
    func initialize(_ params: UnsafeMutablePointer<Float>, scheme: InitScheme, seed: UInt64)

    /// x: (N, input.count) → y: (N, output.count).
    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode)

    /// dy: (N, output.count) → dx: (N, input.count), overwritten (skipped when
    /// nil: the first layer's input needs no gradient while training);
    /// parameter gradients are added into `dparams`, and skipped when it is
    /// nil (the input-gradient visualizations would throw them away).
    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>?, memo: LayerMemo, rule: ReLURule)
}

extension Layer {
    var parameterCount: Int { weightCount + biasCount }
    var weightCount: Int { 0 }
    var biasCount: Int { 0 }
    func initialize(_ params: UnsafeMutablePointer<Float>, scheme: InitScheme, seed: UInt64) {}
}
