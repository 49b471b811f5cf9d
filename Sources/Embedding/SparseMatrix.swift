/// A symmetric N×N matrix in compressed rows: row i's columns and values
/// are slots rowStart[i] ..< rowStart[i + 1], columns ascending.
struct SparseMatrix: Sendable {
    let count: Int
    let rowStart: Buffer<Int>
    let columns: Buffer<Int32>
    let values: Buffer<Double>
    /// The values rounded to Float, for the gradient's four-lane loop.
    let floatValues: Buffer<Float>

    /// The dense matrix's nonzero entries (for tests, and to run Barnes-Hut on exact P).
    init(dense p: Buffer<Double>, count n: Int) {
        var starts = [0], cols: [Int32] = [], vals: [Double] = []
        for i in 0..<n {
            for j in 0..<n where p[i * n + j] != 0 {
                cols.append(Int32(j))
                vals.append(p[i * n + j])
            }
            starts.append(cols.count)
        }
        self.init(count: n, rowStart: Buffer(starts), columns: Buffer(cols), values: Buffer(vals))
    }

    init(count: Int, rowStart: Buffer<Int>, columns: Buffer<Int32>, values: Buffer<Double>) {
        self.count = count
        self.rowStart = rowStart
        self.columns = columns
        self.values = values
        floatValues = Buffer(values.array.map { Float($0) })
    }
}
