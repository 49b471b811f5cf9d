import Tensors

/// Values in order: `sort`, `argsort` and `topk`, along the last axis by
/// default (as NumPy sorts), along `axis=`, or over the flattened tensor
/// with `axis=none`. Every order is stable: equal values keep the order
/// they had, so ties go to the lower index. NaN counts as larger than every
/// number (as `max` lets a NaN win): last in ascending order, first in
/// descending order and in `topk`.
enum SortingBuiltins {
    static let all: [Builtin] = [sort, argsort, topk]

    static let sort = Builtin("sort(x: tensor, axis: int = -1, descending: bool = false)",
                              "the values in ascending order along the last axis (or axis=; axis=none sorts the flattened "
                              + "values); descending=true puts the largest first; stable, NaN counted as the largest") { args, _ in
        let t = try args.tensor("x")
        let lanes = try lanes(t, args)
        let descending = try args.bool("descending")
        return Coercion.value(lanes.map(t, width: lanes.n) { v in order(v, descending: descending).map { v[$0] } })
    }

    static let argsort = Builtin("argsort(x: tensor, axis: int = -1, descending: bool = false)",
                                 "the indices that sort x along the last axis (or axis=; axis=none gives flat indices); "
                                 + "stable, so equal values keep their order") { args, _ in
        let t = try args.tensor("x")
        let lanes = try lanes(t, args)
        let descending = try args.bool("descending")
        return Coercion.value(lanes.map(t, width: lanes.n) { v in order(v, descending: descending).map(Double.init) })
    }

    static let topk = Builtin("topk(x: tensor, k: int, axis: int = -1)",
                              "the k largest values along the last axis (or axis=; axis=none over all values, with flat "
                              + "indices), largest first: .values and .indices; ties go to the lower index, so a "
                              + "batch of class scores (N, C) gives each row's top k classes") { args, _ in
        let t = try args.tensor("x")
        let lanes = try lanes(t, args)
        let k = try args.int("k")
        guard k >= 1, k <= lanes.n else {
            let along = lanes.axis == nil ? "x has \(lanes.n) values" : "x has \(lanes.n) values along axis \(lanes.axis!)"
            throw LabError("topk: 'k' must be from 1 to \(lanes.n) (\(along)), got \(k)", at: args.location("k"))
        }
        var picked: [[Int]] = []
        let indices = lanes.map(t, width: k) { v in
            let best = Array(order(v, descending: true).prefix(k))
            picked.append(best)
            return best.map(Double.init)
        }
        var lane = 0
        let values = lanes.map(t, width: k) { v in
            defer { lane += 1 }
            return picked[lane].map { v[$0] }
        }
        return .record(Record([("values", .tensor(values)), ("indices", .tensor(indices))]))
    }

    /// The lanes of `x` along `axis=`, with the shape errors a sort can meet.
    static func lanes(_ t: Tensor, _ args: Arguments) throws -> AxisLanes {
        let axis = try AxisLanes.axis(args)
        if axis != nil, t.rank == 0 {
            throw LabError("\(args.builtin): 'x' is a single number; give a list or tensor (or axis=none)", at: args.location("x"))
        }
        return try AxisLanes(t, axis: axis, args)
    }

    /// The positions of `v` in sorted order, ties by position: NaN above
    /// every number, and NaNs among themselves by position.
    static func order(_ v: [Double], descending: Bool) -> [Int] {
        v.indices.sorted { i, j in
            let a = v[i], b = v[j]
            if a.isNaN || b.isNaN {
                if a.isNaN && b.isNaN { return i < j }
                return descending ? a.isNaN : b.isNaN
            }
            if a == b { return i < j }
            return descending ? a > b : a < b
        }
    }
}
