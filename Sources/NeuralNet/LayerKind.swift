import Foundation

/// What one layer of a network does, with its hyper-parameters.
///
/// This is only the description: the layers that run forward and backward
/// are built from it, so every number a layer needs is here.
public enum LayerKind: Sendable, Hashable {
    /// k×k convolution with `filters` output channels.
    case conv(kernel: Int, filters: Int, stride: Int, padding: Int)
    /// k×k max pooling (no padding).
    case maxPool(kernel: Int, stride: Int)
    /// k×k average pooling (no padding).
    case avgPool(kernel: Int, stride: Int)
    /// Fully connected with this many outputs; flattens an image input.
    case fc(Int)
    case relu, tanh, sigmoid
    /// Dropout with this drop probability, in [0, 1).
    case dropout(Double)
    /// Local response normalization across channels, AlexNet's constants.
    case lrn
    case softmax
    /// Elman recurrent layer with this many tanh units, over a sequence.
    case rnn(Int)
    /// Long short-term memory with this many cells, over a sequence.
    case lstm(Int)
    /// The last step of a sequence, as a vector.
    case last

    /// The padding a convolution gets when the description gives none: it
    /// keeps the size at stride 1 for odd kernels.
    public static func defaultPadding(kernel: Int) -> Int { (kernel - 1) / 2 }

    /// The canonical text of the layer, in the description grammar; parsing
    /// it gives the same kind back. Defaults are left out (`CONV3-64`,
    /// `POOL2`), so a token shows only what is unusual about the layer.
    public var token: String {
        switch self {
        case let .conv(k, n, s, p):
            if p != LayerKind.defaultPadding(kernel: k) { return "CONV\(k)-\(n)/\(s)/\(p)" }
            return s == 1 ? "CONV\(k)-\(n)" : "CONV\(k)-\(n)/\(s)"
        case let .maxPool(k, s): return s == k ? "POOL\(k)" : "POOL\(k)/\(s)"
        case let .avgPool(k, s): return s == k ? "AVGPOOL\(k)" : "AVGPOOL\(k)/\(s)"
        case let .fc(n): return "FC-\(n)"
        case .relu: return "RELU"
        case .tanh: return "TANH"
        case .sigmoid: return "SIGMOID"
        case let .dropout(p): return "DROPOUT-\(LayerKind.decimal(p))"
        case .lrn: return "LRN"
        case .softmax: return "SOFTMAX"
        case let .rnn(n): return "RNN-\(n)"
        case let .lstm(n): return "LSTM-\(n)"
        case .last: return "LAST"
        }
    }

    /// The name stem: layers are called `<family><n>`, counted per family.
    var family: String {
        switch self {
        case .conv: "conv"
        case .maxPool: "pool"
        case .avgPool: "avgpool"
        case .fc: "fc"
        case .relu: "relu"
        case .tanh: "tanh"
        case .sigmoid: "sigmoid"
        case .dropout: "dropout"
        case .lrn: "lrn"
        case .softmax: "softmax"
        case .rnn: "rnn"
        case .lstm: "lstm"
        case .last: "last"
        }
    }

    /// Layers that map each value (or each position's channel vector) in
    /// place: same shape out, no parameters, and they add no activations
    /// to the lecture's memory count.
    var isElementWise: Bool {
        switch self {
        case .conv, .maxPool, .avgPool, .fc, .rnn, .lstm, .last: false
        case .relu, .tanh, .sigmoid, .dropout, .lrn, .softmax: true
        }
    }

    /// RNN and LSTM: the layers `time_gradients` can measure.
    public var isRecurrent: Bool { recurrence != nil }

    /// Recurrent layers: their units and how many blocks of them each
    /// step computes (1 for an RNN, 4 gates for an LSTM).
    var recurrence: (units: Int, gates: Int)? {
        switch self {
        case let .rnn(n): (n, 1)
        case let .lstm(n): (n, 4)
        default: nil
        }
    }

    /// Kernel, stride and padding of a layer that slides a window over an
    /// image; nil for the others.
    var window: (kernel: Int, stride: Int, padding: Int)? {
        switch self {
        case let .conv(k, _, s, p): (k, s, p)
        case let .maxPool(k, s), let .avgPool(k, s): (k, s, 0)
        default: nil
        }
    }

    /// The shortest fixed-point text that reads back as the same Double:
    /// the grammar has no exponents, so `1e-05` would not round-trip.
    private static func decimal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        for digits in 1...17 {
            let text = String(format: "%.\(digits)f", value)
            if Double(text) == value { return text }
        }
        return String(format: "%.17f", value)
    }
}
