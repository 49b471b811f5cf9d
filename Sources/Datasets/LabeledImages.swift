import Tensors

/// A set of images with one class label each, as a loader hands it over.
public struct LabeledImages: Sendable {
    /// (N, C, H, W), values in [0, 1].
    public let images: Tensor
    /// N class numbers, each an index into `classes`.
    public let labels: [Int]
    public let classes: [String]
    /// Names the content, never where it came from: "fashion-mnist/train/"
    /// and a hash of the decompressed files. Cache keys use it, so it must
    /// not change with the folder, the machine or the day.
    public let fingerprint: String

    public var count: Int { labels.count }

    public init(images: Tensor, labels: [Int], classes: [String], fingerprint: String) {
        self.images = images
        self.labels = labels
        self.classes = classes
        self.fingerprint = fingerprint
    }
}
