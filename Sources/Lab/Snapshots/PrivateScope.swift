/// A worked solution's names are private (format 1.1, section 9.3): what
/// the solution binds is forgotten after it, and a name it rebinds means
/// again what it meant before, so the blocks after an exercise run the same
/// whether or not its solution is there. Lives beside the snapshots, outside
/// the engine fingerprint: it moves names, it computes nothing.
public struct PrivateScope {
    struct Saved {
        var value: Value?, stored: StoredValue?, missing: String?, version: String?
    }

    let saved: [String: Saved]
}

extension Session {
    /// Remembers how the names a block binds stand before it runs.
    public func openPrivateScope(block source: String, origin: SourceOrigin) -> PrivateScope {
        var saved: [String: PrivateScope.Saved] = [:]
        for name in Session.names(ofBlock: source, origin: origin).binds {
            saved[name] = .init(value: environment[name], stored: stored[name], missing: missing[name], version: versions[name])
        }
        return PrivateScope(saved: saved)
    }

    /// Puts every name the block bound back as it was; returns the names
    /// that only the block had bound, now unbound again.
    public func closePrivateScope(_ scope: PrivateScope) -> Set<String> {
        var hidden = Set<String>()
        for (name, s) in scope.saved {
            (environment[name], stored[name], missing[name], versions[name]) = (s.value, s.stored, s.missing, s.version)
            if s.value == nil && s.stored == nil && s.missing == nil { hidden.insert(name) }
        }
        return hidden
    }
}
