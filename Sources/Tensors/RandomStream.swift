import Foundation

/// Seeded random numbers where the i-th value depends only on (seed, i).
///
/// The generator is counter-based: value i is a strong 64-bit mix
/// (SplitMix64's finalizer) of the seed's key plus i times the golden
/// ratio, i.e. SplitMix64 started at the key. Nothing is carried from one
/// value to the next, so a tensor can be filled in any order or on any
/// number of threads and come out the same bytes.
public struct RandomStream: Sendable {
    public let seed: UInt64
    /// The index of the next 64-bit value.
    public private(set) var counter: UInt64

    private let key: UInt64

    public init(seed: UInt64, counter: UInt64 = 0) {
        self.seed = seed
        self.counter = counter
        // Mixing the seed first keeps streams of neighbouring seeds (1, 2, 3...) unrelated.
        self.key = RandomStream.mix(seed ^ 0x6A09_E667_F3BC_C909)
    }

    /// The value at `index`, without touching the stream's position.
    public func value(at index: UInt64) -> UInt64 {
        RandomStream.mix(key &+ (index &+ 1) &* RandomStream.golden)
    }

    public mutating func nextUInt64() -> UInt64 {
        defer { counter &+= 1 }
        return value(at: counter)
    }

    /// Uniform in [0, 1): the top 24 bits, so every result is exactly a Float
    /// and 1 is never returned.
    public mutating func uniform() -> Float {
        RandomStream.unitFloat(nextUInt64())
    }

    /// Standard normal by Box–Muller from two consecutive values (the cosine
    /// branch only, so the stream needs no cached spare).
    public mutating func normal() -> Float {
        let u1 = nextUInt64(), u2 = nextUInt64()
        return RandomStream.boxMuller(u1, u2)
    }

    /// The i-th uniform value in [0, 1), as `uniform()` would give it at
    /// counter i; for loops that fill buffers out of order.
    public func uniform(at index: UInt64) -> Float {
        RandomStream.unitFloat(value(at: index))
    }

    /// The i-th standard normal, drawn from values 2i and 2i + 1 as
    /// `Tensor.normal` does.
    public func normal(at index: UInt64) -> Float {
        RandomStream.boxMuller(value(at: 2 &* index), value(at: 2 &* index &+ 1))
    }

    /// A child seed for a sub-computation (a layer, a call site), different
    /// for each (a, b) and for (b, a).
    public static func seed(combining a: UInt64, _ b: UInt64) -> UInt64 {
        mix(mix(a ^ 0xBB67_AE85_84CA_A73B) &+ b &* 0x3C6E_F372_FE94_F82B)
    }

    static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// SplitMix64's output function: every input bit reaches every output bit.
    @inline(__always) static func mix(_ z0: UInt64) -> UInt64 {
        var z = z0
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always) static func unitFloat(_ bits: UInt64) -> Float {
        Float(bits >> 40) * 0x1p-24
    }

    @inline(__always) static func boxMuller(_ a: UInt64, _ b: UInt64) -> Float {
        // u1 in (0, 1] so the logarithm is finite; 53 bits for a long tail.
        let u1 = Double((a >> 11) + 1) * 0x1p-53
        let u2 = Double(b >> 11) * 0x1p-53
        return Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2))
    }
}

extension Tensor {
    /// Element i is `RandomStream(seed: seed, counter: i).uniform()` scaled to [low, high).
    public static func uniform(shape: [Int], seed: UInt64, low: Float = 0, high: Float = 1) throws(TensorError) -> Tensor {
        guard low.isFinite, high.isFinite else {
            throw .invalidArgument("uniform needs finite bounds, got \(low) and \(high)")
        }
        let stream = RandomStream(seed: seed)
        let width = high - low
        return try make(shape) { out in
            for i in 0..<out.count {
                let v = low + width * RandomStream.unitFloat(stream.value(at: UInt64(i)))
                // Rounding can land on `high`; the interval stays half-open.
                out[i] = low < high && v >= high ? high.nextDown : v
            }
        }
    }

    /// Element i is the i-th `normal()` of `RandomStream(seed:)`, times std, plus mean.
    public static func normal(shape: [Int], seed: UInt64, mean: Float = 0, std: Float = 1) throws(TensorError) -> Tensor {
        guard mean.isFinite, std.isFinite, std >= 0 else {
            throw .invalidArgument("normal needs a finite mean and a finite std ≥ 0, got mean \(mean) and std \(std)")
        }
        let stream = RandomStream(seed: seed)
        return try make(shape) { out in
            for i in 0..<out.count {
                let j = UInt64(2 * i)
                out[i] = mean + std * RandomStream.boxMuller(stream.value(at: j), stream.value(at: j + 1))
            }
        }
    }
}
