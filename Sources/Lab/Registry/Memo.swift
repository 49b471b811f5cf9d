/// Memoizing expensive built-ins (DESIGN.md: content-hash keys in
/// `.lectern-cache/`). The evaluator derives the key from the declaration
/// and the bound arguments (`MemoKey`); the result is stored through
/// `ResultCodec`, the one verified format.
extension Session {
    func memoized(_ b: Builtin, _ args: inout Arguments, _ context: CallContext) throws -> Value {
        let key = MemoKey.key(b, args)
        let stored: Bool
        switch b.memo {
        case .none: return try b.body(&args, context)
        case .identity: stored = false
        case .result: stored = true
        }
        func compute(_ args: inout Arguments) throws -> Value {
            if stored, let bytes = cache?.load(key: key), let value = ResultCodec.decode(bytes, key: key) { return value }
            var value = try b.body(&args, context)
            // A model is known by how it was made, so whatever is computed from
            // it is keyed by this call.
            if case let .object(m as ModelValue) = value { value = .object(m.named(key)) }
            if stored, let bytes = ResultCodec.encode(value) { cache?.store(key: key, bytes: bytes) }
            return value
        }
        guard stored, let cache else { return try compute(&args) }
        var bound = args
        return try cache.exclusive(key: key) { try compute(&bound) }
    }

    /// `compute`'s result, or the cached one for `key`: for results that are
    /// a part of a built-in's work (a unit's maxima shared by several calls).
    /// An entry that does not decode (truncated, corrupt, forged, an older
    /// format) is recomputed and replaced, never trusted: so `decode` must be
    /// one of the checksummed codecs (`RecordCodec`, `ModelFile`).
    public func memoized<T>(_ key: String, encode: (T) -> [UInt8], decode: ([UInt8]) -> T?,
                            compute: () throws -> T) throws -> T {
        if let bytes = cache?.load(key: key), let value = decode(bytes) { return value }
        let value = try compute()
        cache?.store(key: key, bytes: encode(value))
        return value
    }
}
