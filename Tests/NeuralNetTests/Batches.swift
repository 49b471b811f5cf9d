import Tensors
@testable import NeuralNet

/// Small seeded batches for the numerical tests: random normal inputs in a
/// network's input shape and labels among its outputs.
enum Batches {
    static func network(_ text: String, seed: UInt64 = 1) throws -> Network {
        Network(try NetworkDescription.parse(text), seed: seed)
    }

    static func images(for net: Network, batch: Int, seed: UInt64, std: Float = 1) throws -> Tensor {
        try Tensor.normal(shape: [batch] + net.inputShape, seed: seed, std: std)
    }

    static func labels(for net: Network, batch: Int, seed: UInt64) -> [Int] {
        let stream = RandomStream(seed: seed ^ 0x1ABE1)
        return (0..<batch).map { Int(stream.value(at: UInt64($0)) % UInt64(net.outputCount)) }
    }

    static func targets(for net: Network, batch: Int, seed: UInt64) throws -> Tensor {
        try Tensor.uniform(shape: [batch, net.outputCount], seed: seed ^ 0x7A46E7, low: -1, high: 1)
    }

    /// Sum of products in Double, for comparing inner products.
    static func dot(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }
}
