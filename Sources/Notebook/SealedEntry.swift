import Foundation

/// Reads and writes one sealed cache entry on both levels: the local file
/// first; on a miss the remote, whose bytes are trusted only after they
/// open under the entry's key (the seal's two checksums) and decode (the
/// format), and are then copied into the local file. A write goes to the
/// local file, then to the remote.
enum SealedEntry {
    static func read<T>(_ url: URL, sealKey: String, remote: RemoteCache?,
                        decode: ([UInt8]) -> T?) -> (value: T, origin: CacheOrigin)? {
        if let data = FileManager.default.contents(atPath: url.path),
           let payload = CacheSeal.open([UInt8](data), key: sealKey), let value = decode(payload) {
            return (value, .local)
        }
        guard let remote, let bytes = remote.get(RemoteCache.entryPath(sealKey: sealKey)),
              let payload = CacheSeal.open(bytes, key: sealKey), let value = decode(payload) else { return nil }
        try? AtomicFile.write(bytes, to: url)
        return (value, .remote)
    }

    static func write(_ payload: [UInt8], to url: URL, sealKey: String, remote: RemoteCache?) {
        let sealed = CacheSeal.seal(payload, key: sealKey)
        try? AtomicFile.write(sealed, to: url)
        remote?.put(RemoteCache.entryPath(sealKey: sealKey), sealed)
    }
}
