import Testing
import Tensors
@testable import NeuralNet

/// The convolution against two references that share no code with it: its
/// backward pass must be the adjoint of its forward pass, and its forward
/// pass must match a direct sum over the window.
struct ConvAdjointTests {
    struct Geometry: Sendable, CustomTestStringConvertible {
        let network: String
        var testDescription: String { network }
    }

    /// Strides 1 and 2, paddings 0, 1 and 2, kernels 1, 3 and 5, one and
    /// three channels, square and oblong inputs, windows that cover the
    /// image exactly and ones that leave a margin.
    static let geometries: [Geometry] = [
        "INPUT 5x5x3 -> CONV1-4/1/0",
        "INPUT 5x4x1 -> CONV1-2/2/1",
        "INPUT 6x6x1 -> CONV3-2/1/1",
        "INPUT 7x7x3 -> CONV3-4/2/0",
        "INPUT 6x6x3 -> CONV3-2/2/1",
        "INPUT 5x6x1 -> CONV3-3/1/2",
        "INPUT 7x7x3 -> CONV5-2/1/2",
        "INPUT 9x8x1 -> CONV5-3/2/2",
        "INPUT 6x6x3 -> CONV5-2/1/0",
    ].map(Geometry.init(network:))

    static let batch = 2

    /// ⟨conv(x), y⟩ = ⟨x, convᵀ(y)⟩ for random x and y, with zero bias so the
    /// forward pass is linear; convᵀ is the backward pass's dx.
    @Test(arguments: geometries)
    func backwardIsTheAdjointOfForward(_ g: Geometry) throws {
        let net = try Batches.network(g.network)
        let layer = try #require(net.layers.first as? ConvLayer)
        var params = net.parameters
        for i in (layer.weightCount)..<(layer.parameterCount) { params[i] = 0 }
        let x = try Batches.images(for: net, batch: Self.batch, seed: 3).scalars
        let y = try Tensor.normal(shape: [Self.batch * layer.output.count], seed: 4).scalars
        var conv = [Float](repeating: 0, count: y.count)
        var adjoint = [Float](repeating: 0, count: x.count)
        var dparams = [Float](repeating: 0, count: params.count)
        let memo = LayerMemo()
        params.withUnsafeBufferPointer { p in
            x.withUnsafeBufferPointer { x in
                conv.withUnsafeMutableBufferPointer { out in
                    layer.forward(x.baseAddress!, out.baseAddress!, batch: Self.batch, params: p.baseAddress!,
                                  memo: memo, mode: .inference)
                }
                y.withUnsafeBufferPointer { dy in
                    adjoint.withUnsafeMutableBufferPointer { dx in
                        dparams.withUnsafeMutableBufferPointer { dp in
                            layer.backward(x.baseAddress!, conv, dy.baseAddress!, dx.baseAddress!, batch: Self.batch,
                                           params: p.baseAddress!, dparams: dp.baseAddress!, memo: memo,
                                           rule: .gradient)
                        }
                    }
                }
            }
        }
        let left = Batches.dot(conv, y), right = Batches.dot(x, adjoint)
        #expect(abs(left) > 1e-3, "the inner product should not vanish")
        #expect(abs(left - right) / max(abs(left), abs(right)) < 1e-4, "\(left) vs \(right)")
    }

    /// The forward pass, biases included, against four nested loops over
    /// output position and window.
    @Test(arguments: geometries)
    func forwardMatchesADirectConvolution(_ g: Geometry) throws {
        var net = try Batches.network(g.network)
        let layer = try #require(net.layers.first as? ConvLayer)
        let bias = try Tensor.normal(shape: [layer.biasCount], seed: 5)
        net = try net.replacingWeights(layer: "conv1", w: nil, b: bias)
        let x = try Batches.images(for: net, batch: Self.batch, seed: 6)
        let y = try net.forward(x)
        let geo = layer.geometry, f = layer.filters
        #expect(y.shape == [Self.batch, f, geo.outHeight, geo.outWidth])
        let w = net.parameters, k = geo.kernel
        var worst: Float = 0
        for n in 0..<Self.batch {
            for o in 0..<f {
                for oh in 0..<geo.outHeight {
                    for ow in 0..<geo.outWidth {
                        var sum = bias.scalars[o]
                        for c in 0..<geo.channels {
                            for i in 0..<k {
                                for j in 0..<k {
                                    let ih = oh * geo.stride - geo.padding + i, iw = ow * geo.stride - geo.padding + j
                                    guard ih >= 0, ih < geo.height, iw >= 0, iw < geo.width else { continue }
                                    let pixel = x.scalars[((n * geo.channels + c) * geo.height + ih) * geo.width + iw]
                                    sum += w[((o * geo.channels + c) * k + i) * k + j] * pixel
                                }
                            }
                        }
                        let got = y.scalars[((n * f + o) * geo.outHeight + oh) * geo.outWidth + ow]
                        worst = max(worst, abs(got - sum) / max(1, abs(sum)))
                    }
                }
            }
        }
        #expect(worst < 1e-5)
    }
}
