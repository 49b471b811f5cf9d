import Foundation

/// The cost t-SNE minimises, reported once at the end and exactly, in Double:
/// KL(P‖Q) = Σ pᵢⱼ log(pᵢⱼ / qᵢⱼ) over the pairs where P is nonzero, with
/// qᵢⱼ = wᵢⱼ / Z and Z summed over all N(N − 1) pairs, not estimated
/// through the tree (10,000 points are 10⁸ pairs: a fraction of a second).
enum KLDivergence {
    /// Z = Σ_{i≠j} wᵢⱼ, exactly: twice the sum over j > i.
    static func normalization(_ y: Embedding2D) -> Double {
        typealias V = SIMD2<Double>
        let n = y.count
        let rows = Buffer<Double>(repeating: 0, count: n)
        Chunks.forEach(n, size: 16, work: 5 * n * n) { range in
            let xs = UnsafeRawPointer(y.x.pointer), ys = UnsafeRawPointer(y.y.pointer)
            for i in range {
                let vx = V(repeating: y.x[i]), vy = V(repeating: y.y[i]), one = V(repeating: 1)
                var z = V(), z2 = V()
                var j = i + 1
                while j + 4 <= n {
                    let dx = xs.loadUnaligned(fromByteOffset: j * 8, as: V.self) - vx
                    let dy = ys.loadUnaligned(fromByteOffset: j * 8, as: V.self) - vy
                    let ex = xs.loadUnaligned(fromByteOffset: j * 8 + 16, as: V.self) - vx
                    let ey = ys.loadUnaligned(fromByteOffset: j * 8 + 16, as: V.self) - vy
                    z += one / (one + dx * dx + dy * dy)
                    z2 += one / (one + ex * ex + ey * ey)
                    j += 4
                }
                let lanes = z + z2
                var sum = lanes[0] + lanes[1]
                while j < n {
                    let dx = y.x[i] - y.x[j], dy = y.y[i] - y.y[j]
                    sum += 1 / (1 + dx * dx + dy * dy)
                    j += 1
                }
                rows[i] = sum
            }
        }
        var z = 0.0
        for i in 0..<n { z += rows[i] }
        return 2 * z
    }

    /// KL(P‖Q) for a dense P: Σ pᵢⱼ log(pᵢⱼ / qᵢⱼ) over pᵢⱼ > 0, qᵢⱼ = wᵢⱼ / Z.
    static func dense(_ y: Embedding2D, p: Buffer<Double>) -> Double {
        let n = y.count
        let logZ = log(normalization(y))
        let rows = Buffer<Double>(repeating: 0, count: n)
        Chunks.forEach(n, size: 16, work: 10 * n * n) { range in
            let xs = y.x.pointer, ys = y.y.pointer
            for i in range {
                var sum = 0.0
                for j in 0..<n where j != i {
                    let pij = p[i * n + j]
                    guard pij > 0 else { continue }
                    let dx = xs[i] - xs[j], dy = ys[i] - ys[j]
                    sum += pij * (log(pij) + log1p(dx * dx + dy * dy) + logZ)
                }
                rows[i] = sum
            }
        }
        var kl = 0.0
        for i in 0..<n { kl += rows[i] }
        return kl
    }

    static func sparse(_ y: Embedding2D, p: SparseMatrix) -> Double {
        let logZ = log(normalization(y))
        let rows = Buffer<Double>(repeating: 0, count: y.count)
        Chunks.forEach(y.count, size: 256) { range in
            let xs = y.x.pointer, ys = y.y.pointer
            let starts = p.rowStart.pointer, columns = p.columns.pointer, values = p.values.pointer
            for i in range {
                var sum = 0.0
                for e in starts[i]..<starts[i + 1] where values[e] > 0 {
                    let j = Int(columns[e])
                    let dx = xs[i] - xs[j], dy = ys[i] - ys[j]
                    sum += values[e] * (log(values[e]) + log1p(dx * dx + dy * dy) + logZ)
                }
                rows[i] = sum
            }
        }
        var kl = 0.0
        for i in 0..<y.count { kl += rows[i] }
        return kl
    }
}
