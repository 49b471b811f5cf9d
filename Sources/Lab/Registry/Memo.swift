/// Memoizing expensive built-ins (DESIGN.md: content-hash keys in
/// `.lectern-cache/`). The evaluator derives the key from the declaration
/// and the bound arguments (`MemoKey`); the result is stored through
/// `ResultCodec`, the one verified format.
extension Session {
    func memoized(_ b: Builtin, _ args: inout Arguments, _ context: CallContext) throws -> Value {
        let stored: Bool
        switch b.memo {
        case .none: return try b.body(&args, context)
        case .identity: stored = false
        case .result: stored = true
        }
        // Only now: hashing the arguments (tensors by their bytes) is for
        // built-ins whose results are keyed, not for every `mean(x)`.
        let key = MemoKey.key(b, args)
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
}
