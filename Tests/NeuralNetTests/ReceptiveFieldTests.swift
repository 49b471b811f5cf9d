import Testing
@testable import NeuralNet

struct ReceptiveFieldTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let network: String
        let layer: String
        let size: Int, stride: Int, offset: Int
        var testDescription: String { "\(layer) of \(network.prefix(30))…" }
    }

    static let cases: [Case] = [
        Case(network: Networks.vgg16, layer: "input", size: 1, stride: 1, offset: 0),
        Case(network: Networks.vgg16, layer: "conv1", size: 3, stride: 1, offset: -1),
        Case(network: Networks.vgg16, layer: "relu1", size: 3, stride: 1, offset: -1),
        Case(network: Networks.vgg16, layer: "conv2", size: 5, stride: 1, offset: -2),
        Case(network: Networks.vgg16, layer: "pool1", size: 6, stride: 2, offset: -2),
        // The lecture: a unit after VGG's second pooling layer sees 16×16 pixels.
        Case(network: Networks.vgg16, layer: "pool2", size: 16, stride: 4, offset: -6),
        Case(network: Networks.vgg16, layer: "pool5", size: 212, stride: 32, offset: -90),
        Case(network: Networks.vgg16, layer: "fc1", size: 224, stride: 224, offset: 0),
        Case(network: Networks.vgg16, layer: "softmax1", size: 224, stride: 224, offset: 0),
        Case(network: Networks.alexNet, layer: "conv1", size: 11, stride: 4, offset: 0),
        Case(network: Networks.alexNet, layer: "lrn1", size: 11, stride: 4, offset: 0),
        Case(network: Networks.alexNet, layer: "pool1", size: 19, stride: 8, offset: 0),
        Case(network: Networks.alexNet, layer: "conv2", size: 51, stride: 8, offset: -16),
        Case(network: Networks.reference, layer: "Pool2", size: 10, stride: 4, offset: -3),
        Case(network: "INPUT 20x30x1 -> CONV3-2 -> FC-2 -> RELU", layer: "relu1", size: 30, stride: 30, offset: 0),
        Case(network: "INPUT 784 -> FC-10", layer: "fc1", size: 784, stride: 784, offset: 0),
        Case(network: "INPUT 784 -> RELU", layer: "relu1", size: 1, stride: 1, offset: 0),
    ]

    @Test(arguments: cases)
    func fieldOfALayersUnit(_ c: Case) throws {
        let net = try NetworkDescription.parse(c.network)
        #expect(try net.receptiveField(layer: c.layer)
                == ReceptiveField(size: c.size, stride: c.stride, offset: c.offset))
    }

    @Test func unknownLayerListsTheNames() throws {
        let net = try NetworkDescription.parse(Networks.reference)
        #expect(throws: DescriptionError(column: 0, message: "no layer named 'conv9'; the layers are input, "
            + "conv1, relu1, pool1, conv2, relu2, pool2, fc1, relu3, fc2, softmax1")) {
            try net.receptiveField(layer: "conv9")
        }
    }

    @Test func anOverflowingFieldIsAnError() throws {
        let net = try NetworkDescription.parse("INPUT 1x1x1 -> [CONV1-1/1000000000]x3")
        #expect(try net.receptiveField(layer: "conv2").stride == 1_000_000_000_000_000_000)
        #expect(throws: DescriptionError(column: 17, message:
            "the receptive field of CONV1-1/1000000000 (conv3) is too large to count")) {
            try net.receptiveField(layer: "conv3")
        }
    }
}
