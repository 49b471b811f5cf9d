import Testing
import Tensors
@testable import NeuralNet

/// What the layers without parameters compute, on values small enough to
/// check by hand or by a direct loop.
struct LayerForwardTests {
    /// Runs layer 0 of a network on `x` and returns its output and memo.
    func run(_ net: Network, _ x: [Float], batch: Int, mode: PassMode = .inference) -> ([Float], LayerMemo) {
        let layer = net.layers[0], memo = LayerMemo()
        var y = [Float](repeating: 0, count: batch * layer.output.count)
        // These layers have no parameters and never read the store.
        let store: [Float] = [0]
        store.withUnsafeBufferPointer { p in
            x.withUnsafeBufferPointer { x in
                y.withUnsafeMutableBufferPointer { y in
                    layer.forward(x.baseAddress!, y.baseAddress!, batch: batch, params: p.baseAddress!, memo: memo,
                                  mode: mode)
                }
            }
        }
        return (y, memo)
    }

    @Test(arguments: ["INPUT 6x6x2 -> POOL2", "INPUT 7x7x2 -> POOL3/2", "INPUT 7x5x1 -> POOL2/1"])
    func maxPoolSwitchesPointAtTheMaxima(_ text: String) throws {
        let net = try Batches.network(text)
        let layer = try #require(net.layers.first as? MaxPoolLayer)
        let batch = 2
        let x = try Batches.images(for: net, batch: batch, seed: 11).scalars
        let (y, memo) = run(net, x, batch: batch)
        let (h, w, oh, ow, k, s) = (layer.input.height, layer.input.width, layer.output.height,
                                    layer.output.width, layer.kernel, layer.stride)
        for plane in 0..<(batch * layer.input.channels) {
            for r in 0..<oh {
                for c in 0..<ow {
                    let o = plane * oh * ow + r * ow + c
                    let at = Int(memo.switches.pointer[o])
                    let (row, col) = (at / w, at % w)
                    #expect((r * s..<r * s + k).contains(row) && (c * s..<c * s + k).contains(col))
                    var top = -Float.infinity
                    for i in 0..<k { for j in 0..<k { top = max(top, x[plane * h * w + (r * s + i) * w + c * s + j]) } }
                    #expect(y[o] == top)
                    #expect(x[plane * h * w + at] == top)
                }
            }
        }
    }

    @Test func maxPoolTiesGoToTheFirstInReadingOrder() throws {
        for text in ["INPUT 2x2x1 -> POOL2", "INPUT 3x3x1 -> POOL3"] {
            let net = try Batches.network(text)
            let (y, memo) = run(net, [Float](repeating: 0.5, count: net.inputCount), batch: 1)
            #expect(y == [0.5])
            #expect(memo.switches.pointer[0] == 0)
        }
    }

    @Test func avgPoolAveragesEachWindow() throws {
        let two = try Batches.network("INPUT 4x4x1 -> AVGPOOL2")
        #expect(run(two, (0..<16).map(Float.init), batch: 1).0 == [2.5, 4.5, 10.5, 12.5])
        // Overlapping 3×3 windows on 0...24: the mean of each is its centre.
        let three = try Batches.network("INPUT 5x5x1 -> AVGPOOL3/2")
        let y = run(three, (0..<25).map(Float.init), batch: 1).0
        #expect(zip(y, [6, 8, 16, 18] as [Float]).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func softmaxRowsSumToOneWithoutOverflow() throws {
        let net = try Batches.network("INPUT 4 -> SOFTMAX")
        let x: [Float] = [1, 2, 3, 4, 1000, -1000, 999, 0]
        let y = try net.forward(Tensor(shape: [2, 4], scalars: x)).scalars
        #expect(y.allSatisfy { $0.isFinite && $0 >= 0 })
        #expect(abs(y[0..<4].reduce(0, +) - 1) < 1e-6)
        #expect(abs(y[4..<8].reduce(0, +) - 1) < 1e-6)
        #expect(y[0] < y[1] && y[1] < y[2] && y[2] < y[3])
        // e / (1 + e) for the two top scores, the rest underflow to zero.
        #expect(abs(y[4] - 0.7310586) < 1e-6 && abs(y[6] - 0.2689414) < 1e-6 && y[5] == 0)
    }

    @Test func dropoutKeepsAboutOneMinusPAndScales() throws {
        let net = try Batches.network("INPUT 10000 -> DROPOUT-0.3")
        let x = [Float](repeating: 2, count: 10_000)
        let (y, memo) = run(net, x, batch: 1, mode: .training(seed: 42))
        let kept = y.filter { $0 != 0 }
        // 0.7 ± 4 standard deviations of a binomial proportion over 10 000 draws.
        let fraction = Double(kept.count) / 10_000, bound: Double = 4 * (0.21 / 10_000).squareRoot()
        #expect(abs(fraction - 0.7) < bound)
        let scale: Float = 1 / 0.7
        #expect(kept.allSatisfy { $0 == 2 * scale })
        // The backward pass reuses the mask the forward pass drew.
        let mask = (0..<10_000).map { memo.scratch.pointer[$0] }
        #expect(zip(y, mask).allSatisfy { $0 == 2 * $1 })
    }

    @Test func dropoutIsDeterministicPerSeedAndIdentityInInference() throws {
        let net = try Batches.network("INPUT 8x8x2 -> DROPOUT-0.5")
        let x = try Batches.images(for: net, batch: 3, seed: 1).scalars
        let first = run(net, x, batch: 3, mode: .training(seed: 7)).0
        #expect(run(net, x, batch: 3, mode: .training(seed: 7)).0 == first)
        #expect(run(net, x, batch: 3, mode: .training(seed: 8)).0 != first)
        #expect(run(net, x, batch: 3, mode: .inference).0 == x)
        #expect(try net.forward(Tensor(shape: [3, 2, 8, 8], scalars: x)).scalars == x)
    }

    /// y_c = x_c / (2 + 1e-4 Σ x_j²)^0.75 over the (clipped) five-channel window.
    @Test func lrnMatchesAHandComputedValue() throws {
        let net = try Batches.network("INPUT 1x1x7 -> LRN")
        let y = run(net, [10, 20, 30, 40, 50, 60, 70], batch: 1).0
        // channel 0: window {0, 1, 2}, s = 2 + 1e-4 (100 + 400 + 900) = 2.14
        #expect(abs(y[0] - 5.651838) < 1e-5)
        // channel 2: window {0...4}, s = 2 + 1e-4 · 5500 = 2.55
        #expect(abs(y[2] - 14.866753) < 1e-5)
        // channel 4: window {2...6}, s = 2 + 1e-4 · 13 500 = 3.35
        #expect(abs(y[4] - 20.192328) < 1e-5)
    }
}
