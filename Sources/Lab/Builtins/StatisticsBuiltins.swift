import Tensors

/// Agreement between two sets of numbers, for claims that compare maps or
/// curves (the randomization sanity check compares saliency maps by rank).
enum StatisticsBuiltins {
    static let all: [Builtin] = [correlation, rankCorrelation]

    static let correlation = Builtin("correlation(a: tensor, b: tensor, each: bool = false)",
                                     "Pearson's r between the values of two tensors of the same size (flattened); "
                                     + "each=true gives one r per item along the first axis") { args, _ in
        try perItem(args, "correlation", pearson)
    }

    static let rankCorrelation = Builtin("rank_correlation(a: tensor, b: tensor, each: bool = false)",
                                         "Spearman's rank correlation between the values of two tensors of the same size "
                                         + "(flattened; tied values share their mean rank); each=true gives one per item "
                                         + "along the first axis") { args, _ in
        try perItem(args, "rank_correlation") { a, b in
            // NaN has no rank; the answer is NaN, as Pearson's would be.
            guard (a + b).allSatisfy({ !$0.isNaN }) else { return .nan }
            return pearson(ranks(a), ranks(b))
        }
    }

    /// One statistic over all values, or with `each=true` one per item of a
    /// stack (a saliency map per image), which a lesson would otherwise
    /// write as a comprehension that slices both stacks N times.
    static func perItem(_ args: Arguments, _ name: String, _ statistic: ([Double], [Double]) -> Double) throws -> Value {
        let a = try args.tensor("a"), b = try args.tensor("b")
        let each = try args.bool("each")
        if each {
            guard a.rank >= 2, a.shape == b.shape else {
                throw LabError("\(name): each=true needs two stacks of the same shape (N, ...); got \(Tensor.describe(a.shape)) "
                               + "and \(Tensor.describe(b.shape))", at: args.location("b"))
            }
        } else if a.count != b.count {
            throw LabError("\(name): a has \(a.count) values \(Tensor.describe(a.shape)) and b has \(b.count) "
                           + "\(Tensor.describe(b.shape)); they must have as many", at: args.location("b"))
        }
        let items = each ? a.shape[0] : 1
        let size = items == 0 ? 0 : a.count / items
        guard size >= 2 else {
            throw LabError("\(name): needs at least 2 values\(each ? " per item" : "") to correlate, got \(size)", at: args.location("a"))
        }
        let values = (0..<items).map { i in
            let range = (i * size)..<((i + 1) * size)
            return statistic(a.scalars[range].map(Double.init), b.scalars[range].map(Double.init))
        }
        return each ? .tensor(Tensor(values.map(Float.init))) : .number(values[0])
    }

    /// r of two equally long series; NaN when either is constant (r is undefined there, and a claim should say so).
    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in a.indices {
            let da = a[i] - ma, db = b[i] - mb
            sab += da * db; saa += da * da; sbb += db * db
        }
        guard saa > 0, sbb > 0 else { return .nan }
        return sab / (saa * sbb).squareRoot()
    }

    /// Ranks from 1, ties given the mean of the ranks they span, so a map
    /// with many exact zeros (guided backprop's) is ranked fairly.
    static func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        var result = [Double](repeating: 0, count: x.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && x[order[end + 1]] == x[order[start]] { end += 1 }
            let mean = Double(start + end) / 2 + 1
            for k in start...end { result[order[k]] = mean }
            start = end + 1
        }
        return result
    }
}
