/// What went wrong while making a figure, in words a lesson author can act on.
///
/// Figures never trap on bad input: a wrong shape, a mismatched label list or
/// an absurd size becomes one of these, and the plot types draw the same
/// message as a placeholder when asked for SVG anyway.
public struct FigureError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
