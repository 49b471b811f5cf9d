/// The shape of the values a layer produces for one input.
///
/// A vector (after an FC layer, or a vector input) has height and width 1
/// and its length in `channels`; `isVector` keeps it apart from a 1×1 image,
/// because CONV and POOL accept the second and not the first.
///
/// A sequence (INPUT SEQ-TxF, or a recurrent layer's output) keeps its T
/// steps in `height` and each step's F values in `channels`, laid out step
/// by step (T×F row-major), so step t of an example is one contiguous row.
public struct OutputShape: Sendable, Hashable, CustomStringConvertible {
    public let height: Int
    public let width: Int
    public let channels: Int
    public let isVector: Bool
    public let isSequence: Bool

    public init(height: Int, width: Int, channels: Int) {
        self.height = height
        self.width = width
        self.channels = channels
        self.isVector = false
        self.isSequence = false
    }

    private init(length: Int) {
        height = 1
        width = 1
        channels = length
        isVector = true
        isSequence = false
    }

    private init(steps: Int, features: Int) {
        height = steps
        width = 1
        channels = features
        isVector = false
        isSequence = true
    }

    public static func vector(_ length: Int) -> OutputShape { OutputShape(length: length) }
    public static func sequence(steps: Int, features: Int) -> OutputShape { OutputShape(steps: steps, features: features) }

    /// A sequence's T and F.
    public var steps: Int { height }
    public var features: Int { channels }

    /// Number of values. Descriptions check that it fits in an `Int`
    /// before they hand a shape out, so this product does not overflow.
    public var count: Int { height &* width &* channels }

    /// `224x224x64` for an image, `4096` for a vector, `SEQ-50x10` for a sequence.
    public var description: String {
        if isSequence { return "SEQ-\(height)x\(channels)" }
        return isVector ? "\(channels)" : "\(height)x\(width)x\(channels)"
    }

    /// How messages name what a layer received: "a vector of 784 values".
    var noun: String {
        if isSequence { return "a sequence of \(steps) steps of \(features) values" }
        return isVector ? "a vector of \(channels) values" : "a \(description) image"
    }

    /// `HxW` of an image, for messages about spatial sizes.
    var spatial: String { "\(height)x\(width)" }
}
