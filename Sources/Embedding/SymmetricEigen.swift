import Foundation

/// The largest eigenpairs of a symmetric matrix, in Double, without LAPACK.
///
/// Householder reflections reduce A to a tridiagonal T = QᵀAQ; implicit QL
/// with Wilkinson shifts finds T's eigenvalues, recording each Givens
/// rotation instead of accumulating all n eigenvectors (n³ work). T's
/// eigenvector j is then the rotations replayed, last first, on eᵢ, and
/// A's is Q times it: only the k wanted vectors are ever formed, so the
/// cost is the reduction's (4/3)n³ plus O(kn²).
enum SymmetricEigen {
    /// `a` is n×n row-major and is overwritten. Returns the k largest
    /// eigenvalues, descending (ties to the lower index), and their unit
    /// eigenvectors as k rows of n. `stop` is polled once a step of each
    /// O(n³) phase: returning true abandons the work with `.stopped`.
    static func largest(_ a: inout [Double], n: Int, k: Int,
                        stop: () -> Bool = { false }) throws(EmbeddingError) -> (values: [Double], vectors: [Double]) {
        guard n > 0, k > 0 else { return ([], []) }
        var d = [Double](repeating: 0, count: n), e = [Double](repeating: 0, count: n)
        guard let reflections = a.withUnsafeMutableBufferPointer({ tridiagonalize($0, n, &d, &e, stop: stop) }) else {
            throw .stopped
        }
        var rotations = Rotations()
        guard diagonalize(&d, &e, n, &rotations, stop: stop) else { throw .stopped }
        let chosen = (0..<n).sorted { d[$0] > d[$1] || (d[$0] == d[$1] && $0 < $1) }.prefix(k)
        let width = chosen.count
        // Column c of this n×width block is T's eigenvector for chosen[c].
        var block = [Double](repeating: 0, count: n * width)
        for (c, j) in chosen.enumerated() { block[j * width + c] = 1 }
        rotations.replay(on: &block, width: width)
        guard applyReflections(reflections, n, to: &block, width: width, stop: stop) else { throw .stopped }
        var vectors = [Double](repeating: 0, count: width * n)
        for c in 0..<width { for r in 0..<n { vectors[c * n + r] = block[r * width + c] } }
        return (chosen.map { d[$0] }, vectors)
    }

    /// Reflection c, I − 2vvᵀ on coordinates c+1 ..< n, is stored as v
    /// (unit length, or empty when none was needed).
    ///
    /// Step c turns the trailing block B into HBH: with p = Bv and
    /// w = p − (vᵀp)v, B −= 2(vwᵀ + wvᵀ). The pass that updates B row by
    /// row also computes the next step's p from each row as soon as it is
    /// updated (the next reflection comes from B's first row, updated
    /// first), so each step reads the block once, not twice: for D in the
    /// hundreds the block outgrows the cache and memory is the bottleneck.
    private static func tridiagonalize(_ a: UnsafeMutableBufferPointer<Double>, _ n: Int,
                                       _ d: inout [Double], _ e: inout [Double], stop: () -> Bool) -> [[Double]]? {
        guard let base = a.baseAddress else { return [] }
        var reflections: [[Double]] = []
        var p = [Double](repeating: 0, count: n), next = [Double](repeating: 0, count: n)
        var v = n > 2 ? reflector(base + 1, count: n - 1) : nil
        var ready = false
        for c in 0..<max(0, n - 2) {
            if stop() { return nil }
            let m = n - c - 1, start = (c + 1) * n + c + 1
            d[c] = base[c * n + c]
            let following = c + 1 < n - 2
            guard let (vc, alpha) = v else {
                e[c] = base[c * n + c + 1]
                reflections.append([])
                v = following ? reflector(base + start + 1, count: m - 1) : nil
                ready = false
                continue
            }
            e[c] = alpha
            vc.withUnsafeBufferPointer { vb in
                guard let vp = vb.baseAddress else { return }
                if !ready { for r in 0..<m { p[r] = dot(base + start + r * n, vp, m) } }
                var k = 0.0
                for r in 0..<m { k += vp[r] * p[r] }
                for r in 0..<m { p[r] -= k * vp[r] }
                p.withUnsafeBufferPointer { wb in
                    guard let wp = wb.baseAddress else { return }
                    update(base + start, vp, wp, r: 0, m)
                    v = following ? reflector(base + start + 1, count: m - 1) : nil
                    guard let (nv, _) = v else {
                        for r in 1..<m { update(base + start + r * n, vp, wp, r: r, m) }
                        return
                    }
                    nv.withUnsafeBufferPointer { nb in
                        guard let np = nb.baseAddress else { return }
                        for r in 1..<m {
                            update(base + start + r * n, vp, wp, r: r, m)
                            next[r - 1] = dot(base + start + r * n + 1, np, m - 1)
                        }
                    }
                }
            }
            reflections.append(vc)
            ready = v != nil
            swap(&p, &next)
        }
        if n >= 2 {
            d[n - 2] = base[(n - 2) * n + n - 2]
            e[n - 2] = base[(n - 2) * n + n - 1]
        }
        d[n - 1] = base[(n - 1) * n + n - 1]
        e[n - 1] = 0
        return reflections
    }

