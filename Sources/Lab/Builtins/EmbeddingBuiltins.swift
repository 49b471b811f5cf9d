/// The representation-space built-ins (issue 5): t-SNE, PCA, neighbours, probes.
enum EmbeddingBuiltins {
    static let all: [Builtin] = []
}
