import NeuralNet
import Tensors

/// How a layer's units behave over a set of inputs, for the lecture's "good
/// training: hidden units are sparse across samples and across features",
/// and its failure modes (dead units, units that all do the same thing).
///
/// A unit is a channel of a convolution-shaped layer (seen at every
/// position) or one output of a vector layer; it is active where its value
/// is above 0, so the statistics read the same before or after a ReLU.
///
/// - `dead`: the share of units active nowhere, on no sample.
/// - `sparsity`: the share of all activation values (every sample, unit and
///   position) that are not active; after a ReLU, the share of zeros. Every
///   unit has the same number of positions, so it is also the mean over
///   units and samples of the inactive share of a unit's positions.
/// - `correlation`: the mean absolute Pearson correlation between units'
///   responses across samples, a channel's response to a sample being its
///   mean over positions; dead and other constant units are left out of
///   the pairs (see `PairwiseCorrelation`).
public struct UnitStats: Sendable, Equatable {
    public let units: Int
    public let samples: Int
    public let dead: Double
    public let sparsity: Double
    public let correlation: Double

    /// The statistics of layer `layer` (an index; -1 is the input) over
    /// `images` (N × the network's input shape), run a chunk at a time.
    public init(network: Network, images: Tensor, layer: Int, checkpoint: (() throws -> Void)? = nil) throws {
        let scan = try LayerScan(network: network, layer: layer)
        let n = try scan.count(images)
        guard n > 0 else { throw NetworkError("unit statistics need at least one image, and the dataset has none") }
        let (units, positions) = (scan.units, scan.positions)
        var active = [Bool](repeating: false, count: units)
        var inactive = 0
        // Transposed, (units, samples): each unit's responses are one row.
        var responses = [Float](repeating: 0, count: units * n)
        try active.withUnsafeMutableBufferPointer { active in
            try responses.withUnsafeMutableBufferPointer { responses in
                try scan.run(images, checkpoint: checkpoint) { first, size, out in
                    for e in 0..<size {
                        for u in 0..<units {
                            let base = (e * units + u) * positions
                            let row = UnsafeBufferPointer(rebasing: out[base..<(base + positions)])
                            var sum: Float = 0, off = 0
                            for v in row {
                                sum += v
                                off += v > 0 ? 0 : 1
                            }
                            if off < positions { active[u] = true }
                            inactive += off
                            responses[u * n + first + e] = sum / Float(positions)
                        }
                    }
                }
            }
        }
        self.units = units
        samples = n
        dead = units == 0 ? 0 : Double(active.filter { !$0 }.count) / Double(units)
        let values = n * units * positions
        sparsity = values == 0 ? 0 : Double(inactive) / Double(values)
        correlation = responses.withUnsafeBufferPointer { PairwiseCorrelation.meanAbsolute($0, rows: units, length: n) }
    }
}
