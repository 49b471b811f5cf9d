import Tensors

/// The 64-bit content hash memo keys used to use, written out to show why
/// it had to go: each step is invertible, so the last word of an input can
/// be solved for to give any image the hash of any other.
enum OldContentHash {
    static let multiplier: UInt64 = 0x9e37_79b9_7f4a_7c15
    static let start: UInt64 = 0xcbf2_9ce4_8422_2325

    static func step(_ s: UInt64, _ w: UInt64) -> UInt64 {
        let t = (s ^ w) &* multiplier
        return t << 31 | t >> 33
    }

    /// The word that takes state `s` to state `t`.
    static func solve(from s: UInt64, to t: UInt64) -> UInt64 {
        // The multiplier's inverse mod 2^64, by Newton's iteration.
        var inverse = multiplier
        for _ in 0..<6 { inverse = inverse &* (2 &- multiplier &* inverse) }
        return s ^ ((t >> 31 | t << 33) &* inverse)
    }

    static func words(_ t: Tensor) -> [UInt64] {
        stride(from: 0, to: t.count, by: 2).map { UInt64(t.scalars[$0].bitPattern) | UInt64(t.scalars[$0 + 1].bitPattern) << 32 }
    }

    /// The state after the byte count of a whole 8×8 image and `words` of it.
    static func state(_ words: [UInt64]) -> UInt64 {
        words.reduce(step(start, 256)) { step($0, $1) }
    }

    static func hex(_ t: Tensor) -> String {
        var h = state(words(t))
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return String(h ^ (h >> 31), radix: 16)
    }

    /// A black 8×8 image and a gray one with the same hash: the gray one's
    /// last two pixels are solved for, trying values of the two before them
    /// until the solved pixels are in [0, 1] too.
    static func collidingImages() -> (Tensor, Tensor) {
        let zero = Tensor(shape: [1, 8, 8], scalars: [Float](repeating: 0, count: 64))
        let target = state(words(zero))
        var pixels = [Float](repeating: 0.5, count: 64)
        for k in 1... {
            pixels[60] = Float(k % 1000) / 1000
            pixels[61] = Float(k / 1000) / 1000
            let before = state(Array(words(Tensor(shape: [1, 8, 8], scalars: pixels)).prefix(31)))
            let w = solve(from: before, to: target)
            let (a, b) = (Float(bitPattern: UInt32(truncatingIfNeeded: w)), Float(bitPattern: UInt32(w >> 32)))
            if (0...1).contains(a), (0...1).contains(b) {
                pixels[62] = a
                pixels[63] = b
                return (zero, Tensor(shape: [1, 8, 8], scalars: pixels))
            }
        }
        fatalError("unreachable")
    }
}
