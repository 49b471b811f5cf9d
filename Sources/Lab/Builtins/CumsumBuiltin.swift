import Tensors

/// `cumsum(x, axis=none)`: running sums, as NumPy's: the flattened values
/// without `axis=`, each lane along it otherwise (same shape as x). Sums run
/// in Double, so the last of a long running sum equals `sum(x)`.
enum CumsumBuiltin {
    static let all: [Builtin] = [cumsum]

    static let cumsum = Builtin("cumsum(x: tensor, axis: int = none)",
                                "running sums: x[0], x[0] + x[1], ...; over the flattened values (a vector), or along "
                                + "axis= keeping x's shape") { args, _ in
        let t = try args.tensor("x")
        let axis = try args.axis()
        if axis != nil, t.rank == 0 {
            throw LabError("cumsum: 'x' is a single number; it has no axis \(axis!)", at: args.location("axis"))
        }
        let lanes = try AxisLanes(t, axis: axis, args)
        return .tensor(lanes.map(t, width: lanes.n) { v in
            var total = 0.0
            return v.map { total += $0; return total }
        })
    }
}
