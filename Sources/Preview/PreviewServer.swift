import FlyingFox
import FlyingSocks
import Foundation

/// Serves the rendered site on 127.0.0.1 with FlyingFox: the course's pages
/// (with the reload script added), the error page of a lesson that did not
/// load, and the long poll the script waits on. Only the course's own page
/// names are served, so no request reaches another file.
public final class PreviewServer: Sendable {
    let server: HTTPServer
    let requestedPort: UInt16

    public init(site: Site, output: URL, port: UInt16) throws {
        requestedPort = port
        // The timeout bounds a handler's time; the long poll answers within 25 s.
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        server = HTTPServer(address: address, timeout: 40, logger: DisabledLogger.disabled,
                            handler: SiteHandler(site: site, output: output))
    }

    /// Starts listening and returns the port (the one asked for, or the one
    /// the system chose for port 0); throws `PreviewError.portInUse`.
    public func start() async throws -> UInt16 {
        let failure = Failure()
        let server = self.server
        Task {
            do { try await server.run() } catch { failure.set(error) }
        }
        while await !server.isListening {
            if let error = failure.get() {
                if let socketError = error as? SocketError, case .failed(_, let code, _) = socketError,
                   code == EADDRINUSE {
                    throw PreviewError.portInUse(requestedPort)
                }
                throw PreviewError.server("\(error)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        if case .ip4(_, port: let port)? = await server.listeningAddress { return port }
        return requestedPort
    }

    /// Stops listening and drops open connections (long polls among them).
    public func stop() async {
        await server.stop(timeout: 0)
    }

    private final class Failure: @unchecked Sendable {
        private let lock = NSLock()
        private var error: (any Error)?
        func set(_ e: any Error) { lock.withLock { error = e } }
        func get() -> (any Error)? { lock.withLock { error } }
    }
}

public enum PreviewError: Error, CustomStringConvertible {
    case portInUse(UInt16)
    case server(String)

    public var description: String {
        switch self {
        case .portInUse(let port): "port \(port) is in use on 127.0.0.1; pass --port"
        case .server(let message): "the preview server did not start: \(message)"
        }
    }
}

struct SiteHandler: HTTPHandler {
    let site: Site
    let output: URL

    /// How long a poll waits for a change before answering "none yet"; under
    /// the server's timeout, and short enough for proxies to leave it open.
    static let pollWindow: Duration = .seconds(25)

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed)
        }
        if request.path == ReloadScript.changesPath { return try await changes(request) }
        let name = request.path == "/" ? "index.html" : String(request.path.drop(while: { $0 == "/" }))
        guard let (page, version) = site.page(name) else { return notFound(name) }
        let html: String
        switch page {
        case .file:
            guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(name).path) else {
                return notFound(name)
            }
            html = String(decoding: data, as: UTF8.self)
        case .failed(let title, let diagnostics):
            html = ErrorPage.html(title: title, diagnostics: diagnostics)
        }
        let body = ReloadScript.inject(html, page: name, version: version, boot: site.boot)
        return HTTPResponse(statusCode: .ok,
                            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                            body: Data(body.utf8))
    }

    /// Answers when `page` changes after version `since`, or after the poll
    /// window with no change. It looks every 50 ms rather than registering a
    /// waiter: nothing to clean up when a tab closes, and 50 ms is a tenth of
    /// the reload budget.
    private func changes(_ request: HTTPRequest) async throws -> HTTPResponse {
        let page = request.query["page"] ?? "index.html"
        let since = Int(request.query["since"] ?? "") ?? 0
        let deadline = ContinuousClock.now + SiteHandler.pollWindow
        var state = site.changed(page, since: since)
        while !state.changed && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            state = site.changed(page, since: since)
        }
        let json = "{\"version\":\(state.version),\"reload\":\(state.changed),\"boot\":\"\(site.boot)\"}"
        return HTTPResponse(statusCode: .ok,
                            headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: Data(json.utf8))
    }

    private func notFound(_ name: String) -> HTTPResponse {
        let body = "<!DOCTYPE html><title>not found</title><p>No page <code>\(ErrorPage.escape(name))</code> "
            + "in this course. <a href=\"/\">Index</a></p>"
        return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                            body: Data(body.utf8))
    }
}
