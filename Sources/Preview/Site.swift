import Foundation

/// What the server may serve, and when each page last changed. The render
/// thread publishes into it; request handlers read it. A version is a count
/// of published renders: a tab that was served version N reloads when its
/// page's version passes N.
public final class Site: @unchecked Sendable {
    /// A page is the file the render wrote into the output folder, or, for a
    /// lesson that failed to load, the errors shown in its place.
    public enum Page: Equatable, Sendable {
        case file
        case failed(title: String, diagnostics: [String])
    }

    private let lock = NSLock()
    private var version = 0
    private var pages: [String: Page] = [:]
    private var changed: [String: Int] = [:]

    /// Differs on every start, so a tab left open across a restart reloads
    /// instead of waiting for the new server's count to pass its old one.
    public let boot = String(UInt64.random(in: 1...UInt64.max), radix: 36)

    public init() {}

    /// The course after a render: `pages` by file name (index.html included),
    /// `changed` the names whose bytes or state differ from before.
    public func publish(pages newPages: [String: Page], changed names: Set<String>) {
        lock.withLock {
            let removed = Set(pages.keys).subtracting(newPages.keys)
            let touched = names.union(removed).union(newPages.filter { pages[$0.key] != $0.value }.keys)
            guard !touched.isEmpty else { return }
            version += 1
            for name in touched { changed[name] = version }
            pages = newPages
        }
    }

    public var currentVersion: Int { lock.withLock { version } }

    public func page(_ name: String) -> (Page, version: Int)? {
        lock.withLock { pages[name].map { ($0, version) } }
    }

    /// Whether `name` changed after version `since` (a page that is gone has changed).
    public func changed(_ name: String, since: Int) -> (changed: Bool, version: Int) {
        lock.withLock { ((changed[name] ?? 0) > since, version) }
    }
}
