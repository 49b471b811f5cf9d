import Foundation
@testable import Datasets
import Testing

@Suite struct FashionMNISTTests {
    func message(_ folder: URL, split: FashionMNIST.Split = .test) -> String? {
        do throws(DatasetError) { _ = try FashionMNIST.load(split: split, directory: folder); return nil } catch {
            return error.message
        }
    }

    @Test func loadsASplit() throws {
        let folder = try Fixtures.folder()
        try Data(Fixtures.deflatedImages).write(to: folder.appendingPathComponent("train-images-idx3-ubyte.gz"))
        try Data(Fixtures.deflatedLabels).write(to: folder.appendingPathComponent("train-labels-idx1-ubyte.gz"))
        let data = try FashionMNIST.load(split: .train, directory: folder)
        #expect(data.images.shape == [2, 1, 28, 28])
        #expect(data.images.scalars[..<784].allSatisfy { $0 == 0 })
        #expect(data.images.scalars[784...].allSatisfy { $0 == 1 })
        #expect(data.labels == [3, 7])
        #expect(data.count == 2)
        #expect(data.classes == FashionMNIST.classNames)
        #expect(data.classes[9] == "Ankle boot")
        #expect(data.fingerprint.hasPrefix("fashion-mnist/train/"))
        #expect(data.fingerprint.count == "fashion-mnist/train/".count + 64, "a SHA-256 in hex")
    }

    @Test func pixelsAreByteOver255() throws {
        let folder = try Fixtures.split(images: Fixtures.images(1) { UInt8($0 % 256) }, labels: Fixtures.labels([0]))
        let data = try FashionMNIST.load(split: .test, directory: folder)
        for i in 0..<256 { #expect(data.images.scalars[i] == Float(i) / 255) }
    }

    @Test func fingerprintNamesContentNotPlace() throws {
        let a = try Fixtures.split(images: Fixtures.images(2), labels: Fixtures.labels([1, 2]))
        let b = try Fixtures.split(images: Fixtures.images(2), labels: Fixtures.labels([1, 2]))
        let c = try Fixtures.split(images: Fixtures.images(2), labels: Fixtures.labels([1, 3]))
        let fa = try FashionMNIST.load(split: .test, directory: a).fingerprint
        #expect(fa == (try FashionMNIST.load(split: .test, directory: b).fingerprint))
        #expect(fa != (try FashionMNIST.load(split: .test, directory: c).fingerprint))
        #expect(!fa.contains(a.lastPathComponent) && !fa.contains("/tmp"))
    }

    @Test func secondLoadComesFromMemory() throws {
        let folder = try Fixtures.split(images: Fixtures.images(1), labels: Fixtures.labels([4]))
        let first = try FashionMNIST.load(split: .test, directory: folder)
        try FileManager.default.removeItem(at: folder)
        let second = try FashionMNIST.load(split: .test, directory: folder)
        #expect(second.fingerprint == first.fingerprint && second.labels == [4])
    }

    @Test func missingFileSaysHowToGetIt() throws {
        let folder = try Fixtures.folder()
        let text = try #require(message(folder, split: .train))
        #expect(text.contains(folder.appendingPathComponent("train-images-idx3-ubyte.gz").path))
        #expect(text.contains("apt-get install dataset-fashion-mnist"))
        #expect(text.contains("LECTERN_DATA"))
    }

    @Test func swappedFilesAreCaughtByTheirMagic() throws {
        let folder = try Fixtures.split(images: Fixtures.labels([1]), labels: Fixtures.images(1))
        let text = try #require(message(folder))
        #expect(text.contains("t10k-images-idx3-ubyte.gz") && text.contains("magic number is 2049"))
    }

    @Test func truncatedGzipNamesTheFile() throws {
        let folder = try Fixtures.split(images: Fixtures.images(1), labels: Fixtures.labels([1]))
        let url = folder.appendingPathComponent("t10k-labels-idx1-ubyte.gz")
        try Data(Fixtures.gzip(Fixtures.labels([1])).dropLast(6)).write(to: url)
        let text = try #require(message(folder))
        #expect(text.contains(url.path) && text.contains("truncated"))
    }

    @Test func refusesBadContents() throws {
        let cases: [(images: [UInt8], labels: [UInt8], expected: [String])] = [
            // The header promises more values than the file holds.
            (Array(Fixtures.images(2).dropLast()), Fixtures.labels([1, 2]), ["t10k-images", "1567"]),
            (Fixtures.images(1), Fixtures.labels([10]), ["t10k-labels", "label 10 at position 0", "0 to 9"]),
            (Fixtures.images(2), Fixtures.labels([1, 2, 3]), ["holds 2 images", "3 labels"]),
            (Fixtures.idx(dims: [1, 28, 27], values: Array(repeating: 0, count: 756)), Fixtures.labels([1]),
             ["1×28×27", "N×28×28"]),
            (Fixtures.idx(dims: [0, 28, 28], values: []), Fixtures.labels([]), ["no images"]),
            (Fixtures.images(1), Fixtures.idx(dims: [1, 1], values: [0]), ["t10k-labels", "magic number"]),
        ]
        for c in cases {
            let folder = try Fixtures.split(images: c.images, labels: c.labels)
            let text = message(folder) ?? "loaded"
            for e in c.expected { #expect(text.contains(e), "\(text)") }
        }
    }

    @Test func refusesAFileThatIsNotGzip() throws {
        let folder = try Fixtures.split(images: Fixtures.images(1), labels: Fixtures.labels([1]), compress: false)
        let text = try #require(message(folder))
        #expect(text.contains("t10k-images-idx3-ubyte.gz is not a usable gzip file"))
    }

    static var installed: Bool {
        FileManager.default.fileExists(atPath: FashionMNIST.defaultDirectory
            .appendingPathComponent("t10k-labels-idx1-ubyte.gz").path)
    }

    @Test(.enabled(if: installed, "Fashion-MNIST is not installed"))
    func loadsTheRealTestSplit() throws {
        let data = try FashionMNIST.load(split: .test)
        #expect(data.count == 10_000)
        #expect(data.images.shape == [10_000, 1, 28, 28])
        var perClass = [Int](repeating: 0, count: 10)
        for l in data.labels { perClass[l] += 1 }
        #expect(perClass == Array(repeating: 1000, count: 10))
        let (lo, hi) = data.images.scalars.withUnsafeBufferPointer { ($0.min() ?? -1, $0.max() ?? -1) }
        #expect(lo == 0 && hi == 1)
        #expect(data.fingerprint.hasPrefix("fashion-mnist/test/"))
    }
}
