/// A fast 64-bit hash of content, for cache keys and fingerprints: stable
/// across runs and machines (unlike Swift's seeded `Hasher`), not
/// cryptographic.
///
/// FNV-1a's xor-then-multiply, taken a 64-bit little-endian word at a time
/// so a 47 MB image file hashes in milliseconds; the multiplier is the
/// golden-ratio constant and each step rotates, so high input bits reach the
/// low bits of the state (plain word-wise FNV would let them cancel). Each
/// chunk is preceded by its length, so ("ab", "c") and ("a", "bc") differ.
public struct ContentHash: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ word: UInt64) {
        state = ((state ^ word) &* 0x9e37_79b9_7f4a_7c15)
        state = state << 31 | state >> 33
    }

    public mutating func combine(_ value: Int) { combine(UInt64(bitPattern: Int64(value))) }

    public mutating func combine(_ text: String) { combine(bytes: Array(text.utf8)) }

    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        combine(bytes.count)
        let words = bytes.count / 8
        for i in 0..<words {
            combine(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)))
        }
        var tail: UInt64 = 0
        for (k, i) in (words * 8..<bytes.count).enumerated() { tail |= UInt64(bytes[i]) << (8 * k) }
        if bytes.count % 8 != 0 { combine(tail) }
    }

    public mutating func combine(bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine(bytes: $0) }
    }

    /// The hash, with splitmix64's finaliser so every input bit moves every output bit.
    public var value: UInt64 {
        var h = state
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }

    /// `value` as 16 lowercase hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
