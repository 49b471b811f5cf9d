/// The Barnes-Hut quadtree over the 2-D embedding, rebuilt every iteration.
///
/// Points are sorted by their Morton code (16 bits an axis in the bounding
/// square), so every cell is a contiguous run of the sorted points and
/// nearby points sit next to each other in memory. The nodes are stored in
/// depth-first order, each with `skip`, the node after its subtree: a
/// traversal is one forward walk, descending by `+1` and pruning by
/// `skip`, with no stack. Points move little between iterations, so the
/// previous order is nearly sorted and the sort is close to linear.
struct QuadTree: Sendable {
    struct Node: Sendable {
        /// Centre of mass and number of points.
        var cx: Double, cy: Double, count: Double
        /// The cell's side, squared (the Barnes-Hut size).
        var side2: Double
        /// The node after this subtree; a leaf's points are sorted slots start..<end.
        var skip: Int32, start: Int32, end: Int32
        var leaf: Bool
    }

    static let leafSize = 32
    static let depthLimit = 16

    private(set) var nodes: [Node] = []
    /// The leaves' node indices, in order.
    private(set) var leaves: [Int32] = []
    /// Sorted slot → point index, and the sorted coordinates.
    private(set) var order: [Int32] = []
    private(set) var xs: [Double] = []
    private(set) var ys: [Double] = []
    private var keys: [UInt64] = []

    mutating func rebuild(x: UnsafePointer<Double>, y: UnsafePointer<Double>, count n: Int) {
        if order.count != n { order = (0..<n).map { Int32($0) } }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in 0..<n {
            minX = min(minX, x[i]); maxX = max(maxX, x[i])
            minY = min(minY, y[i]); maxY = max(maxY, y[i])
        }
        let side = max(maxX - minX, maxY - minY, 1e-12) * (1 + 1e-9)
        let scale = 65536 / side
        keys.removeAll(keepingCapacity: true)
        for i in order {
            let qx = UInt32(min(65535, (x[Int(i)] - minX) * scale))
            let qy = UInt32(min(65535, (y[Int(i)] - minY) * scale))
            keys.append(UInt64(Self.interleave(qx) | Self.interleave(qy) << 1) << 32 | UInt64(UInt32(i)))
        }
        keys.sort()
        xs.removeAll(keepingCapacity: true)
        ys.removeAll(keepingCapacity: true)
        for (s, key) in keys.enumerated() {
            let i = Int(key & 0xFFFF_FFFF)
            order[s] = Int32(i)
            xs.append(x[i])
            ys.append(y[i])
        }
        nodes.removeAll(keepingCapacity: true)
        leaves.removeAll(keepingCapacity: true)
        _ = build(0, n, depth: 0, side: side)
    }

    /// Builds the node for sorted slots start..<end at `depth`; returns its
    /// (Σx, Σy) so the parent's centre of mass comes from its children.
    private mutating func build(_ start: Int, _ end: Int, depth: Int, side: Double) -> (Double, Double) {
        let id = nodes.count
        nodes.append(Node(cx: 0, cy: 0, count: Double(end - start), side2: side * side, skip: 0,
                          start: Int32(start), end: Int32(end), leaf: false))
        var sx = 0.0, sy = 0.0
        if end - start <= Self.leafSize || depth == Self.depthLimit {
            for s in start..<end { sx += xs[s]; sy += ys[s] }
            nodes[id].leaf = true
            leaves.append(Int32(id))
        } else {
            let shift = UInt64(2 * (Self.depthLimit - 1 - depth) + 32)
            var lo = start
            for quadrant in 0..<UInt64(4) {
                var hi = lo
                // Runs are short near the leaves and long near the root: gallop, then bisect.
                var step = 1
                while hi + step <= end, (keys[hi + step - 1] >> shift) & 3 <= quadrant { hi += step; step *= 2 }
                var top = min(end, hi + step)
                while hi < top {
                    let mid = (hi + top) / 2
                    if (keys[mid] >> shift) & 3 <= quadrant { hi = mid + 1 } else { top = mid }
                }
                if hi > lo {
                    let (cx, cy) = build(lo, hi, depth: depth + 1, side: side / 2)
                    sx += cx
                    sy += cy
                }
                lo = hi
            }
        }
        nodes[id].cx = sx / nodes[id].count
        nodes[id].cy = sy / nodes[id].count
        nodes[id].skip = Int32(nodes.count)
        return (sx, sy)
    }

    /// Spreads the 16 bits of v to the even bits of the result.
    @inline(__always) static func interleave(_ v: UInt32) -> UInt32 {
        var x = v & 0xFFFF
        x = (x | x << 8) & 0x00FF_00FF
        x = (x | x << 4) & 0x0F0F_0F0F
        x = (x | x << 2) & 0x3333_3333
        x = (x | x << 1) & 0x5555_5555
        return x
    }
}
