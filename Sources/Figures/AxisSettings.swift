/// What an author chose for one axis of a line or scatter plot: a linear or
/// logarithmic scale, and fixed limits instead of the data's extent.
public struct AxisSettings: Sendable, Equatable {
    public enum Scale: String, Sendable, CaseIterable {
        case linear, log
    }

    public var scale: Scale
    /// The axis spans exactly these values; data outside is not drawn.
    public var limits: ClosedRange<Double>?
    /// Ticks where the author put them (angles at multiples of 90), in
    /// place of the automatic 1-2-5 ones; `tickLabels`, when given, names
    /// each (layers by name rather than by number).
    public var ticks: [Double]?
    public var tickLabels: [String]?

    public init(scale: Scale = .linear, limits: ClosedRange<Double>? = nil, ticks: [Double]? = nil, tickLabels: [String]? = nil) {
        self.scale = scale
        self.limits = limits
        self.ticks = ticks
        self.tickLabels = tickLabels
    }

    public static let automatic = AxisSettings()

    var isLog: Bool { scale == .log }

    /// The first problem with these settings for `values` on the axis named
    /// `name` ("x", "y"): limits that are not an increasing pair of finite
    /// numbers, and on a log scale limits or values that are not positive.
    public func check(_ values: [Double], name: String) throws(FigureError) {
        if let limits {
            guard limits.lowerBound.isFinite, limits.upperBound.isFinite, limits.lowerBound < limits.upperBound else {
                throw FigureError("\(name)lim must be two finite numbers, the lower first")
            }
            if isLog, limits.lowerBound <= 0 {
                throw FigureError("\(name)lim must be above 0 on a log scale (\(name)scale=\"log\"), got "
                                  + "\(Decimals.short(limits.lowerBound)) to \(Decimals.short(limits.upperBound))")
            }
        }
        if let ticks {
            guard !ticks.isEmpty, ticks.allSatisfy(\.isFinite) else { throw FigureError("\(name)ticks must be finite numbers") }
            if let tickLabels, tickLabels.count != ticks.count {
                throw FigureError("\(Plural.count(ticks.count, "\(name) tick")) but \(Plural.count(tickLabels.count, "tick label"))")
            }
            if isLog, ticks.contains(where: { $0 <= 0 }) { throw FigureError("\(name)ticks must be above 0 on a log scale") }
        }
        guard isLog else { return }
        let bad = values.filter { $0.isFinite && $0 <= 0 }
        if let smallest = bad.min() {
            throw FigureError("\(name)scale=\"log\" needs positive \(name) values, but \(Plural.count(bad.count, "\(name) value")) "
                              + "\(bad.count == 1 ? "is" : "are") 0 or below (the smallest is \(Decimals.short(smallest)))")
        }
    }
}
