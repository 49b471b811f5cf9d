import Datasets
import Figures
import Foundation
import Tensors

/// Reading data: images from the project (paths are relative to the lesson
/// and may not leave the project, `Session.resolve`), the installed
/// Fashion-MNIST, and datasets made from tensors.
enum DataBuiltins {
    static let all: [Builtin] = [loadImage, fashionMNIST, take, dataset]

    /// Larger files are not lesson images; refuse before reading them whole.
    static let maxImageBytes = 64 << 20

    static let loadImage = Builtin("load_image(path: string)",
                                   "a PNG file as a (C, H, W) tensor in [0, 1] (C is 1 for gray, 3 for colour)") { args, _ in
        let path = try args.string("path")
        let url = try args.session.resolve(path: path, at: args.location("path"))
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard let size = attributes?[.size] as? Int else {
            throw LabError("load_image: no file at '\(path)'", at: args.location("path"))
        }
        guard size <= maxImageBytes else {
            throw LabError("load_image: '\(path)' is \(size / 1_048_576) MiB; images may be at most 64 MiB", at: args.location("path"))
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LabError("load_image: cannot read '\(path)'", at: args.location("path"))
        }
        let bitmap: Bitmap
        do throws(FigureError) { bitmap = try PNGEncoder.decode([UInt8](data)) } catch {
            throw LabError("load_image: '\(path)' is not a PNG file we can read (\(error.message))", at: args.location("path"))
        }
        // Alpha is dropped: lessons work on gray or RGB images.
        let c = bitmap.channels == 1 ? 1 : 3
        let plane = bitmap.width * bitmap.height
        var values = [Float](repeating: 0, count: c * plane)
        for p in 0..<plane {
            for ch in 0..<c { values[ch * plane + p] = Float(bitmap.pixels[p * bitmap.channels + ch]) / 255 }
        }
        return .tensor(Tensor(shape: [c, bitmap.height, bitmap.width], scalars: values))
    }

    static let fashionMNIST = Builtin("fashion_mnist(split: string = \"train\")",
                                      "Fashion-MNIST's \"train\" (60,000) or \"test\" (10,000) split: .images (N, 1, 28, 28) in [0, 1], .labels, .classes") { args, call in
        let name = try args.string("split")
        guard let split = FashionMNIST.Split(rawValue: name) else {
            throw LabError("fashion_mnist: the split is \"train\" or \"test\", not \"\(name)\"", at: args.location("split"))
        }
        // Noted before loading: a lesson that failed for want of the files
        // must run again once they are there.
        let folder = FashionMNIST.defaultDirectory
        for file in [split.imagesFile, split.labelsFile] { call.session.noteRead(folder.appendingPathComponent(file)) }
        return .object(DatasetValue(try args.run(at: nil) { try FashionMNIST.load(split: split, directory: folder) }))
    }

    static let take = Builtin("take(dataset: dataset, n: int)", "the first n items of a dataset") { args, _ in
        let data = try args.dataset()
        let n = try args.int("n", min: 1)
        guard n <= data.count else {
            throw LabError("take: the dataset has \(ValueFormat.grouped(Double(data.count))) items, "
                           + "fewer than the \(ValueFormat.grouped(Double(n))) asked for", at: args.location("n"))
        }
        return .object(DatasetValue(DatasetReference.firstItems(data.data, n)))
    }

    /// Class numbers at or past this are a mistake (a pixel value passed as
    /// labels?), and would make as many default class names.
    static let maxClasses = 100_000

    static let dataset = Builtin("dataset(images: tensor, labels: tensor, classes: list = none)",
                                 "a dataset from (N, C, H, W), (N, H, W) or (N, n) inputs and N class numbers (classes names them), or real targets, (N,) or (N, k), for regression") { args, _ in
        var images = try args.tensor("images")
        // (N, n) vectors are inputs of `INPUT n` networks, kept as they are.
        if images.rank == 3 { images = Tensor(shape: [images.shape[0], 1] + images.shape.dropFirst(), scalars: images.scalars) }
        guard images.rank == 4 || images.rank == 2 else {
            throw LabError("dataset: 'images' must have shape (N, C, H, W), (N, H, W) or (N, n), not \(Tensor.describe(images.shape))",
                           at: args.location("images"))
        }
        let n = images.shape[0]
        guard n > 0 else { throw LabError("dataset: 'images' holds no images", at: args.location("images")) }
        if let targets = try RegressionData.targets(args, count: n) {
            return .object(DatasetValue(RegressionData.dataset(images, targets)))
        }
        let labels = try classNumbers(args, count: n)
        let classes: [String]
        if args.has("classes") {
            classes = try args.list("classes").map { item in
                guard case let .string(s) = item else {
                    throw LabError("dataset: 'classes' must be a list of names, got \(item.kindDescription) in it", at: args.location("classes"))
                }
                return s
            }
            if let i = labels.firstIndex(where: { $0 >= classes.count }) {
                throw LabError("dataset: label \(labels[i]) (item \(i)) has no name: 'classes' names "
                               + (classes.count == 1 ? "1 class (label 0)" : "\(classes.count) classes (labels 0 to \(classes.count - 1))"),
                               at: args.location("classes"))
            }
        } else {
            classes = (0...(labels.max() ?? 0)).map(String.init)
        }
        var hash = Fingerprint()
        hash.combine(images.rank)
        for d in images.shape { hash.combine(d) }
        images.scalars.withUnsafeBytes { hash.combine(bytes: $0) }
        for l in labels { hash.combine(l) }
        for c in classes { hash.combine(c) }
        return .object(DatasetValue(LabeledImages(images: images, labels: labels, classes: classes, fingerprint: "tensors/" + hash.hex)))
    }

    /// `labels` as N whole numbers from 0, with the first bad one named.
    private static func classNumbers(_ args: Arguments, count n: Int) throws -> [Int] {
        let t = try args.tensor("labels")
        guard t.rank == 1 else {
            throw LabError("dataset: 'labels' must be a list of class numbers, not a tensor of shape \(Tensor.describe(t.shape))",
                           at: args.location("labels"))
        }
        guard t.count == n else {
            throw LabError("dataset: there \(n == 1 ? "is 1 image" : "are \(n) images") but "
                           + (t.count == 1 ? "1 label" : "\(t.count) labels"), at: args.location("labels"))
        }
        return try t.scalars.enumerated().map { i, x in
            guard x >= 0, x < Float(maxClasses), x == x.rounded() else {
                throw LabError("dataset: label \(ValueFormat.plain(Double(x))) (item \(i)) is not a class number "
                               + "(a whole number from 0 to \(maxClasses - 1))", at: args.location("labels"))
            }
            return Int(x)
        }
    }
}
