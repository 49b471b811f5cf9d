/// Why an embedding or neighbour query cannot run, in words a lesson author can act on.
public struct EmbeddingError: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
