/// Element-wise operations with NumPy broadcasting.
///
/// Shapes are aligned at the right; each pair of axes must be equal or one
/// of them 1, and a missing axis counts as 1.
extension Tensor {
    public static func broadcastShape(_ a: [Int], _ b: [Int]) throws(TensorError) -> [Int] {
        try broadcastShape(a, b, op: "broadcast")
    }

    /// The shape two operands broadcast to; `op` names the operation in the error.
    static func broadcastShape(_ a: [Int], _ b: [Int], op: String) throws(TensorError) -> [Int] {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                out[i] = da
            } else if da == 1 {
                out[i] = db
            } else {
                throw .shapeMismatch(op: op, a, b)
            }
        }
        _ = try checkedCount(out)
        return out
    }

    /// Strides that read `shape` as if it had `target`'s shape: 0 along broadcast axes.
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(for: shape)
        let pad = target.count - shape.count
        return (0..<target.count).map { i in
            i < pad || shape[i - pad] == 1 ? 0 : own[i - pad]
        }
    }

    public static func elementwise(_ a: Tensor, _ b: Tensor, _ op: BinaryOp) throws(TensorError) -> Tensor {
        // One specialized loop per operation: the closure is inlined into `combine`.
        switch op {
        case .add: try combine(a, b, op) { $0 + $1 }
        case .sub: try combine(a, b, op) { $0 - $1 }
        case .mul: try combine(a, b, op) { $0 * $1 }
        case .div: try combine(a, b, op) { $0 / $1 }
        case .pow: try combine(a, b, op) { BinaryOp.power($0, $1) }
        case .mod: try combine(a, b, op) { BinaryOp.floorMod($0, $1) }
        case .eq: try combine(a, b, op) { $0 == $1 ? 1 : 0 }
        case .ne: try combine(a, b, op) { $0 != $1 ? 1 : 0 }
        case .lt: try combine(a, b, op) { $0 < $1 ? 1 : 0 }
        case .le: try combine(a, b, op) { $0 <= $1 ? 1 : 0 }
        case .gt: try combine(a, b, op) { $0 > $1 ? 1 : 0 }
        case .ge: try combine(a, b, op) { $0 >= $1 ? 1 : 0 }
        case .minimum: try combine(a, b, op) { BinaryOp.smaller($0, $1) }
        case .maximum: try combine(a, b, op) { BinaryOp.larger($0, $1) }
        }
    }

    public func map(_ f: (Float) -> Float) -> Tensor { mapped(f) }

    @inline(__always) func mapped(_ f: (Float) -> Float) -> Tensor {
        let values = [Float](unsafeUninitializedCapacity: count) { out, initialized in
            scalars.withUnsafeBufferPointer { x in
                for i in 0..<x.count { out[i] = f(x[i]) }
            }
            initialized = count
        }
        return Tensor(shape: shape, scalars: values)
    }

    @inline(__always)
    static func combine(
        _ a: Tensor, _ b: Tensor, _ op: BinaryOp, _ f: (Float, Float) -> Float
    ) throws(TensorError) -> Tensor {
        let shape = a.shape == b.shape ? a.shape : try broadcastShape(a.shape, b.shape, op: op.symbol)
        return try make(shape) { out in
            a.scalars.withUnsafeBufferPointer { x in
                b.scalars.withUnsafeBufferPointer { y in
                    if a.shape == b.shape {
                        for i in 0..<out.count { out[i] = f(x[i], y[i]) }
                    } else if b.count == 1 {
                        let s = y[0]
                        for i in 0..<out.count { out[i] = f(x[i], s) }
                    } else if a.count == 1 {
                        let s = x[0]
                        for i in 0..<out.count { out[i] = f(s, y[i]) }
                    } else if !out.isEmpty {
                        broadcastLoop(BroadcastPlan(shape: shape, a: a.shape, b: b.shape), x, y, out, f)
                    }
                }
            }
        }
    }

    /// Walks the plan's outer axes with an odometer and its innermost axis in a
    /// tight loop; `out` is written in row-major order. Inlined so `f` is too:
    /// an indirect call per element would cost more than the arithmetic.
    @inline(__always)
    static func broadcastLoop(
        _ plan: BroadcastPlan, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>,
        _ out: UnsafeMutableBufferPointer<Float>, _ f: (Float, Float) -> Float
    ) {
        let sizes = plan.sizes, aStrides = plan.aStrides, bStrides = plan.bStrides
        guard let px = x.baseAddress, let py = y.baseAddress, let po = out.baseAddress else { return }
        guard let inner = sizes.last else { po.pointee = f(px.pointee, py.pointee); return }
        let ia = aStrides[sizes.count - 1], ib = bStrides[sizes.count - 1]
        let outer = sizes.count - 1
        var index = [Int](repeating: 0, count: outer)
        var offA = 0, offB = 0, o = 0
        while o < out.count {
            // Pointers, not `out[o + i]`: overflow-checked index arithmetic stops vectorization.
            let a = px + offA, b = py + offB, c = po + o
            if ia == 1 && ib == 1 {
                for i in 0..<inner { c[i] = f(a[i], b[i]) }
            } else if ia == 1 && ib == 0 {
                let s = b.pointee
                for i in 0..<inner { c[i] = f(a[i], s) }
            } else if ia == 0 && ib == 1 {
                let s = a.pointee
                for i in 0..<inner { c[i] = f(s, b[i]) }
            } else {
                for i in 0..<inner { c[i] = f(a[i &* ia], b[i &* ib]) }
            }
            o += inner
            var d = outer - 1
            while d >= 0 {
                index[d] += 1
                offA += aStrides[d]
                offB += bStrides[d]
                if index[d] < sizes[d] { break }
                offA -= aStrides[d] * sizes[d]
                offB -= bStrides[d] * sizes[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}

/// The axes of a broadcast with size-1 axes dropped and neighbours merged
/// wherever both operands walk them contiguously, so `(N,C,H,W) + (1,C,1,1)`
/// becomes three axes `(N, C, H·W)` whose innermost one is a tight loop.
struct BroadcastPlan {
    var sizes: [Int] = []
    var aStrides: [Int] = []
    var bStrides: [Int] = []

    init(shape: [Int], a: [Int], b: [Int]) {
        let sa = Tensor.broadcastStrides(a, to: shape)
        let sb = Tensor.broadcastStrides(b, to: shape)
        for i in shape.indices where shape[i] != 1 {
            if let last = sizes.indices.last,
               aStrides[last] == sa[i] * shape[i], bStrides[last] == sb[i] * shape[i] {
                sizes[last] *= shape[i]
                aStrides[last] = sa[i]
                bStrides[last] = sb[i]
            } else {
                sizes.append(shape[i]); aStrides.append(sa[i]); bStrides.append(sb[i])
            }
        }
    }
}
