import Tensors

/// A set of images with one class label each, as a loader hands it over;
/// or, for regression, inputs with a vector of real-valued targets each
/// (then `labels` and `classes` are empty).
public struct LabeledImages: Sendable {
    /// (N, C, H, W), values in [0, 1]; (N, n) vectors or (N, T, F) sequences
    /// for datasets made from tensors.
    public let images: Tensor
    /// N class numbers, each an index into `classes`.
    public let labels: [Int]
    /// (N, k) real-valued targets of a regression dataset, else nil.
    public let targets: Tensor?
    public let classes: [String]
    /// Names the content, never where it came from: "fashion-mnist/train/"
    /// and a hash of the decompressed files. Cache keys use it, so it must
    /// not change with the folder, the machine or the day.
    public let fingerprint: String

    public var count: Int { targets?.shape.first ?? labels.count }
    public var isRegression: Bool { targets != nil }

    public init(images: Tensor, labels: [Int], classes: [String], fingerprint: String) {
        self.images = images
        self.labels = labels
        self.targets = nil
        self.classes = classes
        self.fingerprint = fingerprint
    }

    /// A regression dataset: inputs and (N, k) targets.
    public init(images: Tensor, targets: Tensor, fingerprint: String) {
        self.images = images
        self.labels = []
        self.targets = targets
        self.classes = []
        self.fingerprint = fingerprint
    }
}
