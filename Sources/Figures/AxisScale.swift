import Foundation

/// One numeric axis: the range it spans and the nice ticks inside it.
///
/// The range is the data's extent plus a margin, as in matplotlib and
/// ggplot, so markers never sit on an axis line and the plot does not waste
/// space reaching out to the next round number; limits the author set are
/// kept exactly. Ticks are the 1-2-5 values that fall inside, whole numbers
/// only when the data are (epochs, counts), and powers of ten on a log scale.
struct AxisScale {
    let low: Double
    let high: Double
    let ticks: [Double]
    let isLog: Bool
    /// The author's names for the ticks, if any.
    private var names: [String]? = nil

    enum Padding {
        /// Lines and dots: a small margin at both ends.
        case points
        /// Bars grow from zero, which stays on the axis; the far end gets
        /// room for a value label.
        case bars
    }

    /// `length` is the axis in pixels, `spacing` the least pixels between
    /// ticks. `wholeNumbers`: every value on this axis is a whole number, so
    /// no tick falls between two (no epoch 1.5).
    init(lower: Double, upper: Double, length: Double, spacing: Double, padding: Padding,
         name: String, settings: AxisSettings = .automatic, wholeNumbers: Bool = false) throws(FigureError) {
        guard lower.isFinite, upper.isFinite, (upper - lower).isFinite else {
            throw FigureError("the \(name) values are too large to plot")
        }
        let wanted = max(3, Int(length / spacing) + 1)
        if let given = settings.ticks, !given.isEmpty {
            // The axis spans the data and every tick the author asked for.
            let order = given.indices.sorted { given[$0] < given[$1] }
            let sorted = order.map { given[$0] }
            let plain = AxisSettings(scale: settings.scale, limits: settings.limits)
            let span = try AxisScale(lower: min(lower, sorted[0]), upper: max(upper, sorted[sorted.count - 1]), length: length,
                                     spacing: spacing, padding: padding, name: name, settings: plain, wholeNumbers: wholeNumbers)
            (low, high, isLog) = (span.low, span.high, span.isLog)
            let (a, b) = (min(span.low, span.high), max(span.low, span.high))
            let slack = (b - a) * 1e-9
            let kept = order.filter { given[$0] >= a - slack && given[$0] <= b + slack }
            ticks = kept.map { given[$0] }
            names = settings.tickLabels.map { labels in kept.map { labels[$0] } }
            return
        }
        if settings.isLog {
            (low, high, ticks) = try AxisScale.logarithmic(lower: lower, upper: upper, limits: settings.limits, wanted: wanted, name: name)
            isLog = true
            return
        }
        isLog = false
        var (a, b) = (min(lower, upper), max(lower, upper))
        if let limits = settings.limits {
            (low, high) = (limits.lowerBound, limits.upperBound)
        } else {
            if b - a <= max(abs(a), abs(b)) * 1e-12 {  // one value: show a neighbourhood
                let pad = wholeNumbers ? 1 : (a == 0 ? 1 : abs(a) * 0.1)
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
            (low, high) = (a - startPad * span, b + endPad * span)
        }
        var inside = AxisScale.linearTicks(low, high, wanted: wanted, wholeNumbers: wholeNumbers)
        if inside.count < 2, wholeNumbers {  // limits narrower than two whole numbers
            inside = AxisScale.linearTicks(low, high, wanted: wanted, wholeNumbers: false)
        }
        guard inside.count >= 2 else { throw FigureError("the \(name) values are too large to plot") }
        ticks = inside
    }

    /// NiceScale counts ticks out to round numbers beyond the range; only
    /// those inside are drawn, so keep the finest step whose inside ticks
    /// still fit. (Each larger count can only refine the step.)
    private static func linearTicks(_ lo: Double, _ hi: Double, wanted: Int, wholeNumbers: Bool) -> [Double] {
        let slack = (hi - lo) * 1e-9
        var inside: [Double] = []
        for count in 2...(wanted + 4) {
            let all = NiceScale.ticks(lower: lo, upper: hi, maxCount: count)
            let candidate = all.filter { $0 >= lo - slack && $0 <= hi + slack }
            if candidate.count > wanted { break }
            if wholeNumbers, NiceScale.step(of: all) < 1 { break }
            if candidate.count >= 2 { inside = candidate }
        }
        return inside
    }

    /// A log axis: the extent with a margin in decades, widened to the
    /// enclosing powers of ten when fewer than two fall inside; ticks at
    /// powers of ten (every second, third, ... when there are too many).
    /// Fixed limits stay as given, with 2 and 5 times powers of ten as ticks
    /// when the limits hold fewer than two powers.
    private static func logarithmic(lower: Double, upper: Double, limits: ClosedRange<Double>?, wanted: Int,
                                    name: String) throws(FigureError) -> (Double, Double, [Double]) {
        var lo: Double, hi: Double
        if let limits {
            (lo, hi) = (log10(limits.lowerBound), log10(limits.upperBound))
        } else {
            guard lower > 0, upper > 0 else { throw FigureError("a log scale needs positive \(name) values") }
            var (a, b) = (log10(min(lower, upper)), log10(max(lower, upper)))
            if b - a < 1e-9 { (a, b) = (a - 0.5, b + 0.5) }
            let pad = 0.04 * (b - a) / 0.92
            (lo, hi) = (a - pad, b + pad)
        }
        guard lo.isFinite, hi.isFinite, hi - lo < 600 else { throw FigureError("the \(name) values are too large to plot") }
        // The powers of ten inside [lo, hi], as exponents.
        func decades() -> [Int] {
            let (first, last) = (Int((lo - 1e-9).rounded(.up)), Int((hi + 1e-9).rounded(.down)))
            return first <= last ? Array(first...last) : []
        }
        var powers = decades()
        if powers.count < 2, limits == nil {
            (lo, hi) = (min(lo, lo.rounded(.down)), max(hi, hi.rounded(.up)))
            if hi - lo < 1 { hi = lo + 1 }
            powers = decades()
        }
        var ticks: [Double]
        if powers.count >= 2 {
            let every = (powers.count + wanted - 1) / wanted
            let first = powers[0]
            ticks = powers.filter { ($0 - first) % every == 0 }.map { pow(10, Double($0)) }
            if ticks.count < 2 { ticks = [pow(10, Double(powers[0])), pow(10, Double(powers[powers.count - 1]))] }
        } else {
            let l: Double = pow(10, lo) * (1 - 1e-9), h: Double = pow(10, hi) * (1 + 1e-9)
            ticks = []
            for e in Int(lo.rounded(.down))...Int(hi.rounded(.up)) {
                let decade: Double = pow(10, Double(e))
                for m in [1.0, 2.0, 5.0] where m * decade >= l && m * decade <= h { ticks.append(m * decade) }
            }
            if ticks.count < 2 { ticks = [pow(10, lo), pow(10, hi)] }
        }
        return (pow(10, lo), pow(10, hi), ticks)
    }

    var step: Double { NiceScale.step(of: ticks) }

    /// Where `v` falls along the axis, 0 at `low` and 1 at `high`.
    func fraction(_ v: Double) -> Double {
        isLog ? (log10(v) - log10(low)) / (log10(high) - log10(low)) : (v - low) / (high - low)
    }

    var labels: [String] {
        if let names { return names }
        guard isLog else { return ticks.map { Decimals.typeset(NiceScale.label($0, step: step)) } }
        // 0.001 to 10000 read as written; beyond, every label is a power of ten.
        if ticks.allSatisfy({ $0 >= 1e-3 * (1 - 1e-9) && $0 <= 1e4 * (1 + 1e-9) }) {
            return ticks.map { Decimals.short($0) }
        }
        return ticks.map(AxisScale.power)
    }

    /// "10⁻³", "2×10⁵": a tick of a log axis far from 1.
    static func power(_ v: Double) -> String {
        var e = Int((log10(v) + 1e-9).rounded(.down))
        var mantissa = (v / pow(10, Double(e)) * 1000).rounded() / 1000
        if mantissa >= 10 { (e, mantissa) = (e + 1, mantissa / 10) }
        let superscripts: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
                                                    "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        let exponent = String(String(e).map { superscripts[$0] ?? $0 })
        return (mantissa == 1 ? "" : Decimals.short(mantissa) + "×") + "10" + exponent
    }
}
