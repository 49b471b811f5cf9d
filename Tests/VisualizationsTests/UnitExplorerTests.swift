import NeuralNet
import Tensors
import Testing
@testable import Visualizations

/// The explorer's precompute on the pixel detector of TopPatchesTests (and a
/// random tiny network): each part is what the built-in it reuses gives on
/// its own, laid out by unit and image.
@Suite struct UnitExplorerTests {
    static func explorer(_ net: Network, _ images: Tensor, layers: [String], pool: Tensor? = nil, k: Int = 9) throws -> UnitExplorer {
        let pool = pool ?? images
        return try UnitExplorer(network: net, images: images, layers: layers.map { try net.layerIndex($0) }, pool: pool,
                                maxima: { try UnitMaxima(network: net, images: pool, layer: $0) }, k: k)
    }

    @Test func thePartsAreWhatTheirOwnMethodsGive() throws {
        let net = try TopPatchesTests.detector()
        let images = TopPatchesTests.images(TopPatchesTests.spots)
        let picked = Tensor(shape: [2, 1, 6, 6], scalars: Array(images.scalars[0..<72]))
        let e = try Self.explorer(net, picked, layers: ["conv1", "pool1"], pool: images, k: 3)
        #expect(e.layers.map(\.name) == ["conv1", "pool1"])

        let pool1 = e.layers[1]
        #expect(pool1.activations.shape == [2, 2, 3, 3])
        #expect(pool1.activations.scalars == (try net.forward(picked, through: try net.layerIndex("pool1"))).scalars)
        // Unit 1's top 3 over the pool of five, as TopPatches ranks them alone.
        let alone = try TopPatches(network: net, images: images, layer: "pool1", unit: 1, k: 3)
        #expect(pool1.patches.shape == [2, 3, 1, 4, 4])
        #expect(Array(pool1.patches.scalars[(48)..<96]) == alone.patches.scalars)
        #expect(Array(pool1.patchValues.scalars[3..<6]) == alone.hits.map(\.value))
        // Unit 1's projection on picked image 1, as the deconvnet gives it.
        let projection = try Deconvnet.project(net, images: picked, layer: try net.layerIndex("pool1"), unit: .strongest(channel: 1))
        #expect(pool1.projections.shape == [2, 2, 1, 6, 6])
        #expect(Array(pool1.projections.scalars[72..<144]) == projection.image.scalars)
        // The filters only where the layer reads the input.
        #expect(e.layers[0].filters?.scalars == (try net.weights(layer: "conv1")).w.scalars)
        #expect(pool1.filters == nil)
    }

    @Test func aVectorLayerAndASmallPool() throws {
        let net = Network(try NetworkDescription.parse("INPUT 8x8x1 -> CONV3-4 -> RELU -> POOL2 -> FC-5 -> SOFTMAX"), seed: 3)
        var rng = RandomStream(seed: 5)
        let images = Tensor(shape: [4, 1, 8, 8], scalars: (0..<256).map { _ in rng.uniform() })
        let e = try Self.explorer(net, images, layers: ["conv1", "fc1"])
        let fc = e.layers[1]
        #expect(fc.activations.shape == [4, 5, 1, 1])
        // Four images in the pool: each unit has four patches, the whole image each.
        #expect(fc.patches.shape == [5, 4, 1, 8, 8])
        #expect(fc.projections.shape == [5, 4, 1, 8, 8])
        #expect(e.layers[0].filters?.shape == [4, 1, 3, 3])
        #expect(e.layers[0].activations.shape == [4, 4, 8, 8])
    }

    @Test func badInputIsAnErrorNotACrash() throws {
        let net = try TopPatchesTests.detector()
        #expect(throws: NetworkError.self) { try Self.explorer(net, Tensor(shape: [1, 1, 5, 5], scalars: Array(repeating: 0, count: 25)), layers: ["conv1"]) }
        #expect(throws: NetworkError.self) {
            try UnitExplorer(network: net, images: TopPatchesTests.images([[]]), layers: [7], pool: TopPatchesTests.images([[]]),
                             maxima: { try UnitMaxima(network: net, images: TopPatchesTests.images([[]]), layer: $0) })
        }
    }
}
