/// A binary min-heap.
struct MinHeap<T: Comparable> {
    private var items: [T] = []


    mutating func push(_ item: T) {
        items.append(item)
        var c = items.count - 1
        while c > 0, items[c] < items[(c - 1) / 2] {
            items.swapAt(c, (c - 1) / 2)
            c = (c - 1) / 2
        }
    }

    mutating func pop() -> T? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var p = 0
            while true {
                let l = 2 * p + 1, r = l + 1
                var m = p
                if l < items.count, items[l] < items[m] { m = l }
                if r < items.count, items[r] < items[m] { m = r }
                if m == p { break }
                items.swapAt(p, m)
                p = m
            }
        }
        return top
    }
}
