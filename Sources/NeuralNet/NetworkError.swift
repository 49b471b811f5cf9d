/// A request a network cannot serve: a wrong input shape, an unknown
/// layer, weights of the wrong shape. The message is written for the
/// lesson's author.
public struct NetworkError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }

    /// A pass over many inputs gave up between chunks because its caller
    /// asked (`Interruption.stop`); the caller reports why.
    public static let stopped = NetworkError("stopped before finishing")
    public var description: String { message }
}
