import Foundation
import NeuralNet
import Tensors
import Testing
@testable import Visualizations

@Suite struct OcclusionTests {
    /// INPUT 2x2x1 -> FC-2 -> SOFTMAX where only pixel 3 counts: S_0 = 2 x_3,
    /// S_1 = 0, so p(0) = σ(2 x_3).
    static func lastPixel() throws -> Network {
        try TinyNetworks.network("INPUT 2x2x1 -> FC-2 -> SOFTMAX", [("fc1", [0, 0, 0, 2, 0, 0, 0, 0], [0, 0])])
    }

    static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    @Test func onlyTheWeighedPixelMatters() throws {
        // A 1×1 occluder, stride 1: four positions in reading order. Covering
        // pixels 0 to 2 leaves p(0) = σ(2) = 0.8808; covering pixel 3 with 0.5
        // gives σ(1) = 0.7311, a fall of 0.1497.
        let x = try Tensor(repeating: 1, shape: [1, 1, 2, 2])
        let r = try Occlusion.maps(try Self.lastPixel(), images: x, classes: [0], size: 1, stride: 1)
        #expect(r.probability.shape == [1, 2, 2])
        let (same, covered) = (Self.sigmoid(2), Self.sigmoid(1))
        #expect(TinyNetworks.close(r.probability.scalars, [same, same, same, covered]))
        #expect(abs((covered - same) - -0.149738) < 1e-5)
        #expect(r.predicted.scalars == [0, 0, 0, 0])
    }

    @Test func theMostProbableClassCanChange() throws {
        // Filling with −1 makes S_0 = −2 at the last position: p(0) = σ(−2) = 0.1192,
        // and class 1 becomes the more probable.
        let x = try Tensor(repeating: 1, shape: [1, 1, 2, 2])
        let r = try Occlusion.maps(try Self.lastPixel(), images: x, classes: [0], size: 1, stride: 1, fill: -1)
        #expect(TinyNetworks.close(Array(r.probability.scalars[3...]), [Self.sigmoid(-2)]))
        #expect(r.predicted.scalars == [0, 0, 0, 1])
        // The same run asked about class 1 reports 1 − p(0).
        let other = try Occlusion.maps(try Self.lastPixel(), images: x, classes: [1], size: 1, stride: 1, fill: -1)
        #expect(TinyNetworks.close(other.probability.scalars, r.probability.scalars.map { 1 - $0 }))
    }

    @Test func positionsTileTheImage() throws {
        // 6×6 at stride 2 on 28×28: (28 − 6) / 2 + 1 = 12 positions each way.
        let net = Network(try NetworkDescription.parse("INPUT 28x28x1 -> CONV3-2 -> RELU -> POOL2 -> FC-3 -> SOFTMAX"), seed: 1)
        let x = try Tensor.uniform(shape: [2, 1, 28, 28], seed: 1)
        let r = try Occlusion.maps(net, images: x, classes: [0, 2], size: 6, stride: 2)
        #expect(r.probability.shape == [2, 12, 12])
        // 2×2 at stride 1 on 3×3 covers the top-left square first, then moves right.
        let copies = Occlusion.occlude(try Tensor(repeating: 1, shape: [1, 1, 3, 3]), 0..<1,
                                       batch: try ImageBatch(try Tensor(zeros: [1, 1, 3, 3]), network: try Self.net3x3()),
                                       size: 2, stride: 1, fill: 0, py: 2, px: 2)
        #expect(copies.shape == [4, 1, 3, 3])
        #expect(Array(copies.scalars[0..<9]) == [0, 0, 1, 0, 0, 1, 1, 1, 1])
        #expect(Array(copies.scalars[9..<18]) == [1, 0, 0, 1, 0, 0, 1, 1, 1])
        #expect(Array(copies.scalars[27..<36]) == [1, 1, 1, 1, 0, 0, 1, 0, 0])
    }

    static func net3x3() throws -> Network {
        Network(try NetworkDescription.parse("INPUT 3x3x1 -> FC-2 -> SOFTMAX"), seed: 0)
    }

    @Test func imagesOfABatchDoNotMix() throws {
        let net = Network(try NetworkDescription.parse("INPUT 8x8x1 -> CONV3-4 -> RELU -> POOL2 -> FC-3 -> SOFTMAX"), seed: 2)
        let x = try Tensor.uniform(shape: [3, 1, 8, 8], seed: 3)
        let all = try Occlusion.maps(net, images: x, classes: [1, 2, 0], size: 3, stride: 1)
        let last = try Occlusion.maps(net, images: Tensor(shape: [1, 1, 8, 8], scalars: Array(x.scalars[128...])),
                                      classes: [0], size: 3, stride: 1)
        #expect(TinyNetworks.close(Array(all.probability.scalars[72...]), last.probability.scalars))
        #expect(try Occlusion.maps(net, images: x, classes: [1, 2, 0], size: 3, stride: 1).probability == all.probability)
    }

    @Test func refusesOccludersThatDoNotFit() throws {
        let net = try Self.lastPixel()
        let x = try Tensor(repeating: 1, shape: [1, 1, 2, 2])
        #expect(throws: NetworkError.self) { try Occlusion.maps(net, images: x, classes: [0], size: 3, stride: 1) }
        #expect(throws: NetworkError.self) { try Occlusion.maps(net, images: x, classes: [0], size: 1, stride: 0) }
        #expect(throws: NetworkError.self) { try Occlusion.maps(net, images: x, classes: [3], size: 1, stride: 1) }
    }
}
