import NeuralNet
import Tensors
import Testing
@testable import Visualizations

/// Top patches for a single-pixel detector, where the answer can be read
/// off the images: the brightest images win, and each crop sits where the
/// receptive field says.
@Suite struct TopPatchesTests {
    /// CONV3-2 (padding 1) → RELU → POOL2 on 6×6 images. Channel 0 has a −1
    /// at the centre (it fires on nothing here), channel 1 a +1: a pixel
    /// detector, so pool1's channel 1 at (i, j) is the brightest pixel of
    /// the 2×2 block at (2i, 2j).
    ///
    /// Receptive fields: conv1 size 3, stride 1, offset −1 (the padding);
    /// pool1 grows it by (2 − 1) · 1 to size 4, stride 2, offset −1.
    static func detector() throws -> Network {
        var w = [Float](repeating: 0, count: 18)
        w[4] = -1
        w[9 + 4] = 1
        return try Network(NetworkDescription.parse("INPUT 6x6x1 -> CONV3-2 -> RELU -> POOL2"), seed: 0)
            .replacingWeights(layer: "conv1", w: Tensor(shape: [2, 1, 3, 3], scalars: w), b: Tensor([0, 0]))
    }

    /// 6×6 images, each dark but for the given (row, column, value) pixels.
    static func images(_ spots: [[(Int, Int, Float)]]) -> Tensor {
        var values = [Float](repeating: 0, count: spots.count * 36)
        for (i, image) in spots.enumerated() {
            for (r, c, v) in image { values[i * 36 + r * 6 + c] = v }
        }
        return Tensor(shape: [spots.count, 1, 6, 6], scalars: values)
    }

    static let spots: [[(Int, Int, Float)]] = [
        [(2, 3, 0.5)],
        [(0, 0, 0.9)],
        [(5, 4, 0.7)],
        [],
        [(3, 3, 0.2), (1, 4, 0.8)],
    ]

    @Test func theBrightestImagesWinAtTheirBrightestPixel() throws {
        let found = try TopPatches(network: Self.detector(), images: Self.images(Self.spots), layer: "pool1", unit: 1, k: 3)
        // Brightest pixels 0.9 (image 1), 0.8 (image 4), 0.7 (image 2). Their
        // pool cells: (0, 0) → (0, 0); (1, 4) → (0, 2); (5, 4) → (2, 2).
        #expect(found.hits.map(\.image) == [1, 4, 2])
        #expect(found.hits.map(\.value) == [0.9, 0.8, 0.7])
        #expect(found.hits.map { [$0.row, $0.column] } == [[0, 0], [0, 2], [2, 2]])
        #expect(found.field == ReceptiveField(size: 4, stride: 2, offset: -1))
        #expect(found.patches.shape == [3, 1, 4, 4])
    }

    @Test func cropsStartAtOffsetPlusPositionTimesStride() throws {
        let found = try TopPatches(network: Self.detector(), images: Self.images(Self.spots), layer: "pool1", unit: 1, k: 3)
        func patch(_ i: Int) -> [Float] { Array(found.patches.scalars[(i * 16)..<((i + 1) * 16)]) }
        // Image 1, cell (0, 0): rows and columns −1...2, so the top row and
        // left column are padding and pixel (0, 0) lands at (1, 1).
        var expected = [Float](repeating: 0, count: 16)
        expected[1 * 4 + 1] = 0.9
        #expect(patch(0) == expected)
        // Image 4, cell (0, 2): rows −1...2, columns 3...6 (6 is outside):
        // pixel (1, 4) lands at (2, 1); pixel (3, 3) is below the crop.
        expected = [Float](repeating: 0, count: 16)
        expected[2 * 4 + 1] = 0.8
        #expect(patch(1) == expected)
        // Image 2, cell (2, 2): rows and columns 3...6: pixel (5, 4) at (2, 1).
        expected = [Float](repeating: 0, count: 16)
        expected[2 * 4 + 1] = 0.7
        #expect(patch(2) == expected)
    }

    @Test func aCropInsideTheImageCopiesItsPixels() throws {
        // Image 0 with a full gradient: pixel (r, c) = (6r + c) / 36. Unit 1
        // of conv1 copies the image, so it fires at the last pixel (5, 5)
        // and the crop covers rows and columns 4...6, the last one padding.
        let ramp = Tensor(shape: [1, 1, 6, 6], scalars: (0..<36).map { Float($0) / 36 })
        let found = try TopPatches(network: Self.detector(), images: ramp, layer: "conv1", unit: 1, k: 1)
        #expect(found.hits.map { [$0.row, $0.column] } == [[5, 5]])
        #expect(found.patches.scalars == [28, 29, 0, 34, 35, 0, 0, 0, 0].map { Float($0) / 36 })
    }

