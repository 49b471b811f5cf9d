import Dispatch
import Foundation
import Tensors

/// Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 28×28 gray images of
/// clothing in ten classes, 60,000 for training and 10,000 for testing, read
/// from the four gzip IDX files the Debian package `dataset-fashion-mnist`
/// installs.
public enum FashionMNIST {
    public enum Split: String, Sendable, CaseIterable {
        case train, test

        /// The files' prefix: the test split is "t10k" in the original release.
        var filePrefix: String { self == .train ? "train" : "t10k" }
        public var imagesFile: String { filePrefix + "-images-idx3-ubyte.gz" }
        public var labelsFile: String { filePrefix + "-labels-idx1-ubyte.gz" }
    }

    public static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    static let side = 28
    static let imagesMagic: UInt32 = 2051
    static let labelsMagic: UInt32 = 2049

    /// The data folder for the current task, ahead of the environment: a
    /// test points one run at a folder of its own without changing the
    /// environment that every other test in the process shares.
    @TaskLocal public static var folderOverride: URL?

    /// `LECTERN_DATA` if set, else where the Debian package puts the files.
    public static var defaultDirectory: URL {
        if let folderOverride { return folderOverride }
        if let folder = ProcessInfo.processInfo.environment["LECTERN_DATA"], !folder.isEmpty {
            return URL(fileURLWithPath: folder, isDirectory: true)
        }
        return URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist", isDirectory: true)
    }

    private static let memo = LoadMemo()

    /// One split as (N, 1, 28, 28) images in [0, 1] and their labels. Loaded
    /// once per process and folder; later calls return the same value.
    public static func load(split: Split, directory: URL? = nil) throws(DatasetError) -> LabeledImages {
        let folder = (directory ?? defaultDirectory).standardizedFileURL
        return try memo.value(for: split.rawValue + "\u{0}" + folder.path) { () throws(DatasetError) in
            try read(split, from: folder)
        }
    }

    static func read(_ split: Split, from folder: URL) throws(DatasetError) -> LabeledImages {
        let imagesURL = folder.appendingPathComponent(split.imagesFile)
        let labelsURL = folder.appendingPathComponent(split.labelsFile)
        let imageBytes = try DataFile.decompress(imagesURL)
        let labelBytes = try DataFile.decompress(labelsURL)
        let images = try DataFile.idx(imageBytes, at: imagesURL)
        let labels = try DataFile.idx(labelBytes, at: labelsURL)

        func corrupt(_ url: URL, _ what: String) -> DatasetError {
            DatasetError("\(url.path) is not a usable Fashion-MNIST file: \(what)")
        }
        guard images.magic == imagesMagic else {
            throw corrupt(imagesURL, "its magic number is \(images.magic), not \(imagesMagic) (images); is it a labels file?")
        }
        guard images.dims.count == 3, images.dims[1] == side, images.dims[2] == side else {
            throw corrupt(imagesURL, "it holds \(IDXFile.describe(images.dims)) values, not N×28×28 images")
        }
        guard labels.magic == labelsMagic else {
            throw corrupt(labelsURL, "its magic number is \(labels.magic), not \(labelsMagic) (labels); is it an images file?")
        }
        guard labels.dims.count == 1 else {
            throw corrupt(labelsURL, "it holds \(IDXFile.describe(labels.dims)) values, not a list of labels")
        }
        let n = images.dims[0]
        guard n > 0 else { throw corrupt(imagesURL, "it holds no images") }
        guard labels.dims[0] == n else {
            throw DatasetError("\(imagesURL.path) holds \(n) images but \(labelsURL.path) holds \(labels.dims[0]) labels; "
                               + "the two files of a split must match")
        }
        let labelValues = labels.withPayload { $0.map(Int.init) }
        if let bad = labelValues.firstIndex(where: { $0 >= classNames.count }) {
            throw corrupt(labelsURL, "label \(labelValues[bad]) at position \(bad) is not a class number (0 to 9)")
        }

        var hash = Fingerprint()
        hash.combine(bytes: imageBytes)
        hash.combine(bytes: labelBytes)
        let tensor = Tensor(shape: [n, 1, side, side], scalars: unitFloats(images))
        return LabeledImages(images: tensor, labels: labelValues, classes: classNames,
                             fingerprint: "fashion-mnist/\(split.rawValue)/\(hash.hex)")
    }

    /// byte / 255 for every byte, by table: the division is done 256 times,
    /// not 47 million.
    static let unitTable: [Float] = (0..<256).map { Float($0) / 255 }

    /// The payload as floats in [0, 1], split over the cores: most of the
    /// time goes to the kernel handing out 188 MB of fresh pages, and that
    /// partly parallelises. Each chunk writes its own range, so the bytes
    /// are the same on any number of threads.
    static func unitFloats(_ file: IDXFile) -> [Float] {
        let n = file.count
        guard n > 0 else { return [] }
        let chunks = min(16, max(1, n >> 20))
        return [Float](unsafeUninitializedCapacity: n) { out, initialized in
            let target = UnsafeSendable(out.baseAddress!)
            file.withPayload { src in
                let source = UnsafeSendable(src.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    unitTable.withUnsafeBufferPointer { table in
                        for i in n * c / chunks..<n * (c + 1) / chunks {
                            target.pointer[i] = table[Int(source.pointer[i])]
                        }
                    }
                }
            }
            initialized = n
        }
    }
}

/// A pointer handed to worker threads that each touch a disjoint range.
private struct UnsafeSendable<P>: @unchecked Sendable {
    let pointer: P
    init(_ pointer: P) { self.pointer = pointer }
}
