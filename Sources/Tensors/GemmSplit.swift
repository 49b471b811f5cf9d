/// How `BLAS.sgemm` cuts a product into pieces: by its shape alone, never
/// by the number of threads, so that a product gives the same bits on any
/// machine and under any load (see `BLAS.threads`).
///
/// Small products stay whole. Larger ones are cut along the longer side of
/// C into at most `maxPieces` equal blocks of whole multiples of 64, none
/// under 256: enough pieces to keep a few cores busy, few enough that
/// repacking the other operand for each piece costs under a percent.
struct GemmSplit: Equatable {
    /// Below this many multiply-adds a product is not worth a thread.
    static let minimumWork = 1 << 22
    static let maxPieces = 8

    let m: Int, n: Int
    /// True when the rows of C are cut, false when its columns are.
    let alongRows: Bool
    let block: Int
    let pieces: Int

    init(m: Int, n: Int, k: Int) {
        self.m = m
        self.n = n
        alongRows = m >= n
        let side = alongRows ? m : n
        if m.multipliedReportingOverflow(by: n).partialValue.multipliedReportingOverflow(by: k).partialValue < GemmSplit.minimumWork
            || side < 512 {
            block = side
            pieces = 1
            return
        }
        let even = (side + GemmSplit.maxPieces - 1) / GemmSplit.maxPieces
        block = max(256, (even + 63) / 64 * 64)
        pieces = (side + block - 1) / block
    }

    /// The rows of C that piece `p` computes.
    func rows(_ p: Int) -> Range<Int> { alongRows ? cut(p, m) : 0..<m }

    /// The columns of C that piece `p` computes.
    func cols(_ p: Int) -> Range<Int> { alongRows ? 0..<n : cut(p, n) }

    private func cut(_ p: Int, _ side: Int) -> Range<Int> { (p * block)..<min(side, p * block + block) }
}
