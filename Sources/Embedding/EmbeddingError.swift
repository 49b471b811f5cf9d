/// Why an embedding or neighbour query cannot run, in words a lesson author can act on.
public struct EmbeddingError: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }

    /// A long computation gave up because its caller's `stop` said so (a
    /// block's time ran out); the caller reports why.
    public static let stopped = EmbeddingError("stopped before finishing")
}
