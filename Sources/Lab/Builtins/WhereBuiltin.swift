import Tensors

/// `where(cond, a, b)`: NumPy's element-wise choice. The three arguments
/// broadcast together as the arithmetic operators do, so a scalar `a` or `b`
/// fills every place and a (N, 1) condition picks whole rows.
enum WhereBuiltin {
    static let all: [Builtin] = [choose]

    static let choose = Builtin("where(cond, a, b)",
                                "a where cond is true (1) and b where it is false (0), element-wise; cond, a and b "
                                + "broadcast together like arithmetic, and cond is a comparison such as x > 0 "
                                + "(true/false or 0/1 values)") { args, _ in
        let cond = try operand(args, "cond"), a = try operand(args, "a"), b = try operand(args, "b")
        if let bad = cond.scalars.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw LabError("where: 'cond' must hold true/false or 0/1 values (a comparison such as x > 0), got "
                           + "\(ValueFormat.plain(Double(cond.scalars[bad])))" + (cond.count > 1 ? " at flat index \(bad)" : ""),
                           at: args.location("cond"))
        }
        let shape: [Int]
        do { shape = try Tensor.broadcastShape(try Tensor.broadcastShape(cond.shape, a.shape), b.shape) } catch {
            throw LabError("where: cond \(Tensor.describe(cond.shape)), a \(Tensor.describe(a.shape)) and b "
                           + "\(Tensor.describe(b.shape)) do not broadcast to one shape", at: args.callLocation)
        }
        let count = shape.reduce(1, *)  // broadcastShape has checked it against the size limit
        let (c, x, y) = (Broadcast(cond, to: shape), Broadcast(a, to: shape), Broadcast(b, to: shape))
        var out = [Float](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: shape.count)
        for o in 0..<count {
            out[o] = cond.scalars[c.offset(index)] != 0 ? a.scalars[x.offset(index)] : b.scalars[y.offset(index)]
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < shape[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        return Coercion.value(Tensor(shape: shape, scalars: out))
    }

    static func operand(_ args: Arguments, _ name: String) throws -> Tensor {
        guard let v = args.value(name), let t = try? Coercion.tensor(v, at: nil) else {
            throw args.fail(name, name == "cond" ? "true/false, or a tensor of 0/1 values" : "a number, a tensor or a list of numbers")
        }
        return t
    }

    /// Reads a tensor as if it had a larger shape: stride 0 along axes it broadcasts over.
    struct Broadcast {
        let strides: [Int]

        init(_ t: Tensor, to shape: [Int]) {
            let own = Tensor.strides(for: t.shape), pad = shape.count - t.rank
            strides = (0..<shape.count).map { i in i < pad || t.shape[i - pad] == 1 ? 0 : own[i - pad] }
        }

        @inline(__always) func offset(_ index: [Int]) -> Int {
            var o = 0
            for d in 0..<index.count { o += index[d] * strides[d] }
            return o
        }
    }
}
