import Foundation
import NeuralNet
import Tensors

/// Two numbers for the lecture's diagnosis of a convolution's filters: good
/// training gives filters with structure (smooth, low `roughness`) that are
/// unlike one another (low `correlation`); noisy or look-alike filters are
/// the symptoms of training gone wrong.
///
/// `correlation`: the mean absolute Pearson correlation between pairs of
/// distinct filters, each flattened over (channels, k, k); constant filters
/// are left out of the pairs (see `PairwiseCorrelation`).
///
/// `roughness`: the share of the filters' energy above half the Nyquist
/// frequency. Each k×k slice (one filter, one input channel) is taken to
/// frequencies with the orthonormal 2-D DCT-II, which keeps energy
/// (Σ C(u,v)² = Σ w²); index u stands for u / 2k cycles a pixel, so the
/// Nyquist frequency (½) is index k. A slice's high-frequency energy is
/// Σ C(u,v)² over u > k/2 or v > k/2, and roughness is that summed over
/// all slices, divided by all slices' energy (0 when every weight is 0).
/// For 3×3 filters the low block is u, v ≤ 1: a constant, a linear ramp
/// (an edge detector) and the saddle xy score 0, a [1 2 1]⊗[1 2 1] blob
/// 0.21, white noise 5/9 ≈ 0.56 on average, a ±1 checkerboard 80/81.
/// (The DCT rather than the DFT because a 3×3 DFT has no frequency above
/// the lowest to speak of, and the DCT's basis is the grid's own smooth
/// modes, without the DFT's wrap-around edge.)
public struct FilterStats: Sendable, Equatable {
    public let correlation: Double
    public let roughness: Double
    /// How many filters were compared.
    public let filters: Int

    /// `weights` is (filters, channels, k, k), as `Network.weights` gives a convolution's.
    public init(weights: Tensor) throws(NetworkError) {
        guard weights.rank == 4, weights.shape[2] == weights.shape[3] else {
            throw NetworkError("filters must be (filters, channels, k, k), got \(Tensor.describe(weights.shape))")
        }
        let (f, c, k) = (weights.shape[0], weights.shape[1], weights.shape[2])
        filters = f
        // A diverged network's weights: no number would be honest.
        guard weights.scalars.allSatisfy(\.isFinite) else {
            (correlation, roughness) = (.nan, .nan)
            return
        }
        correlation = weights.scalars.withUnsafeBufferPointer {
            PairwiseCorrelation.meanAbsolute($0, rows: f, length: c * k * k)
        }
        roughness = FilterStats.roughness(weights.scalars, slices: f * c, k: k)
    }

    /// The statistics of the convolution called `layer`.
    public init(network: Network, layer name: String) throws(NetworkError) {
        let index = try network.layerIndex(name)
        guard index >= 0, case .conv = network.description.layers[index].kind else {
            let convs = network.description.layers.filter { if case .conv = $0.kind { true } else { false } }.map(\.name)
            throw NetworkError("'\(name)' is not a convolution; filter statistics need a CONV layer"
                               + (convs.isEmpty ? " and this network has none" : " (\(convs.joined(separator: ", ")))"))
        }
        try self.init(weights: try network.weights(layer: name).w)
    }

    static func roughness(_ w: [Float], slices: Int, k: Int) -> Double {
        let d = dct(k)
        var high = 0.0, total = 0.0
        var rows = [Double](repeating: 0, count: k * k)
        for s in 0..<slices {
            let a = s * k * k
            // rows = D · A (transform the columns), then each coefficient
            // C(u, v) = Σ_n rows[u][n] · D[v][n] (transform the rows).
            for u in 0..<k {
                for n in 0..<k {
                    var acc = 0.0
                    for m in 0..<k { acc += d[u * k + m] * Double(w[a + m * k + n]) }
                    rows[u * k + n] = acc
                }
            }
            for u in 0..<k {
                for v in 0..<k {
                    var coefficient = 0.0
                    for n in 0..<k { coefficient += rows[u * k + n] * d[v * k + n] }
                    let energy = coefficient * coefficient
                    total += energy
                    if 2 * u > k || 2 * v > k { high += energy }
                }
            }
        }
        guard total > 0 else { return 0 }
        return min(1, high / total)
    }

    /// The orthonormal DCT-II matrix: D[u][n] = α_u cos(π (2n + 1) u / 2k),
    /// α_0 = √(1/k), α_u = √(2/k).
    static func dct(_ k: Int) -> [Double] {
        var d = [Double](repeating: 0, count: k * k)
        for u in 0..<k {
            let alpha = (u == 0 ? 1.0 : 2.0) / Double(k)
            for n in 0..<k {
                d[u * k + n] = alpha.squareRoot() * cos(Double.pi * Double((2 * n + 1) * u) / Double(2 * k))
            }
        }
        return d
    }
}
