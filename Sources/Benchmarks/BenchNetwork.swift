import NeuralNet

/// The benchmarks' networks are fixed strings, so failing to build one is a
/// bug in Lectern, not the user's input; it still arrives as a `BenchError`
/// with the description in it rather than a crash.
enum BenchNetwork {
    static func build(_ text: String, seed: UInt64 = 1) throws(BenchError) -> (Network, NetworkSummary) {
        do {
            let description = try NetworkDescription.parse(text)
            return (Network(description, seed: seed), try description.summary())
        } catch {
            throw BenchError("cannot build the benchmark network '\(text)': \(error.message)")
        }
    }

    static func timeLayers(_ network: Network, batch: Int, repeats: Int) throws(BenchError) -> [LayerTiming] {
        do { return try network.timeLayers(batch: batch, repeats: max(1, repeats)) } catch {
            throw BenchError("cannot time the layers of '\(network.description.source)' at batch \(batch): \(error)")
        }
    }
}
