/// What an author chose for one axis of a line or scatter plot: a linear or
/// logarithmic scale, and fixed limits instead of the data's extent.
public struct AxisSettings: Sendable, Equatable {
    public enum Scale: String, Sendable, CaseIterable {
        case linear, log
    }

    public var scale: Scale
    /// The axis spans exactly these values; data outside is not drawn.
    public var limits: ClosedRange<Double>?

    public init(scale: Scale = .linear, limits: ClosedRange<Double>? = nil) {
        self.scale = scale
        self.limits = limits
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
        guard isLog else { return }
        let bad = values.filter { $0.isFinite && $0 <= 0 }
        if let smallest = bad.min() {
            throw FigureError("\(name)scale=\"log\" needs positive \(name) values, but \(Plural.count(bad.count, "\(name) value")) "
                              + "\(bad.count == 1 ? "is" : "are") 0 or below (the smallest is \(Decimals.short(smallest)))")
        }
    }
}
