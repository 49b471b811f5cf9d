import Tensors

/// Linear algebra for the recurrent-network lesson (LESSON-FORMAT 9.5): how
/// a recurrent weight matrix's eigenvalues decide whether its powers, and
/// with them the gradients through time, vanish or explode.
enum LinearAlgebraBuiltins {
    static let all: [Builtin] = [eigvals, matpow, orthogonal]

    static let eigvals = Builtin("eigvals(m: tensor)",
                                 "eigenvalues of a square matrix, largest modulus first: .real, .imag, .abs") { args, _ in
        let m = try args.tensor("m")
        let values: (real: [Double], imag: [Double])
        do { values = try LAPACK.eigenvalues(m) } catch { throw LabError("eigvals: \(error)", at: args.location("m")) }
        func vector(_ v: [Double]) -> Value { .tensor(Tensor(v.map { Float($0) })) }
        let moduli = zip(values.real, values.imag).map { ($0 * $0 + $1 * $1).squareRoot() }
        return .record(Record([("real", vector(values.real)), ("imag", vector(values.imag)), ("abs", vector(moduli))]))
    }

    /// Powers past this are no experiment (a float overflows long before).
    static let maxPower = 1 << 20

    static let matpow = Builtin("matpow(m: tensor, t: int)",
                                "m to the power t (a whole number ≥ 0) by repeated squaring; t = 0 gives the identity") { args, _ in
        let m = try args.tensor("m")
        let t = try args.int("t")
        guard t >= 0 else { throw LabError("matpow: the power t must be 0 or more, got \(t)", at: args.location("t")) }
        guard t <= maxPower else {
            throw LabError("matpow: the power t may be at most \(maxPower), got \(t)", at: args.location("t"))
        }
        do { return .tensor(try LAPACK.power(m, t)) } catch { throw LabError("matpow: \(error)", at: args.location("m")) }
    }

    static let orthogonal = Builtin("orthogonal(n: int, seed = seed)",
                                    "a random n×n orthogonal matrix, uniform over rotations and reflections (QR of a Gaussian matrix)") { args, context in
        let n = try args.int("n")
        let seed = try args.seed(context)
        guard n >= 1, n <= LAPACK.maxSide else {
            throw LabError("orthogonal: n must be from 1 to \(LAPACK.maxSide), got \(n)", at: args.location("n"))
        }
        do { return .tensor(try LAPACK.orthogonal(n, seed: seed)) } catch {
            throw LabError("orthogonal: \(error)", at: args.location("n"))
        }
    }
}
