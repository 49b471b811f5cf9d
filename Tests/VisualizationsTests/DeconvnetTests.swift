import NeuralNet
import Tensors
import Testing
@testable import Visualizations

@Suite struct DeconvnetTests {
    /// An identity convolution and a ReLU under 2×2 max pooling, so the
    /// projection shows exactly where the switches send it.
    static func pooling() throws -> Network {
        try TinyNetworks.network("INPUT 4x4x1 -> CONV1-1 -> RELU -> POOL2", [("conv1", [1], [0])])
    }

    static let image = Tensor(shape: [1, 1, 4, 4], scalars: [1, 5, 0, 2,
                                                            3, 0, 7, 1,
                                                            0, 2, 4, 0,
                                                            6, 1, 0, 3])

    @Test func unpoolsThroughTheRecordedSwitch() throws {
        // pool1 is [[5, 7], [6, 4]]; the strongest is 7, at (0, 1), and came
        // from pixel (1, 2). Keeping 7 and projecting puts 7 there and nothing else.
        let p = try Deconvnet.project(try Self.pooling(), images: Self.image, layer: 2, unit: .strongest(channel: 0))
        var expected = [Float](repeating: 0, count: 16)
        expected[1 * 4 + 2] = 7
        #expect(p.image.shape == [1, 1, 4, 4])
        #expect(p.image.scalars == expected)
        #expect(p.activation.scalars == [7])
        #expect(p.positions.map { [$0.y, $0.x] } == [[0, 1]])
    }

    @Test func anExplicitPositionKeepsThatActivation() throws {
        // pool1 (1, 0) is 6, from pixel (3, 0).
        let p = try Deconvnet.project(try Self.pooling(), images: Self.image, layer: 2, unit: .at(channel: 0, y: 1, x: 0))
        var expected = [Float](repeating: 0, count: 16)
        expected[3 * 4 + 0] = 6
        #expect(p.image.scalars == expected)
    }

    @Test func filtersWithTheTransposedFilter() throws {
        // A 3×3 filter w with padding 1 on a 3×3 image: y(p) = Σ_q w(q − p + 1) x(q),
        // so sending v back from the centre gives dx(q) = v · w(q): the filter
        // itself, scaled by the kept activation. With x = 1 everywhere, v = Σ w = 4.5.
        let w: [Float] = [0, 1, 0, 2, -1, 0.5, 0, 3, -1]
        let net = try TinyNetworks.network("INPUT 3x3x1 -> CONV3-1", [("conv1", w, [0])])
        let x = try Tensor(repeating: 1, shape: [1, 1, 3, 3])
        let p = try Deconvnet.project(net, images: x, layer: 0, unit: .at(channel: 0, y: 1, x: 1))
        #expect(p.activation.scalars == [4.5])
        #expect(TinyNetworks.close(p.image.scalars, w.map { 4.5 * $0 }))
        // With two filters, unit 1 projects through filter 1 alone: w1 sums to 2, so 2 · w1.
        let w1: [Float] = [1, 0, 0, 0, 1, 0, 0, 0, 0]
        let two = try TinyNetworks.network("INPUT 3x3x1 -> CONV3-2", [("conv1", w + w1, [0, 0])])
        let q = try Deconvnet.project(two, images: x, layer: 0, unit: .at(channel: 1, y: 1, x: 1))
        #expect(q.image.scalars == w1.map { 2 * $0 })
    }

    @Test func rectifiesOnTheWayDownWithoutTheForwardMask() throws {
        // From fc1's unit 0 on `doubling()`: it holds v = 1·2 − 3·2 + 0.5·0 + 4·2 = 4.
        // Back through the FC layer: v · w0 = [4, −12, 2, 16]; the deconvnet's ReLU
        // rectifies the signal, [4, 0, 2, 16], and ignores that the third pixel's
        // ReLU was shut going forward; the conv doubles: [8, 0, 4, 32].
        let p = try Deconvnet.project(try TinyNetworks.doubling(), images: TinyNetworks.image, layer: 2,
                                      unit: .strongest(channel: 0))
        #expect(p.activation.scalars == [4])
        #expect(p.image.scalars == [8, 0, 4, 32])
    }

    @Test func refusesUnitsThatDoNotExist() throws {
        let net = try Self.pooling()
        #expect(throws: NetworkError.self) { try Deconvnet.project(net, images: Self.image, layer: 2, unit: .strongest(channel: 1)) }
        #expect(throws: NetworkError.self) { try Deconvnet.project(net, images: Self.image, layer: 2, unit: .at(channel: 0, y: 2, x: 0)) }
        #expect(throws: NetworkError.self) { try Deconvnet.project(net, images: Self.image, layer: 9, unit: .strongest(channel: 0)) }
        let fc = try TinyNetworks.doubling()
        #expect(throws: NetworkError.self) {
            try Deconvnet.project(fc, images: TinyNetworks.image, layer: 2, unit: .at(channel: 0, y: 0, x: 0))
        }
    }
}
