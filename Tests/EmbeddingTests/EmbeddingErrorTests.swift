import Testing
@testable import Embedding

@Test func embeddingErrorKeepsItsMessage() {
    #expect(EmbeddingError("perplexity too large").message == "perplexity too large")
}
