import Foundation
import Tensors

/// How values spread: `var`, `std`, `median`, `percentile`, over all
/// values or along `axis=` (that axis removed), as `mean` reduces. Sums are
/// taken in Double, around the mean (two passes), so a million pixel values
/// give the variance their Float32 inputs allow. A NaN anywhere in a lane
/// makes that lane's answer NaN, as in NumPy.
enum SpreadBuiltins {
    static let all: [Builtin] = [variance, standardDeviation, median, percentile]

    static let variance = Builtin("var(x: tensor, axis: int = none, ddof: int = 0)",
                                  "variance: the mean squared deviation from the mean, over all values or along axis=; "
                                  + "ddof=1 divides by n - 1 (the sample variance)") { args, _ in
        try spread(args) { $0 }
    }

    static let standardDeviation = Builtin("std(x: tensor, axis: int = none, ddof: int = 0)",
                                           "standard deviation, the square root of var(x, axis, ddof): over all values or "
                                           + "along axis=; ddof=1 for the sample standard deviation") { args, _ in
        try spread(args) { $0.squareRoot() }
    }

    static let median = Builtin("median(x: tensor, axis: int = none)",
                                "the middle value over all values or along axis= (the mean of the two middle values "
                                + "when their number is even)") { args, _ in
        let (t, lanes) = try nonEmptyLanes(args)
        return Coercion.value(lanes.reduce(t) { v in
            if v.contains(where: \.isNaN) { return .nan }
            let s = v.sorted(), m = s.count / 2
            return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
        })
    }

    static let percentile = Builtin("percentile(x: tensor, q, axis: int = none)",
                                    "the q-th percentile (q from 0 to 100, or a list of them) over all values or along "
                                    + "axis=, interpolating linearly between the two nearest values as NumPy does by "
                                    + "default; a list of q gives one result per q, stacked first") { args, _ in
        let (t, lanes) = try nonEmptyLanes(args)
        let (qs, single) = try quantiles(args)
        let results = qs.map { q in
            lanes.reduce(t) { v in
                if v.contains(where: \.isNaN) { return .nan }
                return interpolated(v.sorted(), at: q / 100 * Double(v.count - 1))
            }
        }
        if single { return Coercion.value(results[0]) }
        return Coercion.value(try args.run(at: "q") { try Tensor.stack(results, axis: 0) })
    }

    static func spread(_ args: Arguments, _ finish: @escaping (Double) -> Double) throws -> Value {
        let (t, lanes) = try nonEmptyLanes(args)
        let ddof = try args.int("ddof", min: 0)
        guard lanes.n - ddof > 0 else {
            throw LabError("\(args.builtin): ddof=\(ddof) divides by n - ddof = \(lanes.n - ddof); it needs more than "
                           + "\(ddof) value\(ddof == 1 ? "" : "s")\(along(lanes)), got \(lanes.n)", at: args.location("ddof"))
        }
        return Coercion.value(lanes.reduce(t) { v in
            let mean = v.reduce(0, +) / Double(v.count)
            let squares = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return finish(squares / Double(v.count - ddof))
        })
    }

    static func along(_ lanes: AxisLanes) -> String {
        lanes.axis.map { " along axis \($0)" } ?? ""
    }

    /// `x` and its lanes along `axis=`; a statistic of no values is an error.
    static func nonEmptyLanes(_ args: Arguments) throws -> (Tensor, AxisLanes) {
        let t = try args.tensor("x")
        let lanes = try AxisLanes(t, axis: try args.axis(), args)
        if lanes.lanes > 0, lanes.n == 0 {
            throw LabError("\(args.builtin) of no values is undefined: 'x' has shape \(Tensor.describe(t.shape))\(along(lanes))",
                           at: args.location("x"))
        }
        return (t, lanes)
    }

    /// `q=`: one percentage or a list of them, each from 0 to 100.
    static func quantiles(_ args: Arguments) throws -> ([Double], single: Bool) {
        let qs: [Double], single: Bool
        switch args.value("q") {
        case let .number(q)?: (qs, single) = ([q], true)
        case let v?:
            guard let t = try? Coercion.tensor(v, at: nil), t.rank <= 1 else {
                throw args.fail("q", "a percentage from 0 to 100, or a list of them")
            }
            (qs, single) = (t.scalars.map(Double.init), t.rank == 0)
        case nil: throw args.fail("q", "a percentage from 0 to 100, or a list of them")
        }
        guard !qs.isEmpty else { throw args.fail("q", "a percentage from 0 to 100, or a non-empty list of them") }
        for q in qs where !(q >= 0 && q <= 100) {
            throw LabError("percentile: 'q' must be from 0 to 100 (a percentage), got \(ValueFormat.plain(q))", at: args.location("q"))
        }
        return (qs, single)
    }

    /// The value at fractional position `h` of sorted values, between the
    /// two nearest ones; written as NumPy's lerp so h on a whole number gives
    /// that value exactly, from either side.
    static func interpolated(_ s: [Double], at h: Double) -> Double {
        let below = Int(h.rounded(.down)), t = h - Double(below)
        guard below + 1 < s.count else { return s[s.count - 1] }
        let (a, b) = (s[below], s[below + 1])
        return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t)
    }
}
