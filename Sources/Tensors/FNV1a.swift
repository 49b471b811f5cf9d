/// A 64-bit FNV-1a hash: deterministic across processes (Swift's own
/// `hashValue` is seeded per run), for deriving seeds from names.
public enum FNV1a {
    public static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    public static func hash(_ text: String) -> UInt64 { hash(text.utf8) }

    /// Mixes several words into one seed (splitmix64's finaliser on each step).
    public static func mix(_ words: UInt64...) -> UInt64 {
        var h: UInt64 = 0x9e37_79b9_7f4a_7c15
        for w in words {
            h ^= w &+ 0x9e37_79b9_7f4a_7c15 &+ (h << 6) &+ (h >> 2)
            h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
            h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
            h ^= h >> 31
        }
        return h
    }
}
