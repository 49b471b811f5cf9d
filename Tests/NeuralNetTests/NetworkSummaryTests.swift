import Testing
@testable import NeuralNet

struct NetworkSummaryTests {
    /// The lecture's VGG-16 table, row by row (RELUs and the SOFTMAX store
    /// nothing and have no parameters, so they are left out here).
    static let vggTable: [(name: String, output: String, weights: Int)] = [
        ("input", "224x224x3", 0),
        ("conv1", "224x224x64", 1_728), ("conv2", "224x224x64", 36_864), ("pool1", "112x112x64", 0),
        ("conv3", "112x112x128", 73_728), ("conv4", "112x112x128", 147_456), ("pool2", "56x56x128", 0),
        ("conv5", "56x56x256", 294_912), ("conv6", "56x56x256", 589_824), ("conv7", "56x56x256", 589_824),
        ("pool3", "28x28x256", 0),
        ("conv8", "28x28x512", 1_179_648), ("conv9", "28x28x512", 2_359_296),
        ("conv10", "28x28x512", 2_359_296), ("pool4", "14x14x512", 0),
        ("conv11", "14x14x512", 2_359_296), ("conv12", "14x14x512", 2_359_296),
        ("conv13", "14x14x512", 2_359_296), ("pool5", "7x7x512", 0),
        ("fc1", "4096", 102_760_448), ("fc2", "4096", 16_777_216), ("fc3", "1000", 4_096_000),
    ]

    @Test func vgg16MatchesTheLectureTable() throws {
        let summary = try NetworkDescription.parse(Networks.vgg16).summary()
        let stored = summary.rows.filter { !["RELU", "SOFTMAX"].contains($0.layer) }
        #expect(stored.map(\.name) == Self.vggTable.map(\.name))
        #expect(stored.map(\.output.description) == Self.vggTable.map(\.output))
        #expect(stored.map(\.weights) == Self.vggTable.map(\.weights))
        #expect(summary.weights == 138_344_128)
        #expect(summary.biases == 13_416)
        #expect(summary.params == 138_357_544)
        #expect(summary.activations == 15_237_608)
        #expect(summary.macs == 15_470_264_320)
        #expect(summary.flops == 30_940_528_640)
    }

    @Test func vgg16RowsCountWhatTheirLayerDoes() throws {
        let rows = try NetworkDescription.parse(Networks.vgg16).summary().rows
        #expect(rows.count == 1 + 37)
        let input = try #require(rows.first)
        #expect(input.layer == "INPUT 224x224x3")
        #expect(input.activations == 150_528)
        let conv1 = rows[1]
        #expect(conv1.layer == "CONV3-64")
        #expect((conv1.biases, conv1.params) == (64, 1_792))
        #expect(conv1.activations == 224 * 224 * 64)
        #expect(conv1.macs == 224 * 224 * 64 * 3 * 3 * 3)
        let relu1 = rows[2]
        #expect((relu1.output.description, relu1.activations, relu1.params, relu1.macs) == ("224x224x64", 0, 0, 0))
        let pool1 = rows[5]
        #expect((pool1.activations, pool1.macs) == (112 * 112 * 64, 0))
        let fc1 = try #require(rows.first { $0.name == "fc1" })
        #expect((fc1.macs, fc1.biases, fc1.activations) == (7 * 7 * 512 * 4096, 4096, 4096))
        #expect(rows.map(\.params).reduce(0, +) == 138_357_544)
    }

    @Test func alexNetSingleStream() throws {
        let summary = try NetworkDescription.parse(Networks.alexNet).summary()
        #expect(summary.params == 62_378_344)
        let shapes = summary.rows.filter { ["input", "conv", "pool", "fc"].contains($0.name.filter(\.isLetter)) }
        #expect(shapes.map(\.output.description) == ["227x227x3", "55x55x96", "27x27x96", "27x27x256", "13x13x256",
                                                    "13x13x384", "13x13x384", "13x13x256", "6x6x256",
                                                    "4096", "4096", "1000"])
        #expect(summary.rows.first { $0.name == "conv1" }?.layer == "CONV11-96/4/0")
        #expect(summary.macs == 1_135_256_096)
    }

    @Test func referenceNetworkShapes() throws {
        let summary = try NetworkDescription.parse(Networks.reference).summary()
        let expected: [(String, String, Int)] = [
            ("input", "28x28x1", 0), ("conv1", "28x28x32", 320), ("relu1", "28x28x32", 0),
            ("pool1", "14x14x32", 0), ("conv2", "14x14x32", 9_248), ("relu2", "14x14x32", 0),
            ("pool2", "7x7x32", 0), ("fc1", "128", 200_832), ("relu3", "128", 0),
            ("fc2", "10", 1_290), ("softmax1", "10", 0),
        ]
        #expect(summary.rows.map(\.name) == expected.map(\.0))
        #expect(summary.rows.map(\.output.description) == expected.map(\.1))
        #expect(summary.rows.map(\.params) == expected.map(\.2))
        #expect(summary.params == 211_690)
        #expect(summary.activations == 784 + 25_088 + 6_272 + 6_272 + 1_568 + 128 + 10)
        #expect(summary.rows.last?.output == .vector(10))
    }

    @Test func vectorsAndOneByOneImagesAreDifferentShapes() throws {
        let rows = try NetworkDescription.parse("INPUT 1x1x8 -> CONV1-4 -> FC-4").summary().rows
        #expect(rows.map(\.output.description) == ["1x1x8", "1x1x4", "4"])
        #expect(rows[1].output != rows[2].output)
        #expect(rows[2].output.isVector)
    }

    @Test func vectorInputCountsItsValues() throws {
        let summary = try NetworkDescription.parse("INPUT 784 -> FC-10 -> SOFTMAX").summary()
        #expect(summary.rows.map(\.layer) == ["INPUT 784", "FC-10", "SOFTMAX"])
        #expect((summary.params, summary.activations, summary.macs) == (7_850, 794, 7_840))
    }

    @Test func paddingAndStrideFollowTheOutputFormula() throws {
        // floor((H + 2p − k) / s) + 1 for convolutions, floor((H − k) / s) + 1 for pooling.
        let rows = try NetworkDescription.parse(
            "INPUT 10x7x2 -> CONV3-4/2 -> CONV4-4/1/0 -> CONV3-4/2/3 -> AVGPOOL2/3").summary().rows
        #expect(rows.map(\.output.description) == ["10x7x2", "5x4x4", "2x1x4", "3x3x4", "1x1x4"])
    }
}
