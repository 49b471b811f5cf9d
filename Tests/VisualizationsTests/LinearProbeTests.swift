import NeuralNet
import Tensors
import Testing
@testable import Visualizations

/// The probe's pooling, by hand, and a probe that must find a class that
/// is written plainly in one layer.
@Suite struct LinearProbeTests {
    @Test func gridKeepsWithinTheBudget() {
        #expect(LinearProbe.grid(for: [32, 28, 28], budget: 1024) == 5)   // 32·25 = 800, 32·36 = 1152
        #expect(LinearProbe.grid(for: [1, 28, 28], budget: 1024) == 28)   // raw pixels whole
        #expect(LinearProbe.grid(for: [2048, 7, 7], budget: 1024) == 1)   // never below one cell
        #expect(LinearProbe.grid(for: [128], budget: 1024) == nil)
    }

    @Test func poolingAveragesCellsThatCoverEveryRow() throws {
        // A 1×3×3 map pooled to 2×2: cells cover rows 0..<2 and 1..<3, and the same columns.
        let pooler = LinearProbe.Pooler(shape: [1, 3, 3], budget: 4)
        #expect(pooler.g == 2 && pooler.features == 4)
        let values: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
        var out = [Float](repeating: 0, count: 4)
        values.withUnsafeBufferPointer { v in out.withUnsafeMutableBufferPointer { pooler.pool(v, count: 1, into: $0.baseAddress!) } }
        #expect(out == [3, 4, 6, 7])   // (1+2+4+5)/4, (2+3+5+6)/4, (4+5+7+8)/4, (5+6+8+9)/4
    }

    @Test func tappingSeveralLayersMatchesOneAtATime() throws {
        let net = Network(try NetworkDescription.parse("INPUT 6x6x1 -> CONV3-2 -> RELU -> POOL2 -> FC-3"), seed: 4)
        let x = Tensor(shape: [5, 1, 6, 6], scalars: (0..<180).map { Float(($0 * 37) % 11) / 11 })
        let both = try LinearProbe.features(net, images: x, layers: [1, 3], budget: 1024)
        #expect(both[0] == (try LinearProbe.features(net, images: x, layers: [1], budget: 1024))[0])
        #expect(both[1] == (try LinearProbe.features(net, images: x, layers: [3], budget: 1024))[0])
        #expect(both[1] == Tensor(shape: [5, 3], scalars: try net.forward(x).scalars))
    }

    @Test func aProbeReadsAClassWrittenInTheFeatures() throws {
        // The label is the sign of pixel 0; the other pixels are noise. A
        // linear probe on the input must find it, on held-out images too.
        var stream = RandomStream(seed: 9)
        func data(_ n: Int) -> (Tensor, [Int]) {
            var xs: [Float] = [], ys: [Int] = []
            for _ in 0..<n {
                let y = Int(stream.nextUInt64() % 2)
                xs.append(y == 1 ? 1 : -1)
                for _ in 0..<3 { xs.append(Float(stream.nextUInt64() % 1000) / 1000 - 0.5) }
                ys.append(y)
            }
            return (Tensor(shape: [n, 1, 2, 2], scalars: xs), ys)
        }
        let (train, test) = (data(400), data(200))
        let net = Network(try NetworkDescription.parse("INPUT 2x2x1 -> FC-2"), seed: 1)
        var options = TrainingOptions()
        options.epochs = 20
        options.learningRate = 0.05
        let r = try LinearProbe.fit(net, train: train, test: test, layers: [-1], classes: 2, options: options)
        #expect(r[0].accuracy == 1 && r[0].trainAccuracy == 1 && r[0].features == 4 && r[0].grid == 2)
    }
}
