/// Evenly spaced values. Positions are computed in Double from the start
/// (never by repeated addition), so the 1000th value is as exact as the first.
extension Tensor {
    /// start, start+step, ... up to but excluding stop (NumPy's `arange`).
    public static func arange(_ start: Double, _ stop: Double, _ step: Double = 1) throws(TensorError) -> Tensor {
        guard start.isFinite, stop.isFinite, step.isFinite else {
            throw .invalidArgument("arange needs finite start, stop and step, got \(start), \(stop), \(step)")
        }
        guard step != 0 else { throw .invalidArgument("arange step cannot be zero") }
        let length = ((stop - start) / step).rounded(.up)
        let n = try length <= 0 ? 0 : checkedLength(length)
        return try make([n]) { out in
            for i in 0..<n { out[i] = Float(start + Double(i) * step) }
        }
    }

    /// `count` values from start to stop, both included (NumPy's `linspace`).
    public static func linspace(_ start: Double, _ stop: Double, count: Int) throws(TensorError) -> Tensor {
        guard start.isFinite, stop.isFinite else {
            throw .invalidArgument("linspace needs finite start and stop, got \(start) and \(stop)")
        }
        guard count >= 0 else { throw .invalidArgument("linspace needs a count of at least 0, got \(count)") }
        let delta = count > 1 ? (stop - start) / Double(count - 1) : 0
        return try make([count]) { out in
            for i in 0..<count { out[i] = Float(start + Double(i) * delta) }
            if count > 1 { out[count - 1] = Float(stop) }  // exact end, whatever the rounding
        }
    }

    /// A Double length as an Int, or `.tooLarge` for lengths no Int can hold.
    private static func checkedLength(_ length: Double) throws(TensorError) -> Int {
        guard length <= Double(maxElements) else {
            throw .tooLarge([length < 9e18 ? Int(length) : Int.max])
        }
        return Int(length)
    }
}