    @Test func tiesGoToTheLowerIndexAndKIsCappedByTheSet() throws {
        // k = 9 of 5 images: all five, then image 3 (all dark, value 0) last;
        // image 0's 0.5 comes after the three brighter ones.
        let found = try TopPatches(network: Self.detector(), images: Self.images(Self.spots), layer: "pool1", unit: 1, k: 9)
        #expect(found.hits.map(\.image) == [1, 4, 2, 0, 3])
        // Channel 0 fires on nothing: every value is 0 and the order is the images'.
        let silent = try TopPatches(network: Self.detector(), images: Self.images(Self.spots), layer: "pool1", unit: 0, k: 3)
        #expect(silent.hits.map(\.image) == [0, 1, 2])
        #expect(silent.hits.allSatisfy { $0.value == 0 && $0.row == 0 && $0.column == 0 })
    }

    @Test func theRankingSpansChunks() throws {
        // 300 images (two chunks of the scan), image i bright i/300 at (2, 2).
        let images = Self.images((0..<300).map { [(2, 2, Float($0) / 300)] })
        let found = try TopPatches(network: Self.detector(), images: images, layer: "relu1", unit: 1, k: 3)
        #expect(found.hits.map(\.image) == [299, 298, 297])
        #expect(found.hits.allSatisfy { $0.row == 2 && $0.column == 2 })
    }

    @Test func anFCUnitSeesTheWholeImagePaddedToASquare() throws {
        // INPUT 3x2x1 is 3 rows by 2 columns; FC-1 sums the pixels. Its field
        // is the larger side, 3, from (0, 0): the crop is the image with a
        // zero third column.
        let net = try Network(NetworkDescription.parse("INPUT 3x2x1 -> FC-1"), seed: 0)
            .replacingWeights(layer: "fc1", w: Tensor(shape: [1, 6], scalars: Array(repeating: 1, count: 6)), b: Tensor([0]))
        let images = Tensor(shape: [2, 1, 3, 2], scalars: [1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 1])
        let found = try TopPatches(network: net, images: images, layer: "fc1", unit: 0, k: 2)
        #expect(found.hits.map(\.image) == [0, 1] && found.hits.map(\.value) == [21, 1])
        #expect(found.patches.shape == [2, 1, 3, 3])
        #expect(Array(found.patches.scalars.prefix(9)) == [1, 2, 0, 3, 4, 0, 5, 6, 0])
    }

    @Test func classCountsTallyTheTopImagesLabels() throws {
        let maxima = try UnitMaxima(network: Self.detector(), images: Self.images(Self.spots), layer: 2)
        // Ranking for channel 1: images 1, 4, 2, 0, 3.
        let labels = [2, 0, 1, 0, 2]
        #expect(try maxima.classCounts(unit: 1, labels: labels, classes: 3, k: 3) == [1, 1, 1])
        #expect(try maxima.classCounts(unit: 1, labels: labels, classes: 3, k: 4) == [1, 1, 2])
        #expect(try maxima.classCounts(unit: 1, labels: labels, classes: 3, k: 100) == [2, 1, 2])
        #expect(throws: NetworkError.self) { try maxima.classCounts(unit: 1, labels: [0], classes: 3, k: 3) }
    }

    @Test func badRequestsAreNamedErrors() throws {
        let net = try Self.detector(), images = Self.images(Self.spots)
        let error = #expect(throws: NetworkError.self) { try TopPatches(network: net, images: images, layer: "pool1", unit: 2) }
        #expect(error?.message == "pool1 has 2 channels, numbered 0 to 1; there is no unit 2")
        #expect(throws: NetworkError.self) { try TopPatches(network: net, images: images, layer: "pool7", unit: 0) }
        #expect(throws: NetworkError.self) { try TopPatches(network: net, images: images, layer: "pool1", unit: 0, k: 0) }
        #expect(throws: NetworkError.self) { try TopPatches(network: net, images: Tensor(shape: [0, 1, 6, 6], scalars: []), layer: "pool1", unit: 0) }
        let vector = Network(try NetworkDescription.parse("INPUT 4 -> FC-2"), seed: 0)
        let flat = #expect(throws: NetworkError.self) {
            try TopPatches(network: vector, images: Tensor(shape: [1, 4], scalars: [1, 2, 3, 4]), layer: "fc1", unit: 0)
        }
        #expect(flat?.message == "top patches crop images, and this network's INPUT is a vector")
    }
}
