import Foundation

/// The t-SNE gradient over every pair, O(N²): the whole method for small N.
///
/// Written without the factor 4 of ∂KL/∂y, as in `BarnesHutGradient`:
///     gᵢ = exaggeration · Σⱼ pᵢⱼ wᵢⱼ (yᵢ − yⱼ) − (1/Z) Σⱼ wᵢⱼ² (yᵢ − yⱼ).
/// Each row runs over every j four lanes at a time in Float, like the
/// Barnes-Hut terms (the j = i term adds exactly 1 to Z and nothing else,
/// and is taken off after); lanes and rows are summed in Double in a fixed
/// order. Coordinates are split in two Floats, as in `Attraction`, so
/// differences keep their precision however close two points are; what is
/// left is a relative error near 1e-6, far below what moves an embedding,
/// at a fraction of Double's cost on plain SSE.
enum ExactGradient {
    typealias Lanes = SIMD4<Float>

    /// Writes the gradient for a dense P (N×N, in Float) into g; returns Z.
    @discardableResult
    static func compute(_ y: Embedding2D, p: Buffer<Float>, exaggeration: Double, into g: Embedding2D) -> Double {
        let n = y.count, blocks = (n + 3) / 4
        let split = (0..<4).map { _ in Buffer<Lanes>(repeating: Lanes(), count: blocks) }
        for j in 0..<n {
            let hx = Float(y.x[j]), hy = Float(y.y[j])
            split[0][j / 4][j % 4] = hx
            split[1][j / 4][j % 4] = hy
            split[2][j / 4][j % 4] = Float(y.x[j] - Double(hx))
            split[3][j / 4][j % 4] = Float(y.y[j] - Double(hy))
        }
        let terms = Buffer<Double>(repeating: 0, count: 5 * n)
        Chunks.forEach(n, size: 16, work: 10 * n * n) { range in
            let coordinates = Coordinates(hx: split[0].pointer, hy: split[1].pointer, lx: split[2].pointer, ly: split[3].pointer)
            for i in range {
                let point = Lanes(split[0][i / 4][i % 4], split[1][i / 4][i % 4], split[2][i / 4][i % 4], split[3][i / 4][i % 4])
                let t = row(point, coordinates, p.pointer + i * n, count: n)
                (terms[5 * i], terms[5 * i + 1], terms[5 * i + 2], terms[5 * i + 3], terms[5 * i + 4]) = t
            }
        }
        var z = 0.0
        for i in 0..<n { z += terms[5 * i + 4] - 1 }
        let inverseZ = z > 0 ? 1 / z : 0
        for i in 0..<n {
            g.x[i] = exaggeration * terms[5 * i] - inverseZ * terms[5 * i + 2]
            g.y[i] = exaggeration * terms[5 * i + 1] - inverseZ * terms[5 * i + 3]
        }
        return z
    }

    /// Every point's coordinates in blocks of four lanes, each split in a high and a low Float.
    struct Coordinates {
        let hx: UnsafePointer<Lanes>, hy: UnsafePointer<Lanes>, lx: UnsafePointer<Lanes>, ly: UnsafePointer<Lanes>

        @inline(__always) func difference(_ b: Int, _ point: (Lanes, Lanes, Lanes, Lanes)) -> (Lanes, Lanes) {
            ((hx[b] - point.0) + (lx[b] - point.2), (hy[b] - point.1) + (ly[b] - point.3))
        }
    }

    /// One row's Σ pw(yᵢ − yⱼ) (x and y), Σ w²(yᵢ − yⱼ) (x and y) and Σ w,
    /// the j = i term included; `point` is (hx, hy, lx, ly) of yᵢ. Two blocks
    /// a step, written yⱼ − yᵢ (so the sums change sign at the end), with the
    /// point passed in lanes: the form LLVM keeps whole (see `InteractionList.forces`).
    @inline(never)
    static func row(_ point: Lanes, _ c: Coordinates, _ p: UnsafePointer<Float>, count n: Int)
        -> (Double, Double, Double, Double, Double) {
        let one = Lanes(repeating: 1), pr = UnsafeRawPointer(p)
        let v = (Lanes(repeating: point[0]), Lanes(repeating: point[1]), Lanes(repeating: point[2]), Lanes(repeating: point[3]))
        var ax = Lanes(), ay = Lanes(), rx = Lanes(), ry = Lanes(), z = Lanes()
        var bx = Lanes(), by = Lanes(), sx = Lanes(), sy = Lanes(), z2 = Lanes()
        var b = 0
        while 4 * (b + 2) <= n {
            let (dx, dy) = c.difference(b, v), (ex, ey) = c.difference(b + 1, v)
            let w = one / (one + dx * dx + dy * dy), u = one / (one + ex * ex + ey * ey)
            let pw = pr.loadUnaligned(fromByteOffset: 16 * b, as: Lanes.self) * w
            let pu = pr.loadUnaligned(fromByteOffset: 16 * b + 16, as: Lanes.self) * u
            ax += pw * dx
            ay += pw * dy
            bx += pu * ex
            by += pu * ey
            let ww = w * w, uu = u * u
            rx += ww * dx
            ry += ww * dy
            sx += uu * ex
            sy += uu * ey
            z += w
            z2 += u
            b += 2
        }
        var (sax, say) = (InteractionList.sum(ax + bx), InteractionList.sum(ay + by))
        var (srx, sry, sz) = (InteractionList.sum(rx + sx), InteractionList.sum(ry + sy), InteractionList.sum(z + z2))
        for j in (4 * b)..<n {
            let (lane, q) = (j % 4, j / 4)
            let dx = Double((c.hx[q][lane] - point[0]) + (c.lx[q][lane] - point[2]))
            let dy = Double((c.hy[q][lane] - point[1]) + (c.ly[q][lane] - point[3]))
            let w = 1 / (1 + dx * dx + dy * dy), pw = Double(p[j]) * w
            sax += pw * dx
            say += pw * dy
            srx += w * w * dx
            sry += w * w * dy
            sz += w
        }
        return (-sax, -say, -srx, -sry, sz)
    }
}
