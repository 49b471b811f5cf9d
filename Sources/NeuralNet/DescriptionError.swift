/// A problem in a network description, located at the 1-based column of the
/// token that caused it.
///
/// Columns count characters (what an editor shows) from the start of the
/// description text, so the caller that knows where the text sits in a
/// lesson can turn it into `file:line:column`.
public struct DescriptionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let column: Int
    public let message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}

/// Sizes that a description may ask for. Anything larger is almost surely a
/// typo, and refusing it up front keeps every later product of sizes inside
/// `Int` or turns it into a located error.
enum DescriptionLimits {
    /// Largest single number (a size, a kernel, a filter count, a repeat count).
    static let maxNumber = 1_000_000_000
    /// Deepest `[ ... ]` nesting; the parser recurses once per level.
    static let maxDepth = 64
    /// Most layers after expanding every group.
    static let maxLayers = 10_000
}

extension Int {
    /// `self * other`, or nil when it overflows: sizes come from user text.
    func multipliedOrNil(by other: Int) -> Int? {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? nil : product
    }

    /// `self + other`, or nil when it overflows.
    func addingOrNil(_ other: Int) -> Int? {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? nil : sum
    }
}
