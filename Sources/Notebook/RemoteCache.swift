import Foundation

/// The policy around a `RemoteStore`: the remote is an optimization, so it
/// never fails a run. The first use probes it; a remote that does not answer,
/// or fails later, is dropped for the rest of the run with one warning, and
/// every entry is then computed or read locally as if there were no remote.
/// A remote that refuses writes (401, 403) is still read. Entries are
/// verified by the caller (`SealedEntry`) before anything trusts them.
public final class RemoteCache: @unchecked Sendable {
    // @unchecked: `state` is only touched while `lock` is held.
    public let store: any RemoteStore
    /// No `PUT` at all: for CI jobs on branches whose results must not be shared.
    public let readOnly: Bool
    private let warn: @Sendable (String) -> Void

    private struct State {
        var probed = false
        var down = false
        var writesRefused = false
        var warned = false
    }
    private let lock = NSLock()
    private var state = State()

    public init(store: any RemoteStore, readOnly: Bool = false, warn: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.readOnly = readOnly
        self.warn = warn
    }

    /// An entry sealed under `sealKey` is stored at `ac/` + the SHA-256 of
    /// that key: the server learns a hash, not what was computed.
    static func entryPath(sealKey: String) -> String {
        "ac/" + PageCache.sha256(Data(sealKey.utf8))
    }

    static func valuePath(digest: String) -> String { "cas/" + digest }

    /// The bytes at `path`, or nil: none there, or the remote is down.
    func get(_ path: String) -> [UInt8]? {
        guard usable() else { return nil }
        do { return try store.get(path) } catch {
            drop(because: error)
            return nil
        }
    }

    func put(_ path: String, _ bytes: [UInt8]) {
        guard !readOnly, usable(), !lock.withLock({ state.writesRefused }) else { return }
        do { try store.put(path, bytes) } catch {
            if error.isRefusal {
                lock.withLock { state.writesRefused = true }
                once("\(store.location) refused to store results (\(error)); reading from it only")
            } else {
                drop(because: error)
            }
        }
    }

    /// Probes once, holding the lock, so parallel lessons wait for one probe
    /// instead of each timing out on its own.
    private func usable() -> Bool {
        let failure: RemoteStoreError? = lock.withLock { () -> RemoteStoreError? in
            if state.down || state.probed { return nil }
            state.probed = true
            do throws(RemoteStoreError) { try store.probe() } catch {
                state.down = true
                return error
            }
            return nil
        }
        if let failure { once("cannot reach \(store.location) (\(failure)); working from the local cache only") }
        return !lock.withLock { state.down }
    }

    private func drop(because error: RemoteStoreError) {
        lock.withLock { state.down = true }
        once("\(store.location) failed (\(error)); working from the local cache only for the rest of this run")
    }

    private func once(_ message: String) {
        let first = lock.withLock {
            defer { state.warned = true }
            return !state.warned
        }
        if first { warn("warning: remote cache: " + message) }
    }
}
