import Tensors

/// Agreement between two sets of numbers, for claims that compare maps or
/// curves (the randomization sanity check compares saliency maps by rank).
enum StatisticsBuiltins {
    static let all: [Builtin] = [correlation, rankCorrelation]

    static let correlation = Builtin("correlation(a, b)",
                                     "Pearson's r between the values of two tensors of the same size (flattened)") { args, _ in
        let (a, b) = try pair(args, "correlation")
        return .number(pearson(a, b))
    }

    static let rankCorrelation = Builtin("rank_correlation(a, b)",
                                         "Spearman's rank correlation between the values of two tensors of the same size "
                                         + "(flattened; tied values share their mean rank)") { args, _ in
        let (a, b) = try pair(args, "rank_correlation")
        // NaN has no rank; the answer is NaN, as Pearson's would be.
        guard (a + b).allSatisfy({ !$0.isNaN }) else { return .number(.nan) }
        return .number(pearson(ranks(a), ranks(b)))
    }

    static func pair(_ args: Arguments, _ name: String) throws -> ([Double], [Double]) {
        let a = try args.tensor("a"), b = try args.tensor("b")
        guard a.count == b.count else {
            throw LabError("\(name): a has \(a.count) values \(a.shape) and b has \(b.count) \(b.shape); they must have as many",
                           at: args.location("b"))
        }
        guard a.count >= 2 else { throw LabError("\(name): needs at least 2 values, got \(a.count)", at: args.location("a")) }
        return (a.scalars.map(Double.init), b.scalars.map(Double.init))
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
