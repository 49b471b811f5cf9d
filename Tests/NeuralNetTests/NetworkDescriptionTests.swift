import Testing
@testable import NeuralNet

struct NetworkDescriptionTests {
    @Test func expandsGroupsAndNamesLayersPerKind() throws {
        let net = try NetworkDescription.parse(Networks.reference)
        #expect(net.source == Networks.reference)
        #expect(net.input == .image(height: 28, width: 28, channels: 1))
        #expect(net.layers.map(\.name) == ["conv1", "relu1", "pool1", "conv2", "relu2", "pool2",
                                           "fc1", "relu3", "fc2", "softmax1"])
        #expect(net.layers.map(\.kind.token) == ["CONV3-32", "RELU", "POOL2", "CONV3-32", "RELU", "POOL2",
                                                 "FC-128", "RELU", "FC-10", "SOFTMAX"])
    }

    @Test func repeatedLayersShareTheirTokensColumn() throws {
        let net = try NetworkDescription.parse(Networks.reference)
        // "INPUT 28x28x1 -> [" is 18 characters.
        #expect(net.layers.map(\.column) == [19, 31, 39, 19, 31, 39, 51, 61, 69, 78])
    }

    @Test func namesEveryFamilySeparately() throws {
        let net = try NetworkDescription.parse(
            "INPUT 32x32x3 -> CONV3-8 -> TANH -> AVGPOOL2 -> POOL2 -> SIGMOID -> LRN -> DROPOUT-0.25"
            + " -> FC-10 -> DROPOUT-0.5 -> TANH -> SOFTMAX")
        #expect(net.layers.map(\.name) == ["conv1", "tanh1", "avgpool1", "pool1", "sigmoid1", "lrn1",
                                           "dropout1", "fc1", "dropout2", "tanh2", "softmax1"])
    }

    @Test func keywordsIgnoreCaseAndWhitespaceIsFree() throws {
        let spaced = try NetworkDescription.parse(
            "  input 28 x 28 x 1->[ conv3 - 32/1 →relu ] × 2->Fc-10  ")
        let tight = try NetworkDescription.parse("INPUT 28x28x1->[CONV3-32->RELU]x2->FC-10")
        #expect(spaced.layers.map(\.kind) == tight.layers.map(\.kind))
        #expect(spaced.input == tight.input)
        #expect(spaced.layers.map(\.name) == ["conv1", "relu1", "conv2", "relu2", "fc1"])
    }

    @Test func nestedGroupsExpandInsideOut() throws {
        let net = try NetworkDescription.parse("INPUT 8 -> [[FC-4 -> RELU]x2 -> TANH]x3 -> SOFTMAX")
        #expect(net.layers.count == 3 * (2 * 2 + 1) + 1)
        #expect(net.layers.filter { $0.kind == .fc(4) }.map(\.name) == (1...6).map { "fc\($0)" })
    }

    @Test func anInputAloneIsANetworkWithNoLayers() throws {
        let net = try NetworkDescription.parse("INPUT 784")
        #expect(net.input == .vector(784))
        #expect(net.layers.isEmpty)
    }

    @Test func findsLayersByNameInAnyCase() throws {
        let net = try NetworkDescription.parse(Networks.reference)
        #expect(net.layer(named: "CONV2") == LayerSpec(kind: .conv(kernel: 3, filters: 32, stride: 1, padding: 1),
                                                      name: "conv2", column: 19))
        #expect(net.layer(named: "conv3") == nil)
        #expect(net.layer(named: "input") == nil)
    }

    struct TokenCase: Sendable {
        let written: String
        let kind: LayerKind
        let canonical: String
    }

    static let tokens: [TokenCase] = [
        TokenCase(written: "CONV3-64", kind: .conv(kernel: 3, filters: 64, stride: 1, padding: 1), canonical: "CONV3-64"),
        TokenCase(written: "conv3-64/1/1", kind: .conv(kernel: 3, filters: 64, stride: 1, padding: 1), canonical: "CONV3-64"),
        TokenCase(written: "CONV3-64/2", kind: .conv(kernel: 3, filters: 64, stride: 2, padding: 1), canonical: "CONV3-64/2"),
        TokenCase(written: "CONV3-64/1/0", kind: .conv(kernel: 3, filters: 64, stride: 1, padding: 0), canonical: "CONV3-64/1/0"),
        TokenCase(written: "CONV11-96/4/0", kind: .conv(kernel: 11, filters: 96, stride: 4, padding: 0), canonical: "CONV11-96/4/0"),
        TokenCase(written: "CONV4-8", kind: .conv(kernel: 4, filters: 8, stride: 1, padding: 1), canonical: "CONV4-8"),
        TokenCase(written: "POOL2", kind: .maxPool(kernel: 2, stride: 2), canonical: "POOL2"),
        TokenCase(written: "pool2/2", kind: .maxPool(kernel: 2, stride: 2), canonical: "POOL2"),
        TokenCase(written: "POOL3/2", kind: .maxPool(kernel: 3, stride: 2), canonical: "POOL3/2"),
        TokenCase(written: "AVGPOOL2", kind: .avgPool(kernel: 2, stride: 2), canonical: "AVGPOOL2"),
        TokenCase(written: "AvgPool3/1", kind: .avgPool(kernel: 3, stride: 1), canonical: "AVGPOOL3/1"),
        TokenCase(written: "FC-4096", kind: .fc(4096), canonical: "FC-4096"),
        TokenCase(written: "DROPOUT-0.5", kind: .dropout(0.5), canonical: "DROPOUT-0.5"),
        TokenCase(written: "dropout-.25", kind: .dropout(0.25), canonical: "DROPOUT-0.25"),
        TokenCase(written: "DROPOUT-0", kind: .dropout(0), canonical: "DROPOUT-0"),
        TokenCase(written: "DROPOUT-0.00001", kind: .dropout(0.00001), canonical: "DROPOUT-0.00001"),
        TokenCase(written: "DROPOUT-0.1", kind: .dropout(0.1), canonical: "DROPOUT-0.1"),
        TokenCase(written: "Relu", kind: .relu, canonical: "RELU"),
        TokenCase(written: "tanh", kind: .tanh, canonical: "TANH"),
        TokenCase(written: "SIGMOID", kind: .sigmoid, canonical: "SIGMOID"),
        TokenCase(written: "lrn", kind: .lrn, canonical: "LRN"),
        TokenCase(written: "softmax", kind: .softmax, canonical: "SOFTMAX"),
    ]

    @Test(arguments: tokens)
    func readsTokensAndWritesThemCanonically(_ c: TokenCase) throws {
        let net = try NetworkDescription.parse("INPUT 64x64x3 -> \(c.written)")
        #expect(net.layers.map(\.kind) == [c.kind])
        #expect(c.kind.token == c.canonical)
        // The canonical token reads back as the same layer.
        #expect(try NetworkDescription.parse("INPUT 64x64x3 -> \(c.canonical)").layers.map(\.kind) == [c.kind])
    }

    @Test func inputTokensAreCanonical() throws {
        #expect(try NetworkDescription.parse("input 224×224×3").input.token == "INPUT 224x224x3")
        #expect(try NetworkDescription.parse("INPUT 784").input.token == "INPUT 784")
    }
}
