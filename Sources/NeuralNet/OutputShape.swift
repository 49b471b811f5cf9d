/// The shape of the values a layer produces for one input.
///
/// A vector (after an FC layer, or a vector input) has height and width 1
/// and its length in `channels`; `isVector` keeps it apart from a 1×1 image,
/// because CONV and POOL accept the second and not the first.
public struct OutputShape: Sendable, Hashable, CustomStringConvertible {
    public let height: Int
    public let width: Int
    public let channels: Int
    public let isVector: Bool

    public init(height: Int, width: Int, channels: Int) {
        self.height = height
        self.width = width
        self.channels = channels
        self.isVector = false
    }

    private init(length: Int) {
        height = 1
        width = 1
        channels = length
        isVector = true
    }

    public static func vector(_ length: Int) -> OutputShape { OutputShape(length: length) }

    /// Number of values. Descriptions check that it fits in an `Int`
    /// before they hand a shape out, so this product does not overflow.
    public var count: Int { height &* width &* channels }

    /// `224x224x64` for an image, `4096` for a vector.
    public var description: String {
        isVector ? "\(channels)" : "\(height)x\(width)x\(channels)"
    }

    /// `HxW` of an image, for messages about spatial sizes.
    var spatial: String { "\(height)x\(width)" }
}
