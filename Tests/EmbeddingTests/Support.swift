@testable import Embedding
import Tensors

/// Seeded test data: points in clusters, and plain Gaussian rows.
enum Fixture {
    /// `perCluster` points around each of `clusters` centres spread `spread` apart, in `dim` dimensions.
    static func clusters(_ clusters: Int, perCluster: Int, dim: Int, spread: Float = 10, seed: UInt64 = 1)
        -> (Tensor, [Int]) {
        let stream = RandomStream(seed: seed)
        var values: [Float] = [], labels: [Int] = []
        for c in 0..<clusters {
            for p in 0..<perCluster {
                for d in 0..<dim {
                    let centre: Float = d == c % dim ? spread * Float(1 + c / dim) : 0
                    values.append(centre + stream.normal(at: UInt64((c * perCluster + p) * dim + d)))
                }
                labels.append(c)
            }
        }
        return (Tensor(shape: [clusters * perCluster, dim], scalars: values), labels)
    }

    static func gaussian(_ n: Int, _ dim: Int, seed: UInt64 = 2) -> Tensor {
        let stream = RandomStream(seed: seed)
        return Tensor(shape: [n, dim], scalars: (0..<(n * dim)).map { stream.normal(at: UInt64($0)) })
    }

    static func float(_ p: Buffer<Double>) -> Buffer<Float> { Buffer(p.array.map { Float($0) }) }

    static func embedding(_ points: [(Double, Double)]) -> Embedding2D {
        let y = Embedding2D(count: points.count)
        for (i, p) in points.enumerated() {
            y.x[i] = p.0
            y.y[i] = p.1
        }
        return y
    }

    static func randomEmbedding(_ n: Int, scale: Double, seed: UInt64) -> Embedding2D {
        let stream = RandomStream(seed: seed)
        return embedding((0..<n).map { (scale * Double(stream.normal(at: UInt64(2 * $0))),
                                        scale * Double(stream.normal(at: UInt64(2 * $0 + 1)))) })
    }
}
