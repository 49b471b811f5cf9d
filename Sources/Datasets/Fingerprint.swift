import Crypto
import Tensors

/// The SHA-256 of content, for memo and page-cache keys: a key is all that
/// tells one cached result from another, so it must not be possible to make
/// two different inputs share one. A 64-bit hash can be steered to any value
/// by choosing a few input words; SHA-256 cannot.
///
/// Each chunk is preceded by its length, so ("ab", "c") and ("a", "bc")
/// differ. Buffers go to the hasher whole, so a 47 MB image file costs one
/// pass at the speed of the SHA-256 implementation.
public struct Fingerprint: Sendable {
    private var hasher = SHA256()

    public init() {}

    public mutating func combine(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { hasher.update(bufferPointer: $0) }
    }

    public mutating func combine(_ text: String) { combine(bytes: Array(text.utf8)) }

    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        combine(bytes.count)
        hasher.update(bufferPointer: bytes)
    }

    public mutating func combine(bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine(bytes: $0) }
    }

    /// The digest as 64 lowercase hex digits.
    public var hex: String {
        hasher.finalize().map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}

extension Fingerprint {
    /// A tensor's shape and the SHA-256 of its Float32 bytes, for cache keys.
    public static func of(_ t: Tensor) -> String {
        var hash = Fingerprint()
        hash.combine(t.rank)
        for d in t.shape { hash.combine(d) }
        t.scalars.withUnsafeBytes { hash.combine(bytes: $0) }
        return "\(t.shape)\(hash.hex)"
    }
}
