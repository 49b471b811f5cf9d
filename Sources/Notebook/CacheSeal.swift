import Crypto
import Foundation

/// The envelope of every file in `.lectern-cache/`: a checksum alone lets
/// anyone who can write the cache put a well-formed entry under any name,
/// for instance copy one image's result to another image's key. So each
/// entry carries the SHA-256 of the key it was stored under as well as of
/// its payload, and is read only under that key and only if both match.
///
/// Layout:
///     "LECTERNC"             8 bytes, magic
///     key digest             32 bytes, SHA-256 of the key text
///     payload digest         32 bytes, SHA-256 of the payload
///     payload                the rest
enum CacheSeal {
    static let magic = Array("LECTERNC".utf8)
    static let headerSize = magic.count + 2 * SHA256.byteCount

    static func digest(_ bytes: some DataProtocol) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    static func seal(_ payload: [UInt8], key: String) -> [UInt8] {
        magic + digest(Data(key.utf8)) + digest(payload) + payload
    }

    /// The payload, or nil unless `bytes` were sealed under `key` and are intact.
    static func open(_ bytes: [UInt8], key: String) -> [UInt8]? {
        guard bytes.count >= headerSize, bytes.starts(with: magic) else { return nil }
        let keyDigest = bytes[magic.count..<(magic.count + SHA256.byteCount)]
        let payloadDigest = bytes[(magic.count + SHA256.byteCount)..<headerSize]
        let payload = bytes[headerSize...]
        guard keyDigest.elementsEqual(digest(Data(key.utf8))), payloadDigest.elementsEqual(digest(payload)) else { return nil }
        return Array(payload)
    }
}
