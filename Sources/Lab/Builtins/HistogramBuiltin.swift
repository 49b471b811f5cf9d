import Figures
import Tensors

/// `histogram(x, bins=10, range=none)`: the distribution of a tensor's
/// values (all of them, flattened), binned as NumPy's `histogram` bins them.
enum HistogramBuiltin {
    static let all: [Builtin] = [histogram]

    static let histogram = Builtin("histogram(x: tensor, bins = 10, range = none, density: bool = false, xlabel: string = none, ylabel: string = none, title: string = none, caption: string = none, alt: string = none, label: string = none)",
                                   "a histogram of all of x's values: bins= equal-width bins over range=[low, high] (by "
                                   + "default from the smallest value to the largest), or a list of edges; each bin holds "
                                   + "[left, right) and the last also its right edge; values outside the range and "
                                   + "non-finite values are left out; density=true scales the bars to unit area") { args, _ in
        let t = try args.tensor("x")
        // A whole training set's pixels may be binned: no copies of the values.
        var extent: (Double, Double)?
        for v in t.scalars where v.isFinite {
            let d = Double(v)
            extent = extent.map { (Swift.min($0.0, d), Swift.max($0.1, d)) } ?? (d, d)
        }
        let edges = try binEdges(args, extent)
        let counts = Histogram.counts(t.scalars.lazy.map(Double.init), edges: edges)
        let density = try args.bool("density")
        let total = counts.reduce(0, +)
        let heights = counts.enumerated().map { i, n in
            density ? (total == 0 ? 0 : Double(n) / (Double(total) * (edges[i + 1] - edges[i]))) : Double(n)
        }
        let chart = Histogram(edges: edges, heights: heights, title: try args.optionalString("title"),
                              xlabel: try args.optionalString("xlabel"),
                              ylabel: try args.optionalString("ylabel") ?? (density ? "density" : "count"))
        try args.run(at: nil) { try chart.validate() }
        var alt = "histogram of \(t.count) values in \(edges.count - 1) bins"
        if total < t.count { alt += ", \(t.count - total) outside the range or not finite" }
        return try FigureBuiltins.svgFigure(chart.svg(), args, alt: alt)
    }

    /// The bin edges: `bins=` equal-width bins over `range=` (or the data's
    /// extent, widened by 0.5 each way when every value is the same, as
    /// NumPy does), or `bins=` given as the edges themselves.
    static func binEdges(_ args: Arguments, _ extent: (Double, Double)?) throws -> [Double] {
        if case let .number(n)? = args.value("bins") {
            guard n == n.rounded(), n >= 1, n <= 10_000 else {
                throw LabError("histogram: 'bins' must be a whole number of bins from 1 to 10000, or a list of edges, got "
                               + ValueFormat.plain(n), at: args.location("bins"))
            }
            let (lo, hi) = try range(args, extent)
            let count = Int(n)
            return (0...count).map { i in i == count ? hi : lo + (hi - lo) * Double(i) / Double(count) }
        }
        if args.has("range") {
            throw LabError("histogram: range= goes with a number of bins; with bins= as a list of edges the edges "
                           + "set the range", at: args.location("range"))
        }
        guard let v = args.value("bins"), let t = try? Coercion.tensor(v, at: nil), t.rank == 1, t.count >= 2 else {
            throw args.fail("bins", "a number of bins, or a list of at least two increasing edges")
        }
        let edges = t.scalars.map(Double.init)
        guard edges.allSatisfy(\.isFinite), zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw LabError("histogram: the edges in 'bins' must be finite and increasing", at: args.location("bins"))
        }
        return edges
    }

    static func range(_ args: Arguments, _ extent: (Double, Double)?) throws -> (Double, Double) {
        if let v = args.value("range") {
            guard let t = try? Coercion.tensor(v, at: nil), t.rank == 1, t.count == 2 else {
                throw args.fail("range", "a list of two numbers [low, high]")
            }
            let (lo, hi) = (Double(t.scalars[0]), Double(t.scalars[1]))
            guard lo.isFinite, hi.isFinite, lo < hi else {
                throw LabError("histogram: 'range' must be [low, high] with low below high, got "
                               + "[\(ValueFormat.plain(lo)), \(ValueFormat.plain(hi))]", at: args.location("range"))
            }
            return (lo, hi)
        }
        guard let (lo, hi) = extent else {
            throw LabError("histogram: 'x' has no finite values to bin; give range=[low, high] for an empty histogram",
                           at: args.location("x"))
        }
        return lo == hi ? (lo - 0.5, hi + 0.5) : (lo, hi)
    }
}
