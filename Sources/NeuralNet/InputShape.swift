/// What a network takes in: an image (height × width × channels) or a
/// vector of values, or a sequence of vectors.
public enum InputShape: Sendable, Hashable {
    case image(height: Int, width: Int, channels: Int)
    case vector(Int)
    /// T steps of F values each: `INPUT SEQ-TxF`.
    case sequence(steps: Int, features: Int)

    /// The canonical text of the INPUT token: `INPUT 224x224x3`, `INPUT 784`.
    public var token: String { "INPUT \(shape)" }

    /// The input as the shape of the values flowing into the first layer.
    public var shape: OutputShape {
        switch self {
        case let .image(h, w, c): OutputShape(height: h, width: w, channels: c)
        case let .vector(n): OutputShape.vector(n)
        case let .sequence(t, f): OutputShape.sequence(steps: t, features: f)
        }
    }
}
