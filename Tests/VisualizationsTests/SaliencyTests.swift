import NeuralNet
import Tensors
import Testing
@testable import Visualizations

@Suite struct SaliencyTests {
    @Test func mapIsTheAbsoluteScoreGradient() throws {
        let net = try TinyNetworks.doubling()
        // S_0 = Σ w0_i · relu(2 x_i), so ∂S_0/∂x_i = 2 · w0_i · [2 x_i > 0]
        //     = 2 · [1, -3, 0.5, 4] · [1, 1, 0, 1] = [2, -6, 0, 8]; the map is its size.
        let map = try Saliency.maps(net, images: TinyNetworks.image, classes: [0])
        #expect(map.shape == [1, 2, 2])
        #expect(map.scalars == [2, 6, 0, 8])
        // Class 1 (w1 = [5, 6, -7, 8]): 2 · [5, 6, 0, 8].
        #expect(try Saliency.maps(net, images: TinyNetworks.image, classes: [1]).scalars == [10, 12, 0, 16])
    }

    @Test func followsTheScoreNotTheProbability() throws {
        // Changing class 1's weights changes p(class 0) everywhere, but not S_0.
        let net = try TinyNetworks.doubling()
            .replacingWeights(layer: "fc1", w: Tensor(shape: [2, 4], scalars: [1, -3, 0.5, 4, 0, 0, 0, 0]), b: nil)
        #expect(try Saliency.maps(net, images: TinyNetworks.image, classes: [0]).scalars == [2, 6, 0, 8])
    }

    @Test func takesTheLargestChannelAndEachImagesOwnClass() throws {
        // INPUT 2x2x2 -> FC-2: S_c = Σ W[c] · x, so the gradient is W[c] itself,
        // as (2 channels, 2, 2); the map keeps the larger |W| of the two channels.
        let w: [Float] = [1, -2, 3, 0, /* channel 1 */ -4, 1, 1, 0.5,
                          /* class 1 */ 0, 0, 0, -1, 2, 0, 0, 0]
        let net = try TinyNetworks.network("INPUT 2x2x2 -> FC-2 -> SOFTMAX", [("fc1", w, [0, 0])])
        let x = try Tensor.uniform(shape: [2, 2, 2, 2], seed: 1)
        let maps = try Saliency.maps(net, images: x, classes: [0, 1])
        #expect(maps.shape == [2, 2, 2])
        #expect(Array(maps.scalars[0..<4]) == [4, 2, 3, 0.5])  // max(|1|,|-4|), max(|-2|,|1|), ...
        #expect(Array(maps.scalars[4..<8]) == [2, 0, 0, 1])
    }

    @Test func matchesFiniteDifferencesOfTheScore() throws {
        // Central differences of S_c (the layer before the SOFTMAX) at every
        // input value, the larger |difference| of each pixel's two channels.
        let net = Network(try NetworkDescription.parse("INPUT 5x5x2 -> CONV3-3 -> RELU -> POOL2 -> FC-4 -> SOFTMAX"), seed: 4)
        let x = try Tensor.uniform(shape: [1, 2, 5, 5], seed: 9)
        let map = try Saliency.maps(net, images: x, classes: [2])
        let h: Float = 1e-2
        var expected = [Float](repeating: 0, count: 25)
        for i in 0..<50 {
            var up = x, down = x
            up.scalars[i] += h
            down.scalars[i] -= h
            let d = (try net.forward(up, through: net.scoreLayer).scalars[2]
                     - net.forward(down, through: net.scoreLayer).scalars[2]) / (2 * h)
            expected[i % 25] = max(expected[i % 25], abs(d))
        }
        #expect(TinyNetworks.close(map.scalars, expected, tolerance: 1e-3))
    }

    @Test func bigBatchesMatchOneImageAtATime() throws {
        // More images than one pass takes: the chunks must line up.
        let net = Network(try NetworkDescription.parse("INPUT 6x6x1 -> CONV3-2 -> RELU -> POOL2 -> FC-3 -> SOFTMAX"), seed: 3)
        let n = ImageBatch.chunk + 5
        let x = try Tensor.uniform(shape: [n, 1, 6, 6], seed: 2)
        let classes = (0..<n).map { $0 % 3 }
        let all = try Saliency.maps(net, images: x, classes: classes)
        for i in [0, 7, ImageBatch.chunk, n - 1] {
            let one = try Saliency.maps(net, images: Tensor(shape: [1, 1, 6, 6], scalars: Array(x.scalars[(i * 36)..<((i + 1) * 36)])),
                                        classes: [classes[i]])
            #expect(TinyNetworks.close(Array(all.scalars[(i * 36)..<((i + 1) * 36)]), one.scalars))
        }
        #expect(try Saliency.maps(net, images: x, classes: classes) == all)  // same input, same bytes
    }

    @Test func errorsSayWhatIsWrong() throws {
        let net = try TinyNetworks.doubling()
        #expect(throws: NetworkError.self) { try Saliency.maps(net, images: TinyNetworks.image, classes: [2]) }
        #expect(throws: NetworkError.self) { try Saliency.maps(net, images: TinyNetworks.image, classes: [0, 1]) }
        #expect(throws: NetworkError.self) { try Saliency.maps(net, images: Tensor(shape: [2, 2], scalars: [1, 1, 1, 1]), classes: [0]) }
        do {
            _ = try Saliency.maps(net, images: TinyNetworks.image, classes: [5])
        } catch {
            #expect(error.message == "class 5 does not exist: the network scores 2 classes, numbered 0 to 1")
        }
        let vector = Network(try NetworkDescription.parse("INPUT 4 -> FC-2 -> SOFTMAX"), seed: 0)
        do {
            _ = try Saliency.maps(vector, images: Tensor(shape: [1, 4], scalars: [1, 2, 3, 4]), classes: [0])
            Issue.record("a vector-input network should be refused")
        } catch {
            #expect(error.message.contains("explains images"))
        }
    }
}
