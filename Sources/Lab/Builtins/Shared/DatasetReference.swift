import Datasets
import Tensors

/// Datasets too large to store are stored by name: a Fashion-MNIST split,
/// or the first n items of one, named by its content fingerprint. Made
/// again from the data files, a dataset is used only if its fingerprint is
/// the stored one, so a changed file can never stand in for the old one.
enum DatasetReference {
    /// Whether `fingerprint` names a dataset this can make again.
    static func canRebuild(_ fingerprint: String) -> Bool {
        if let (inner, _) = takeParts(fingerprint) { return canRebuild(inner) }
        return fingerprint.hasPrefix("fashion-mnist/")
    }

    static func rebuild(_ fingerprint: String) -> LabeledImages? {
        if let (inner, n) = takeParts(fingerprint) {
            guard let base = rebuild(inner), n >= 1, n <= base.count else { return nil }
            return firstItems(base, n)
        }
        let parts = fingerprint.split(separator: "/")
        guard parts.count == 3, parts[0] == "fashion-mnist", let split = FashionMNIST.Split(rawValue: String(parts[1])),
              let data = try? FashionMNIST.load(split: split, directory: FashionMNIST.defaultDirectory),
              data.fingerprint == fingerprint else { return nil }
        return data
    }

    /// `take(INNER,n)` → (INNER, n).
    static func takeParts(_ fingerprint: String) -> (String, Int)? {
        guard fingerprint.hasPrefix("take("), fingerprint.hasSuffix(")"),
              let comma = fingerprint.lastIndex(of: ",") else { return nil }
        let inner = String(fingerprint[fingerprint.index(fingerprint.startIndex, offsetBy: 5)..<comma])
        guard let n = Int(fingerprint[fingerprint.index(after: comma)..<fingerprint.index(before: fingerprint.endIndex)]) else { return nil }
        return (inner, n)
    }

    /// The first n items, as `take` makes them (targets too, for regression).
    static func firstItems(_ data: LabeledImages, _ n: Int) -> LabeledImages {
        func prefix(_ t: Tensor) -> Tensor {
            let item = Array(t.shape.dropFirst())
            return Tensor(shape: [n] + item, scalars: Array(t.scalars.prefix(n * item.reduce(1, *))))
        }
        let fingerprint = "take(\(data.fingerprint),\(n))"
        if let targets = data.targets {
            return LabeledImages(images: prefix(data.images), targets: prefix(targets), fingerprint: fingerprint)
        }
        return LabeledImages(images: prefix(data.images), labels: Array(data.labels.prefix(n)),
                             classes: data.classes, fingerprint: fingerprint)
    }
}
