import Datasets
import Tensors

/// Images with a class label each, as `fashion_mnist`, `take` and `dataset`
/// make them and `train` and `evaluate` consume them: the loader's
/// `LabeledImages` as a value of the language. Its fingerprint names the
/// content, not where it came from ("fashion-mnist/train/…",
/// "take(…,100)", "tensors/…"), so cache keys survive moving the data.
public struct DatasetValue: LabObject {
    public let data: LabeledImages

    public init(_ data: LabeledImages) { self.data = data }

    /// (N, C, H, W).
    public var images: Tensor { data.images }
    public var labels: [Int] { data.labels }
    public var classes: [String] { data.classes }
    public var fingerprint: String { data.fingerprint }
    public var count: Int { data.count }

    public var typeName: String { "dataset" }
    /// (N, k) for a regression dataset, else nil.
    public var targets: Tensor? { data.targets }

    public var fieldNames: [String] {
        data.isRegression ? ["images", "targets", "labels", "count"] : ["images", "labels", "classes", "count"]
    }

    public func field(_ name: String) -> Value? {
        // A regression dataset's `.labels` are its targets, so that
        // `dataset(d.images, d.labels)` makes the same dataset again.
        if let targets = data.targets, name == "targets" || name == "labels" { return .tensor(targets) }
        switch name {
        case "images": return .tensor(images)
        case "labels": return .tensor(Tensor(labels.map(Float.init)))
        case "classes": return .list(classes.map(Value.string))
        case "count": return .number(Double(count))
        default: return nil
        }
    }

    /// "dataset of 10,000 images 1×28×28, 10 classes".
    public var display: Output {
        let size = images.shape.dropFirst().map(String.init).joined(separator: "×")
        if let targets = data.targets {
            let n = count == 1 ? "1 item" : ValueFormat.grouped(Double(count)) + " items"
            let k = targets.shape.last ?? 1
            return .text("regression dataset of \(n) \(size), \(k == 1 ? "1 target" : "\(k) targets") each", caption: nil)
        }
        let n = count == 1 ? "1 image" : ValueFormat.grouped(Double(count)) + " images"
        let classCount = classes.count == 1 ? "1 class" : "\(classes.count) classes"
        return .text("dataset of \(n) \(size), \(classCount)", caption: nil)
    }

    public var contentKey: String { "dataset:" + fingerprint }
}
