/// One numeric axis: the range it spans and the nice ticks inside it.
///
/// The range is the data's extent plus a margin, as in matplotlib and
/// ggplot, so markers never sit on an axis line and the plot does not waste
/// space reaching out to the next round number. Ticks are the 1-2-5 values
/// that fall inside.
struct AxisScale {
    let low: Double
    let high: Double
    let ticks: [Double]

    enum Padding {
        /// Lines and dots: a small margin at both ends.
        case points
        /// Bars grow from zero, which stays on the axis; the far end gets
        /// room for a value label.
        case bars
    }

    /// `length` is the axis in pixels, `spacing` the least pixels between ticks.
    init(lower: Double, upper: Double, length: Double, spacing: Double, padding: Padding,
         name: String) throws(FigureError) {
        guard lower.isFinite, upper.isFinite, (upper - lower).isFinite else {
            throw FigureError("the \(name) values are too large to plot")
        }
        var (a, b) = (min(lower, upper), max(lower, upper))
        if b - a <= max(abs(a), abs(b)) * 1e-12 {  // one value: show a neighbourhood
            let pad = a == 0 ? 1 : abs(a) * 0.1
            (a, b) = (a - pad, b + pad)
        }
        let (startPad, endPad): (Double, Double)
        switch padding {
        case .points:
            (startPad, endPad) = (0.04, 0.04)
        case .bars:
            let room = min(0.3, 22 / max(length, 1))
            (startPad, endPad) = (a == 0 ? 0 : room, b == 0 ? 0 : room)
        }
        let span = (b - a) / (1 - startPad - endPad)
        let (lo, hi) = (a - startPad * span, b + endPad * span)
        (low, high) = (lo, hi)

        // NiceScale counts ticks out to round numbers beyond the range;
        // only those inside are drawn, so keep the finest step whose inside
        // ticks still fit. (Each larger count can only refine the step.)
        let wanted = max(3, Int(length / spacing) + 1)
        let slack = (hi - lo) * 1e-9
        var inside: [Double] = []
        for count in 2...(wanted + 4) {
            let candidate = NiceScale.ticks(lower: lo, upper: hi, maxCount: count)
                .filter { $0 >= lo - slack && $0 <= hi + slack }
            if candidate.count > wanted { break }
            if candidate.count >= 2 { inside = candidate }
        }
        guard inside.count >= 2 else { throw FigureError("the \(name) values are too large to plot") }
        ticks = inside
    }

    var step: Double { NiceScale.step(of: ticks) }

    /// Where `v` falls along the axis, 0 at `low` and 1 at `high`.
    func fraction(_ v: Double) -> Double { (v - low) / (high - low) }

    var labels: [String] { ticks.map { Decimals.typeset(NiceScale.label($0, step: step)) } }
}
