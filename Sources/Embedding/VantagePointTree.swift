import Foundation
import Tensors

/// Exact k-nearest-neighbour search (Yianilos's vantage-point tree).
///
/// Each node picks a vantage point and splits the rest of its points at the
/// median distance from it: the closer half inside, the farther outside.
/// A search skips a half when the triangle inequality says it cannot hold
/// anything closer than the k-th best so far. Neighbours are ordered by
/// (squared distance, index), so ties go to the lower index and the answer
/// is the exact k nearest whatever vantage points the seed picked: the seed
/// changes the work, never the result.
struct VantagePointTree: Sendable {
    struct Node: Sendable {
        /// The node's points are `order[start..<end]`; an inner node's vantage point is `order[start]`.
        var start: Int32, end: Int32
        /// Inner nodes: the median distance, and the halves (-1 for a leaf).
        var radius: Float
        var inside: Int32, outside: Int32
    }

    let rows: Rows
    private(set) var order: [Int32]
    private(set) var nodes: [Node] = []
    /// The points copied in `order`: a node's points, and so a leaf's, are
    /// contiguous in memory, which matters more than the pruning once the
    /// data outgrows the cache.
    private(set) var slots = Rows(count: 0, dim: 1, values: [])
    /// Leaves are scanned point by point: below this, pruning costs more than it saves.
    static let leafSize = 32

    init(_ rows: Rows, seed: UInt64) {
        self.rows = rows
        order = (0..<rows.count).map { Int32($0) }
        var random = RandomStream(seed: seed)
        var keys = [(Float, Int32)]()
        _ = build(0, rows.count, &random, &keys)
        var copied = [Float](repeating: 0, count: rows.count * rows.dim)
        for (slot, i) in order.enumerated() {
            let source = rows.row(Int(i))
            for d in 0..<rows.dim { copied[slot * rows.dim + d] = source[d] }
        }
        slots = Rows(count: rows.count, dim: rows.dim, values: copied)
    }

    private mutating func build(_ start: Int, _ end: Int, _ random: inout RandomStream, _ keys: inout [(Float, Int32)]) -> Int32 {
        let id = nodes.count
        nodes.append(Node(start: Int32(start), end: Int32(end), radius: 0, inside: -1, outside: -1))
        guard end - start > Self.leafSize else { return Int32(id) }
        let pick = start + Int(random.nextUInt64() % UInt64(end - start))
        order.swapAt(start, pick)
        let vantage = Int(order[start])
        keys.removeAll(keepingCapacity: true)
        for i in (start + 1)..<end {
            keys.append((rows.squaredDistance(vantage, Int(order[i])), order[i]))
        }
        let median = keys.count / 2
        Selection.select(&keys, median)
        for (i, key) in keys.enumerated() { order[start + 1 + i] = key.1 }
        let radius = keys[median].0.squareRoot()
        let inside = build(start + 1, start + 1 + median, &random, &keys)
        let outside = build(start + 1 + median, end, &random, &keys)
        nodes[id].radius = radius
        nodes[id].inside = inside
        nodes[id].outside = outside
        return Int32(id)
    }

    /// The k nearest points to `query` (a pointer to `rows.dim` floats),
    /// nearest first, leaving out the point `excluding` (a query that is
    /// itself one of the points).
    func nearest(to query: UnsafePointer<Float>, k: Int, excluding: Int = -1, into heap: inout NeighborHeap) {
        heap.reset(capacity: k)
        guard k > 0 else { return }
        search(0, query, excluding, &heap)
        heap.sortAscending()
    }

    private func search(_ id: Int, _ query: UnsafePointer<Float>, _ excluding: Int, _ heap: inout NeighborHeap) {
        let node = nodes[id]
        if node.inside < 0 {
            for slot in Int(node.start)..<Int(node.end) {
                let p = Int(order[slot])
                if p != excluding { heap.offer(Rows.squaredDistance(query, slots.row(slot), rows.dim), Int32(p)) }
            }
            return
        }
        let vantage = Int(order[Int(node.start)])
        let d2 = Rows.squaredDistance(query, slots.row(Int(node.start)), rows.dim)
        if vantage != excluding { heap.offer(d2, Int32(vantage)) }
        let d = d2.squareRoot()
        if d < node.radius {
            search(Int(node.inside), query, excluding, &heap)
            if node.radius - d <= margin(heap, d, node.radius) { search(Int(node.outside), query, excluding, &heap) }
        } else {
            search(Int(node.outside), query, excluding, &heap)
            if d - node.radius <= margin(heap, d, node.radius) { search(Int(node.inside), query, excluding, &heap) }
        }
    }

    /// How far past the median a half can still hold a neighbour: the k-th
    /// best distance, plus a sliver for Float rounding in the distances, so
    /// that rounding never prunes a true neighbour (or a tie with a lower index).
    @inline(__always) private func margin(_ heap: NeighborHeap, _ d: Float, _ radius: Float) -> Float {
        guard heap.isFull else { return .infinity }
        return heap.worst.squareRoot() + 1e-4 * (d + radius)
    }
}
