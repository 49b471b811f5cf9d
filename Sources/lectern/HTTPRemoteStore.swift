import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Notebook

/// The remote cache over HTTP (`RemoteStore`): `GET` and `PUT` of
/// `<url>/ac/<sha256>` and `<url>/cas/<sha256>`, as bazel-remote and nginx
/// with WebDAV serve them. Foundation's URLSession, made synchronous: the
/// pipeline runs lessons on plain threads, and a cache read is a step the
/// lesson waits for anyway.
///
/// Credentials come from `LECTERN_CACHE_AUTH` only, never from the URL
/// (which is printed in warnings and may sit in a committed lectern.yml):
/// `user:password` is sent as HTTP Basic, anything starting `Bearer ` as is.
final class HTTPRemoteStore: RemoteStore, @unchecked Sendable {
    // @unchecked: every property is a constant; URLSession is thread-safe.
    let base: URL
    let location: String
    private let authorization: String?
    private let session: URLSession
    /// How long the probe waits for any answer: the "connect timeout".
    let probeSeconds: Double
    /// How long one transfer may take in all; a trained network can be large.
    let transferSeconds: Double

    init(url: URL, environment: [String: String] = ProcessInfo.processInfo.environment,
         probeSeconds: Double = 3, transferSeconds: Double = 120) {
        base = url
        location = url.absoluteString
        self.probeSeconds = probeSeconds
        self.transferSeconds = transferSeconds
        authorization = HTTPRemoteStore.authorization(environment["LECTERN_CACHE_AUTH"])
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration)
    }

    /// A URL the remote cache may use: http or https, with a host, and no
    /// user or password in it.
    static func parse(_ text: String) throws -> URL {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", components.host?.isEmpty == false,
              let url = components.url else {
            throw HTTPRemoteStoreError("the cache URL must be an http:// or https:// address with a host")
        }
        if components.user != nil || components.password != nil {
            throw HTTPRemoteStoreError("the cache URL must not hold a user or password; set LECTERN_CACHE_AUTH instead")
        }
        return url
    }

    static func authorization(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        if value.hasPrefix("Bearer ") || value.hasPrefix("Basic ") { return value }
        return "Basic " + Data(value.utf8).base64EncodedString()
    }

    /// Any HTTP answer will do, even 404 (an empty cache): only silence fails.
    func probe() throws(RemoteStoreError) {
        _ = try send("GET", "ac/" + String(repeating: "0", count: 64), body: nil, deadline: probeSeconds)
    }

    func get(_ path: String) throws(RemoteStoreError) -> [UInt8]? {
        let (status, data) = try send("GET", path, body: nil, deadline: transferSeconds)
        switch status {
        case 200: return [UInt8](data)
        case 404: return nil
        default: throw .status(status)
        }
    }

    func put(_ path: String, _ bytes: [UInt8]) throws(RemoteStoreError) {
        let (status, _) = try send("PUT", path, body: Data(bytes), deadline: transferSeconds)
        guard (200..<300).contains(status) else { throw .status(status) }
    }

    private func send(_ method: String, _ path: String, body: Data?, deadline: Double) throws(RemoteStoreError) -> (Int, Data) {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = method
        request.timeoutInterval = min(deadline, 30)
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = body
            request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        }
        let reply = Reply()
        let task = session.dataTask(with: request) { data, response, error in
            reply.finish(data: data, status: (response as? HTTPURLResponse)?.statusCode, error: error)
        }
        task.resume()
        // Our own deadline too: it bounds connecting, which the request's
        // timeout (an idle timeout) may not.
        guard reply.done.wait(timeout: .now() + deadline) == .success else {
            task.cancel()
            throw .unreachable("no answer within \(Int(deadline)) s")
        }
        if let error = reply.error { throw .unreachable(HTTPRemoteStore.plain(error, deadline: request.timeoutInterval)) }
        guard let status = reply.status else { throw .unreachable("not an HTTP answer") }
        return (status, reply.data ?? Data())
    }
}

extension HTTPRemoteStore {
    /// URLSession's errors print as "NSURLErrorDomain error -1004" on Linux;
    /// the warning says what happened instead.
    static func plain(_ error: Error, deadline: Double) -> String {
        guard let code = (error as? URLError)?.code else { return "\(error)" }
        switch code {
        case .timedOut: return "no answer within \(Int(deadline)) s"
        case .cannotConnectToHost: return "connection refused"
        case .cannotFindHost, .dnsLookupFailed: return "unknown host"
        case .networkConnectionLost: return "connection lost"
        case .notConnectedToInternet: return "no network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot: return "TLS failed"
        default: return "network error \(code.rawValue)"
        }
    }
}

/// One request's answer, handed from URLSession's queue to the waiting thread.
private final class Reply: @unchecked Sendable {
    // @unchecked: written once before `done` is signalled, read after.
    let done = DispatchSemaphore(value: 0)
    var data: Data?
    var status: Int?
    var error: Error?

    func finish(data: Data?, status: Int?, error: Error?) {
        self.data = data
        self.status = status
        self.error = error
        done.signal()
    }
}

struct HTTPRemoteStoreError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
