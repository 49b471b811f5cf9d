/// The smallest interval holding every value added.
struct Extent {
    private(set) var lower = Double.infinity
    private(set) var upper = -Double.infinity

    var isEmpty: Bool { lower > upper }

    mutating func add(_ v: Double) {
        lower = min(lower, v)
        upper = max(upper, v)
    }
}
