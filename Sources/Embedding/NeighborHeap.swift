/// The k best candidates so far, ordered by (squared distance, index): a
/// max-heap, so the worst is on top and a better candidate replaces it.
struct NeighborHeap: Sendable {
    private(set) var distances: [Float] = []
    private(set) var indices: [Int32] = []
    private(set) var capacity = 0

    init(capacity: Int = 0) { reset(capacity: capacity) }

    mutating func reset(capacity: Int) {
        self.capacity = capacity
        distances.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
    }

    var count: Int { distances.count }
    var isFull: Bool { distances.count >= capacity }
    /// The squared distance of the worst kept candidate.
    var worst: Float { distances.first ?? .infinity }

    @inline(__always) static func before(_ d1: Float, _ i1: Int32, _ d2: Float, _ i2: Int32) -> Bool {
        d1 < d2 || (d1 == d2 && i1 < i2)
    }

    mutating func offer(_ d: Float, _ i: Int32) {
        if distances.count < capacity {
            distances.append(d)
            indices.append(i)
            siftUp(distances.count - 1)
        } else if capacity > 0, Self.before(d, i, distances[0], indices[0]) {
            distances[0] = d
            indices[0] = i
            siftDown(0, distances.count)
        }
    }

    private mutating func siftUp(_ start: Int) {
        var c = start
        while c > 0 {
            let p = (c - 1) / 2
            guard Self.before(distances[p], indices[p], distances[c], indices[c]) else { return }
            distances.swapAt(p, c)
            indices.swapAt(p, c)
            c = p
        }
    }

    private mutating func siftDown(_ start: Int, _ end: Int) {
        var p = start
        while true {
            var largest = p
            let left = 2 * p + 1, right = left + 1
            if left < end, Self.before(distances[largest], indices[largest], distances[left], indices[left]) {
                largest = left
            }
            if right < end, Self.before(distances[largest], indices[largest], distances[right], indices[right]) {
                largest = right
            }
            guard largest != p else { return }
            distances.swapAt(p, largest)
            indices.swapAt(p, largest)
            p = largest
        }
    }

    /// Heap-sorts in place: afterwards the candidates run nearest first.
    mutating func sortAscending() {
        var end = distances.count
        while end > 1 {
            end -= 1
            distances.swapAt(0, end)
            indices.swapAt(0, end)
            siftDown(0, end)
        }
    }
}
