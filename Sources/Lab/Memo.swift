/// Memoizing expensive built-ins (DESIGN.md: content-hash keys in
/// `.lectern-cache/`). The key is the built-in's name and a canonical text
/// of everything its result depends on; the cache hashes it with the
/// engine's version.
extension Session {
    /// `compute`'s result, or the cached one for `key`. An entry that does not
    /// decode (truncated, corrupt, forged, an older format) is recomputed and
    /// replaced, never trusted: so `decode` must be one of the checksummed
    /// codecs (`RecordCodec`, `ModelFile`), never a format of its own.
    public func memoized<T>(_ key: String, encode: (T) -> [UInt8], decode: ([UInt8]) -> T?,
                            compute: () throws -> T) throws -> T {
        if let bytes = cache?.load(key: key), let value = decode(bytes) { return value }
        let value = try compute()
        cache?.store(key: key, bytes: encode(value))
        return value
    }
}
