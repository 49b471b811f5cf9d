import Testing
import Tensors
@testable import NeuralNet

struct ZZProbeTests {
    @Test func probe() throws {
        let cases: [(String, Float, Int, Loss)] = [
            ("INPUT 2x2x7 -> LRN", 20, 3, .crossEntropy),
            ("INPUT 6x6x6 -> CONV3-5 -> TANH -> LRN -> AVGPOOL2 -> FC-4 -> SIGMOID -> FC-3", 3, 3, .crossEntropy),
            ("INPUT 8x8x1 -> CONV3-4 -> RELU -> POOL2 -> CONV3-8 -> RELU -> POOL2 -> FC-16 -> RELU -> FC-10 -> SOFTMAX", 1, 2, .crossEntropy),
        ]
        for (text, scale, batch, loss) in cases {
            let net = try Batches.network(text)
            for seed: UInt64 in [7, 1, 2, 3] {
            let images = try Batches.images(for: net, batch: batch, seed: seed, std: scale)
            let labels = Batches.labels(for: net, batch: batch, seed: seed)
            for eps: Float in [1e-1, 3e-2, 1e-2, 3e-3, 1e-3] {
                let r = try net.gradientCheck(images: images, labels: labels, loss: loss, epsilon: eps, seed: seed)
                print(text.prefix(20), seed, eps, r.perLayer.map { "\($0.layer)=\(String(format: "%.2e", $0.maxRelativeError))" }.joined(separator: " "))
            }
            }
        }
    }
}
