import CLAPACK

/// The module's only door to LAPACK (through LAPACKE, on OpenBLAS's LAPACK):
/// eigenvalues of a general matrix and orthogonal matrices from QR. Both
/// work in Double: eigenvalues of a non-symmetric matrix are sensitive to
/// rounding, and a lesson compares their moduli with 1.
public enum LAPACK {
    /// `lapack_int` is a C macro, which Swift does not import; Debian's
    /// LAPACKE is built with 32-bit integers (no ILP64).
    typealias LAPACKInt = Int32

    /// The largest matrix side these accept: dgeev is O(n³) and keeps n²
    /// Doubles, so past this a call is a typo, not an experiment.
    public static let maxSide = 4096

    /// Eigenvalues of a square real matrix (dgeev, no eigenvectors), sorted
    /// by decreasing modulus; ties (a complex pair, or ±λ) by decreasing
    /// real part, then decreasing imaginary part, so the order is fixed.
    public static func eigenvalues(_ m: Tensor) throws(TensorError) -> (real: [Double], imag: [Double]) {
        _ = BLAS.ThreadState.shared // OpenBLAS on one thread: see BLAS.threads
        let n = try squareSide(m, what: "eigenvalues")
        guard n > 0 else { return ([], []) }
        var a = m.scalars.map(Double.init)
        var wr = [Double](repeating: 0, count: n), wi = wr
        // No eigenvectors are asked for; LAPACKE still wants somewhere to point.
        var unusedLeft = 0.0, unusedRight = 0.0
        let info = LAPACKE_dgeev(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), Int8(UInt8(ascii: "N")), LAPACKInt(n),
                                 &a, LAPACKInt(n), &wr, &wi, &unusedLeft, 1, &unusedRight, 1)
        guard info == 0 else {
            throw .invalidArgument(info > 0 ? "the eigenvalue iteration did not converge for this matrix"
                                            : "LAPACK rejected argument \(-info) of dgeev")
        }
        let order = (0..<n).sorted { i, j in
            let (ai, aj) = (modulus(wr[i], wi[i]), modulus(wr[j], wi[j]))
            if ai != aj { return ai > aj }
            if wr[i] != wr[j] { return wr[i] > wr[j] }
            return wi[i] > wi[j]
        }
        return (order.map { wr[$0] }, order.map { wi[$0] })
    }

    static func modulus(_ re: Double, _ im: Double) -> Double { (re * re + im * im).squareRoot() }

    /// A random n×n orthogonal matrix, uniform over the orthogonal group
    /// (Haar): Q of the QR decomposition of a matrix of independent standard
    /// normals, each column multiplied by the sign of R's diagonal entry.
    /// Without that fix Q depends on LAPACK's sign convention and is not
    /// uniform (Mezzadri 2007).
    public static func orthogonal(_ n: Int, seed: UInt64) throws(TensorError) -> Tensor {
        _ = BLAS.ThreadState.shared // OpenBLAS on one thread: see BLAS.threads
        guard n >= 1, n <= maxSide else {
            throw .invalidArgument("the size must be from 1 to \(maxSide), got \(n)")
        }
        let stream = RandomStream(seed: seed)
        var a = (0..<(n * n)).map { Double(stream.normal(at: UInt64($0))) }
        var tau = [Double](repeating: 0, count: n)
        let side = LAPACKInt(n)
        var info = LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, side, side, &a, side, &tau)
        guard info == 0 else { throw .invalidArgument("LAPACK's QR (dgeqrf) failed with code \(info)") }
        // R's diagonal is overwritten by dorgqr, so its signs are read first.
        let signs = (0..<n).map { a[$0 * n + $0] < 0 ? -1.0 : 1.0 }
        info = LAPACKE_dorgqr(LAPACK_ROW_MAJOR, side, side, side, &a, side, &tau)
        guard info == 0 else { throw .invalidArgument("LAPACK's QR (dorgqr) failed with code \(info)") }
        var q = [Float](repeating: 0, count: n * n)
        for r in 0..<n { for c in 0..<n { q[r * n + c] = Float(a[r * n + c] * signs[c]) } }
        return Tensor(shape: [n, n], scalars: q)
    }

    /// mᵗ by repeated squaring: about 2·log₂ t GEMMs instead of t. t = 0
    /// gives the identity.
    public static func power(_ m: Tensor, _ t: Int) throws(TensorError) -> Tensor {
        let n = try squareSide(m, what: "a matrix power")
        guard t >= 0 else { throw .invalidArgument("the power must be a whole number ≥ 0, got \(t)") }
        var result = [Float](repeating: 0, count: n * n)
        for i in 0..<n { result[i * n + i] = 1 }
        var base = m.scalars, exponent = t
        var scratch = [Float](repeating: 0, count: n * n)
        func multiply(_ x: [Float], _ y: [Float]) -> [Float] {
            x.withUnsafeBufferPointer { a in
                y.withUnsafeBufferPointer { b in
                    scratch.withUnsafeMutableBufferPointer { c in
                        BLAS.sgemm(m: n, n: n, k: n, a: a.baseAddress!, lda: n, b: b.baseAddress!, ldb: n,
                                   c: c.baseAddress!, ldc: n)
                    }
                }
            }
            return scratch
        }
        while exponent > 0 {
            if exponent & 1 == 1 { result = multiply(result, base) }
            exponent >>= 1
            if exponent > 0 { base = multiply(base, base) }
        }
        return Tensor(shape: [n, n], scalars: result)
    }

    private static func squareSide(_ m: Tensor, what: String) throws(TensorError) -> Int {
        guard m.rank == 2, m.shape[0] == m.shape[1] else {
            throw .invalidShape(m.shape, "\(what) needs a square matrix (n, n)")
        }
        guard m.shape[0] <= maxSide else {
            throw .invalidArgument("\(what) takes matrices up to \(maxSide)×\(maxSide), got \(m.shape[0])×\(m.shape[0])")
        }
        return m.shape[0]
    }
}
