import Testing
@testable import Embedding
import Tensors

@Suite struct GridLayoutTests {
    @Test func everyCellHoldsAtMostOneImage() throws {
        for (n, size) in [(100, 10), (60, 10), (150, 10)] {
            let cells = try GridLayout.assign(Fixture.gaussian(n, 2, seed: UInt64(n)), size: size)
            let used = cells.compactMap { $0 }
            #expect(Set(used).count == used.count)
            #expect(used.count == min(n, size * size))
            #expect(used.allSatisfy { (0..<(size * size)).contains($0) })
        }
    }

    @Test func cornersGoToCornersWithLargerYOnTop() throws {
        let points = Tensor(shape: [4, 2], scalars: [0, 0, 1, 0, 0, 1, 1, 1])
        #expect(try GridLayout.assign(points, size: 2) == [2, 3, 0, 1])
    }

    @Test func aCrowdSpillsIntoTheNearestFreeCells() throws {
        // Five images on the middle of the left edge of a 3×3 grid, one on the right edge.
        let points = Tensor(shape: [6, 2], scalars: [0, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 1, 0.5])
        let cells = try GridLayout.assign(points, size: 3)
        // Image 0 (the lowest index) takes the middle-left cell 3; images 1 and 2
        // the cells above and below it (0 and 6), the next nearest; image 5 keeps its own.
        #expect(cells[0] == 3)
        #expect(Set([cells[1], cells[2]].compactMap { $0 }) == [0, 6])
        #expect(cells[5] == 5)
        #expect(Set(cells.compactMap { $0 }).count == 6)
    }

    /// The same cells as the plain algorithm: sort every (image, cell) pair
    /// by (distance, image, cell) and take each pair whose image and cell are both free.
    @Test func matchesTheGlobalGreedyDoneByBruteForce() throws {
        for (n, size, seed) in [(30, 5, UInt64(1)), (20, 6, 2), (36, 6, 3)] {
            let points = Fixture.gaussian(n, 2, seed: seed)
            let xs = (0..<n).map { Double(points.scalars[2 * $0]) }, ys = (0..<n).map { Double(points.scalars[2 * $0 + 1]) }
            let s = Double(size)
            func unit(_ v: Double, _ all: [Double]) -> Double { (v - all.min()!) / (all.max()! - all.min()!) }
            var pairs: [(Double, Int, Int)] = []
            for i in 0..<n {
                let gx = min(unit(xs[i], xs) * s, s.nextDown), gy = min((1 - unit(ys[i], ys)) * s, s.nextDown)
                for cell in 0..<(size * size) {
                    let dx = Double(cell % size) + 0.5 - gx, dy = Double(cell / size) + 0.5 - gy
                    pairs.append(((dx * dx + dy * dy).squareRoot(), i, cell))
                }
            }
            pairs.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
            var expected = [Int?](repeating: nil, count: n), used = Set<Int>()
            for (_, i, cell) in pairs where expected[i] == nil && !used.contains(cell) {
                expected[i] = cell
                used.insert(cell)
            }
            #expect(try GridLayout.assign(points, size: size) == expected)
        }
    }

    @Test func badArgumentsAreErrors() {
        #expect(throws: EmbeddingError.self) { try GridLayout.assign(Fixture.gaussian(4, 3), size: 2) }
        #expect(throws: EmbeddingError.self) { try GridLayout.assign(Fixture.gaussian(4, 2), size: 0) }
    }
}
