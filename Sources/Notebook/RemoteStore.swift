/// The second level of the cache: a content-addressed store reached over the
/// network, spoken to in the protocol of Bazel's HTTP cache (bazel-remote,
/// or nginx with WebDAV `PUT`):
///
///     GET/PUT <url>/ac/<sha256>    an entry, named by the SHA-256 of the key it is sealed under
///     GET/PUT <url>/cas/<sha256>   a value's bytes, named by their own SHA-256
///
/// Notebook sees only this protocol; the HTTP client lives in the command
/// line, as the preview server does, so nothing here opens a socket.
public protocol RemoteStore: Sendable {
    /// Where the store is, for messages: never with credentials in it.
    var location: String { get }
    /// Whether the store answers at all, within a short deadline; thrown
    /// when it does not, so a dead server costs seconds once, not per entry.
    func probe() throws(RemoteStoreError)
    /// The bytes at `path` (`ac/...` or `cas/...`), or nil when there are none.
    func get(_ path: String) throws(RemoteStoreError) -> [UInt8]?
    func put(_ path: String, _ bytes: [UInt8]) throws(RemoteStoreError)
}

public enum RemoteStoreError: Error, CustomStringConvertible, Sendable {
    /// Nothing answered: refused, timed out, a name that does not resolve.
    case unreachable(String)
    /// The server answered with a status that is neither the entry nor "none".
    case status(Int)

    public var description: String {
        switch self {
        case let .unreachable(why): return why
        case let .status(code): return "HTTP status \(code)"
        }
    }

    /// 401 and 403: credentials missing or not allowed to do this.
    var isRefusal: Bool {
        if case let .status(code) = self { return code == 401 || code == 403 }
        return false
    }
}
