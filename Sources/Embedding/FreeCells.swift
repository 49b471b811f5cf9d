/// The free cells of a size×size grid, for "which free cell is nearest to
/// this point?" as cells are taken one by one.
///
/// A pyramid of counts: level 0 marks each cell, and each level above
/// counts the free cells in 2×2 blocks of the level below. A query is a
/// best-first walk down from the top, skipping full blocks, ordered by the
/// distance from the point to the nearest cell centre a block could hold,
/// so the first cell reached is the nearest free one (the lowest index
/// among equally near ones: a block is opened before a cell at the same
/// distance).
struct FreeCells {
    let size: Int
    private var counts: [[Int32]]
    private var sides: [Int]

    init(size: Int) {
        self.size = size
        counts = [[Int32](repeating: 1, count: size * size)]
        sides = [size]
        while let side = sides.last, side > 1 {
            let up = (side + 1) / 2, below = counts[counts.count - 1]
            var level = [Int32](repeating: 0, count: up * up)
            for y in 0..<side { for x in 0..<side { level[(y / 2) * up + x / 2] += below[y * side + x] } }
            counts.append(level)
            sides.append(up)
        }
    }

    var free: Int { Int(counts[counts.count - 1][0]) }

    func isFree(_ cell: Int) -> Bool { counts[0][cell] > 0 }

    mutating func take(_ cell: Int) {
        guard isFree(cell) else { return }
        var (x, y) = (cell % size, cell / size)
        for level in 0..<counts.count {
            counts[level][y * sides[level] + x] -= 1
            x /= 2
            y /= 2
        }
    }

    /// The nearest free cell's centre distance and index, or nil when none is free.
    func nearest(x: Double, y: Double) -> (Double, Int)? {
        var open = MinHeap<Block>()
        let top = counts.count - 1
        open.push(Block(bound: 0, level: top, index: 0))
        while let b = open.pop() {
            guard counts[b.level][b.index] > 0 else { continue }
            if b.level == 0 { return (b.bound, b.index) }
            let side = sides[b.level], below = sides[b.level - 1]
            let (bx, by) = (b.index % side, b.index / side)
            for cy in (2 * by)..<min(below, 2 * by + 2) {
                for cx in (2 * bx)..<min(below, 2 * bx + 2) where counts[b.level - 1][cy * below + cx] > 0 {
                    open.push(Block(bound: bound(x, y, level: b.level - 1, cx, cy), level: b.level - 1, index: cy * below + cx))
                }
            }
        }
        return nil
    }

    /// The distance from (x, y) to the nearest cell centre in block (bx, by) of `level`.
    private func bound(_ x: Double, _ y: Double, level: Int, _ bx: Int, _ by: Int) -> Double {
        let span = 1 << level
        let (x0, x1) = (Double(bx * span) + 0.5, Double(min(size, (bx + 1) * span)) - 0.5)
        let (y0, y1) = (Double(by * span) + 0.5, Double(min(size, (by + 1) * span)) - 0.5)
        let dx = max(0, x0 - x, x - x1), dy = max(0, y0 - y, y - y1)
        return (dx * dx + dy * dy).squareRoot()
    }

    /// Ordered by bound; at equal bounds blocks before cells, then by index.
    struct Block: Comparable {
        let bound: Double, level: Int, index: Int
        static func < (a: Block, b: Block) -> Bool {
            (a.bound, a.level == 0 ? 1 : 0, a.index) < (b.bound, b.level == 0 ? 1 : 0, b.index)
        }
    }
}
