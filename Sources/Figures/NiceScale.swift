import Foundation

/// Axis ticks at "nice" numbers: multiples of 1, 2 or 5 times a power of ten.
public enum NiceScale {
    /// Ascending, evenly spaced ticks whose first is at or below `lower` and
    /// whose last is at or above `upper`, so the axis can span exactly the
    /// ticks and every data point sits inside. At most `maxCount` ticks;
    /// 3 are always allowed, since a range across zero needs -s, 0, s.
    /// The bounds may come in either order.
    /// Equal bounds are widened around the value; non-finite bounds, or a
    /// span too large to represent, give no ticks. `maxCount` is capped at 1000.
    public static func ticks(lower: Double, upper: Double, maxCount: Int) -> [Double] {
        guard lower.isFinite, upper.isFinite else { return [] }
        var (lo, hi) = (min(lower, upper), max(lower, upper))
        // A span lost in rounding noise of the values counts as no span.
        if hi - lo <= max(abs(lo), abs(hi)) * 1e-12 {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            (lo, hi) = (lo - pad, hi + pad)
        }
        guard (hi - lo).isFinite else { return [] }
        // Spans in the subnormal range have no sensible decimal ticks.
        guard hi - lo > 1e-290 else { return [lo, hi] }
        let count = min(max(3, maxCount), 1000)
        let rough = (hi - lo) / Double(count - 1)
        var exponent = Int(floor(log10(rough)))
        // Try 1, 2, 5, 10, 20, ... times 10^exponent until the ticks fit.
        let mantissas = [1, 2, 5]
        var m = 0
        // Three ticks always fit once the step passes twice the largest
        // magnitude, so this ends within a few hundred tries.
        for _ in 0..<2000 {
            let step = Step(mantissa: mantissas[m], exponent: exponent)
            let first = (lo / step.value).rounded(.down)
            let last = (hi / step.value).rounded(.up)
            if last - first + 1 <= Double(count) {
                guard first.magnitude < 1e15, last.magnitude < 1e15 else { return [lo, hi] }
                return (Int(first)...Int(last)).map(step.multiple)
            }
            m += 1
            if m == mantissas.count { m = 0; exponent += 1 }
        }
        return [lo, hi]
    }

    /// The tick spacing of a tick list (0 when there are fewer than two ticks).
    public static func step(of ticks: [Double]) -> Double {
        ticks.count >= 2 ? ticks[1] - ticks[0] : 0
    }

    /// A tick label with just enough decimals for `step`: step 0.2 gives
    /// "0.4", step 5 gives "15", step 0.5 gives "0.0" for zero. Steps of
    /// 10^4 and up use SI suffixes as lessons write big numbers ("20k",
    /// "140M", "1.5G"); steps below 10^-4 and above 10^14 use scientific
    /// notation ("2.5e-7"). Always "." and "-", and zero never signed.
    public static func label(_ v: Double, step: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "inf" : "-inf") }
        let s = step.isFinite && step > 0 ? step : max(abs(v), 1)
        let stepExponent = Int(floor(log10(s) + 1e-9))
        // A tick at zero may carry rounding noise (1e-17); it reads as zero.
        let v = abs(v) < s * 1e-6 ? 0 : v
        switch stepExponent {
        case 4...14:
            if v == 0 { return "0" }
            let group = min(4, (stepExponent + 1) / 3)
            let digits = max(0, 3 * group - stepExponent)
            return Decimals.fixed(v / pow(10, Double(3 * group)), digits) + ["", "k", "M", "G", "T"][group]
        case ...(-5), 15...:
            if v == 0 { return "0" }
            var e = Int(floor(log10(abs(v))))
            var mantissa = Decimals.round(v / pow(10, Double(e)), max(0, e - stepExponent))
            if abs(mantissa) >= 10 {  // 9.99 rounded up to 10.0
                e += 1
                mantissa /= 10
            }
            return Decimals.trimmed(mantissa, max(0, e - stepExponent)) + "e" + String(e)
        default:
            return Decimals.fixed(v, max(0, -stepExponent))
        }
    }
}

/// A step of mantissa × 10^exponent, computed so that multiples are exact
/// decimal values (3 × 0.1 gives 0.3, not 0.30000000000000004).
private struct Step {
    let mantissa: Int
    let exponent: Int

    var value: Double { Double(mantissa) * pow(10, Double(exponent)) }

    func multiple(_ i: Int) -> Double {
        let n = Double(i * mantissa)
        return exponent >= 0 ? n * pow(10, Double(exponent)) : n / pow(10, Double(-exponent))
    }
}