    /// The unit Householder vector taking x (count values) to (alpha, 0, …, 0), or nil when x is already so.
    private static func reflector(_ x: UnsafePointer<Double>, count: Int) -> ([Double], Double)? {
        var v = Array(UnsafeBufferPointer(start: x, count: count))
        let norm = sqrt(v.reduce(0) { $0 + $1 * $1 })
        let alpha = v[0] > 0 ? -norm : norm
        v[0] -= alpha
        let length = sqrt(v.reduce(0) { $0 + $1 * $1 })
        guard norm > 0, length > 0 else { return nil }
        for i in 0..<count { v[i] /= length }
        return (v, alpha)
    }

    /// Row r of the block: row −= 2 v_r w + 2 w_r v.
    @inline(__always)
    private static func update(_ row: UnsafeMutablePointer<Double>, _ v: UnsafePointer<Double>, _ w: UnsafePointer<Double>,
                               r: Int, _ m: Int) {
        let vr = 2 * v[r], wr = 2 * w[r]
        for s in 0..<m { row[s] -= vr * w[s] + wr * v[s] }
    }

    /// Implicit QL with shifts on the tridiagonal (d, e), e[i] coupling i
    /// and i+1; leaves the eigenvalues in d. False when stopped.
    private static func diagonalize(_ d: inout [Double], _ e: inout [Double], _ n: Int, _ rotations: inout Rotations,
                                    stop: () -> Bool) -> Bool {
        for l in 0..<n {
            if stop() { return false }
            var sweeps = 0
            while sweeps < 64 {
                var m = l
                while m < n - 1, abs(e[m]) > Double.ulpOfOne * (abs(d[m]) + abs(d[m + 1])) { m += 1 }
                if m == l { break }
                sweeps += 1
                var g = (d[l + 1] - d[l]) / (2 * e[l])
                var r = hypot(g, 1)
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r))
                var s = 1.0, c = 1.0, p = 0.0
                var i = m - 1
                var deflated = false
                while i >= l {
                    let f = s * e[i], b = c * e[i]
                    r = hypot(f, g)
                    e[i + 1] = r
                    if r == 0 {  // underflow: the matrix split here; start the sweep again
                        d[i + 1] -= p
                        e[m] = 0
                        deflated = true
                        break
                    }
                    s = f / r
                    c = g / r
                    g = d[i + 1] - p
                    r = (d[i] - g) * s + 2 * c * b
                    p = s * r
                    d[i + 1] = g + p
                    g = c * r - b
                    rotations.record(i, c, s)
                    i -= 1
                }
                if deflated { continue }
                d[l] -= p
                e[l] = g
                e[m] = 0
            }
        }
        return true
    }

    /// Q z for each column z of the n×width block: the reflections, last first.
    private static func applyReflections(_ reflections: [[Double]], _ n: Int, to block: inout [Double], width: Int,
                                         stop: () -> Bool) -> Bool {
        var t = [Double](repeating: 0, count: width)
        for c in stride(from: reflections.count - 1, through: 0, by: -1) {
            if stop() { return false }
            let v = reflections[c]
            guard !v.isEmpty else { continue }
            for q in 0..<width { t[q] = 0 }
            for r in 0..<v.count {
                let row = (c + 1 + r) * width
                for q in 0..<width { t[q] += v[r] * block[row + q] }
            }
            for r in 0..<v.count {
                let row = (c + 1 + r) * width, scale = 2 * v[r]
                for q in 0..<width { block[row + q] -= scale * t[q] }
            }
        }
        return true
    }

    @inline(__always) static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var acc = SIMD8<Double>()
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 8 <= n {
            acc += ra.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
                * rb.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
            i += 8
        }
        var sum = acc.sum()
        while i < n { sum += a[i] * b[i]; i += 1 }
        return sum
    }
}
