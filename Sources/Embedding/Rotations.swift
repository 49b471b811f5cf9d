/// The Givens rotations of a QL run, in order. Rotation (i, c, s) took
/// columns i, i+1 of the eigenvector matrix Z to (c zᵢ − s zᵢ₊₁, s zᵢ + c zᵢ₊₁).
struct Rotations {
    private var index: [Int32] = []
    private var cosines: [Double] = []
    private var sines: [Double] = []

    mutating func record(_ i: Int, _ c: Double, _ s: Double) {
        index.append(Int32(i))
        cosines.append(c)
        sines.append(s)
    }

    /// Z's columns for the block's unit vectors: each rotation, last first,
    /// applied as a matrix (rows i, i+1 of the block).
    func replay(on block: inout [Double], width: Int) {
        block.withUnsafeMutableBufferPointer { b in
            for t in stride(from: index.count - 1, through: 0, by: -1) {
                let i = Int(index[t]), c = cosines[t], s = sines[t]
                let upper = i * width, lower = upper + width
                for q in 0..<width {
                    let u = b[upper + q], l = b[lower + q]
                    b[upper + q] = c * u + s * l
                    b[lower + q] = c * l - s * u
                }
            }
        }
    }
}
