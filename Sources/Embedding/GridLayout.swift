import Foundation
import Tensors

/// Karpathy's t-SNE grid: each image goes to a cell of a size×size grid
/// near its 2-D position, and no cell holds two.
///
/// The points are stretched to fill the grid (each axis min-max scaled,
/// larger y towards the top, as in a scatter plot). Cells are then handed
/// out greedily by distance, globally: of all (image, free cell) pairs, the
/// closest (image position to cell centre) is taken first, ties to the
/// lower image index, then the lower cell. So an image never loses its cell
/// to one farther from it, and when there are more images than cells, the
/// ones left out are those farthest from any free cell.
///
/// No image is compared with every cell: a heap holds each image's nearest
/// free cell when it was last asked (a lower bound, since cells are only
/// ever taken), `FreeCells` answers the asking, and an image is asked again
/// only when the cell it wanted went to another.
public enum GridLayout {
    /// The cell (row-major, row 0 at the top) of each point, or nil for an image left out.
    public static func assign(_ points: Tensor, size: Int) throws(EmbeddingError) -> [Int?] {
        let rows = try Rows(points, what: "points")
        guard rows.dim == 2 else { throw EmbeddingError("points must be N×2 (2-D positions), got \(rows.dim) values a point") }
        guard size >= 1, size <= 1000 else { throw EmbeddingError("size must be between 1 and 1000, got \(size)") }
        let n = rows.count
        var lo = [Double](repeating: .infinity, count: 2), hi = [Double](repeating: -.infinity, count: 2)
        for i in 0..<n {
            for a in 0..<2 {
                lo[a] = min(lo[a], Double(rows.row(i)[a]))
                hi[a] = max(hi[a], Double(rows.row(i)[a]))
            }
        }
        let s = Double(size)
        func unit(_ v: Double, _ a: Int) -> Double { hi[a] > lo[a] ? (v - lo[a]) / (hi[a] - lo[a]) : 0.5 }
        var positions: [(x: Double, y: Double)] = []
        for i in 0..<n {
            positions.append((min(unit(Double(rows.row(i)[0]), 0) * s, s.nextDown),
                              min((1 - unit(Double(rows.row(i)[1]), 1)) * s, s.nextDown)))
        }
        var cells = FreeCells(size: size)
        var heap = MinHeap<Candidate>()
        for (i, p) in positions.enumerated() {
            if let (d, cell) = cells.nearest(x: p.x, y: p.y) { heap.push(Candidate(distance: d, image: i, cell: cell)) }
        }
        var cellOf = [Int?](repeating: nil, count: n)
        while cells.free > 0, let c = heap.pop() {
            if cells.isFree(c.cell) {
                cells.take(c.cell)
                cellOf[c.image] = c.cell
            } else if let (d, cell) = cells.nearest(x: positions[c.image].x, y: positions[c.image].y) {
                heap.push(Candidate(distance: d, image: c.image, cell: cell))
            }
        }
        return cellOf
    }

    struct Candidate: Comparable {
        let distance: Double, image: Int, cell: Int
        static func < (a: Candidate, b: Candidate) -> Bool {
            (a.distance, a.image, a.cell) < (b.distance, b.image, b.cell)
        }
    }
}
