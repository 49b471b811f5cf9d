/// Quickselect on (value, index) keys, ordered by value and then index as
/// `NeighborHeap` orders them: after `select(&keys, m)`, keys[m] is the m-th
/// smallest, everything before it is smaller and everything after it
/// larger. The pivot is the median of three, so the result depends only on
/// the keys.
enum Selection {
    static func select<T: Comparable>(_ keys: inout [(T, Int32)], _ m: Int) {
        var lo = 0, hi = keys.count - 1
        guard m >= 0, m <= hi else { return }
        @inline(__always) func less(_ a: (T, Int32), _ b: (T, Int32)) -> Bool { a.0 < b.0 || (a.0 == b.0 && a.1 < b.1) }
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            if less(keys[mid], keys[lo]) { keys.swapAt(mid, lo) }
            if less(keys[hi], keys[lo]) { keys.swapAt(hi, lo) }
            if less(keys[hi], keys[mid]) { keys.swapAt(hi, mid) }
            let pivot = keys[mid]
            var i = lo, j = hi
            while i <= j {
                while less(keys[i], pivot) { i += 1 }
                while less(pivot, keys[j]) { j -= 1 }
                if i <= j {
                    keys.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if m <= j { hi = j } else if m >= i { lo = i } else { return }
        }
    }
}
