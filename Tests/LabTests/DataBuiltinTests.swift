import Datasets
import Foundation
import Testing
@testable import Lab
import Tensors

/// `fashion_mnist`, `take` and `dataset` (LESSON-FORMAT.md section 6, Data).
@Suite struct DataBuiltinTests {
    /// Three 2×2 gray images (values 0 to 11) labelled 0, 2, 1.
    static let setup = "ds = dataset(reshape(arange(12), [3, 2, 2]), [0, 2, 1])"

    func value(_ expr: String) -> Value? { Harness.value(expr, setup: Self.setup) }

    func dataset(_ expr: String) -> DatasetValue? {
        if case let .object(o)? = value(expr) { return o as? DatasetValue }
        return nil
    }

    func error(_ expr: String) -> String? { Harness.error("x = " + expr, setup: Self.setup)?.message }

    @Test func datasetFromTensors() throws {
        let ds = try #require(dataset("ds"))
        #expect(ds.images.shape == [3, 1, 2, 2])
        #expect(ds.labels == [0, 2, 1])
        #expect(ds.classes == ["0", "1", "2"])
        #expect(ds.fingerprint.hasPrefix("tensors/") && ds.fingerprint.count == 8 + 64, "a SHA-256 in hex")
        #expect(value("ds.count")?.number == 3)
        #expect(value("ds.labels")?.tensor == Tensor([0, 2, 1]))
        #expect(value("ds.images.shape")?.flat == [3, 1, 2, 2])
        #expect(value("ds.classes")?.inlineText == "[\"0\", \"1\", \"2\"]")
        #expect(value("ds")?.inlineText == "dataset of 3 images 1×2×2, 3 classes")
        // Already four axes: kept as they are; a list of labels or a tensor both do.
        #expect(dataset("dataset(zeros([2, 3, 4, 5]), arange(2))")?.images.shape == [2, 3, 4, 5])
    }

    @Test func namedClasses() {
        let ds = dataset("dataset(zeros([2, 1, 1]), [1, 0], classes=[\"cat\", \"dog\", \"eel\"])")
        #expect(ds?.classes == ["cat", "dog", "eel"])
        #expect(value("dataset(zeros([1, 1, 1]), [0], classes=[\"cat\"])")?.inlineText == "dataset of 1 image 1×1×1, 1 class")
    }

    @Test func fingerprintFollowsContent() throws {
        let a = try #require(dataset("ds"))
        #expect(dataset("dataset(reshape(arange(12), [3, 2, 2]), [0, 2, 1])")?.fingerprint == a.fingerprint)
        #expect(dataset("dataset(reshape(arange(12), [3, 2, 2]), [0, 1, 1])")?.fingerprint != a.fingerprint)
        #expect(dataset("dataset(reshape(arange(12), [3, 4, 1]), [0, 2, 1])")?.fingerprint != a.fingerprint)
        #expect(dataset("dataset(reshape(arange(12), [3, 2, 2]) + 0.5, [0, 2, 1])")?.fingerprint != a.fingerprint)
        #expect(a.contentKey == "dataset:" + a.fingerprint)
        #expect(value("ds == dataset(reshape(arange(12), [3, 2, 2]), [0, 2, 1])")?.bool == true)
    }

    @Test func datasetErrors() {
        #expect(error("dataset(zeros([3, 1, 1, 1, 4]), [0, 1, 2])")?.contains("(N, C, H, W), (N, H, W) or (N, n), not (3, 1, 1, 1, 4)") == true)
        #expect(error("dataset(zeros([0, 2, 2]), [])")?.contains("holds no images") == true)
        #expect(error("dataset(zeros([3, 2, 2]), [0, 1])") == "dataset: there are 3 images but 2 labels")
        #expect(error("dataset(zeros([2, 2, 2]), [0, -1])")?.contains("label -1 (item 1) is not a class number") == true)
        // Since format 1.1 (section 9.5) real values or an (N, k) table are regression targets.
        #expect(error("dataset(zeros([2, 2, 2]), [0, 100000])")?.contains("label 100,000 (item 1)") == true)
        #expect(error("dataset(zeros([2, 2, 2]), [[0, 1]])")?.contains("there are 2 inputs but 1 target") == true)
        #expect(error("dataset(zeros([2, 2, 2]), [0, 2], classes=[\"a\", \"b\"])")?
            .contains("label 2 (item 1) has no name: 'classes' names 2 classes (labels 0 to 1)") == true)
        #expect(error("dataset(zeros([1, 2, 2]), [0], classes=[1])")?.contains("list of names") == true)
        #expect(error("dataset(zeros([1, 2, 2]), [\"cat\"])")?.contains("'labels'") == true)
    }

    @Test func takeTheFirstItems() throws {
        let parent = try #require(dataset("ds"))
        let two = try #require(dataset("take(ds, 2)"))
        #expect(two.images.shape == [2, 1, 2, 2])
        #expect(two.images.scalars == (0..<8).map(Float.init))
        #expect(two.labels == [0, 2])
        #expect(two.classes == parent.classes)
        #expect(two.fingerprint == "take(\(parent.fingerprint),2)")
        #expect(value("take(ds, 3).count")?.number == 3)
        #expect(value("take(take(ds, 2), 1).labels")?.flat == [0])
    }

    @Test func takeErrors() {
        #expect(error("take(ds, 4)") == "take: the dataset has 3 items, fewer than the 4 asked for")
        #expect(error("take(ds, 0)")?.contains("at least 1") == true)
        #expect(error("take(ds, 1.5)")?.contains("whole number") == true)
        #expect(error("take([1, 2], 1)")?.contains("must be a dataset") == true)
        let d = Harness.error("x = take(ds, 40)", setup: Self.setup)
        #expect(d?.location.column == 14)  // at n
    }

    @Test func splitMustBeTrainOrTest() {
        let d = Harness.error("x = fashion_mnist(split=\"val\")")
        #expect(d?.message == "fashion_mnist: the split is \"train\" or \"test\", not \"val\"")
        #expect(d?.location.column == 25)
        #expect(Harness.error("x = fashion_mnist(3)")?.message.contains("must be a string") == true)
    }

    static var installed: Bool {
        FileManager.default.fileExists(atPath: FashionMNIST.defaultDirectory
            .appendingPathComponent("t10k-labels-idx1-ubyte.gz").path)
    }

    @Test(.enabled(if: installed, "Fashion-MNIST is not installed"))
    func fashionMNISTTestSplit() throws {
        let s = Harness.session()
        Harness.run("test = fashion_mnist(\"test\")\nsmall = take(test, 100)", in: s)
        guard case let .object(o)? = s.value(of: "test"), let test = o as? DatasetValue else {
            Issue.record("fashion_mnist(\"test\") gave no dataset")
            return
        }
        #expect(test.images.shape == [10_000, 1, 28, 28])
        #expect(test.fingerprint.hasPrefix("fashion-mnist/test/"))
        #expect(Value.object(test).inlineText == "dataset of 10,000 images 1×28×28, 10 classes")
        #expect(test.classes.first == "T-shirt/top")
        let small = Harness.run("n = small.count", in: s)
        #expect(small.status == .ok && s.value(of: "n")?.number == 100)
    }

    @Test(.enabled(if: !installed, "Fashion-MNIST is installed"))
    func missingFashionMNISTSaysHowToInstallIt() {
        let d = Harness.error("x = fashion_mnist()")
        #expect(d?.message.contains("apt-get install dataset-fashion-mnist") == true)
        #expect(d?.location.column == 5)
    }
}
