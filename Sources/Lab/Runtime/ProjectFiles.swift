import Foundation

/// The one check that keeps what a lesson reads inside its project: the
/// lesson file itself, the files its blocks load and the images its prose
/// embeds. Paths are compared after resolving symbolic links, so a link
/// that points out of the project is outside it.
public struct ProjectFiles: Sendable {
    /// The project folder, links resolved.
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL.resolvingSymlinksInPath() }

    /// `url` with its links resolved, or nil when that is outside the project.
    public func inside(_ url: URL) -> URL? {
        let resolved = url.standardizedFileURL.resolvingSymlinksInPath()
        let r = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return resolved.path == root.path || resolved.path.hasPrefix(r) ? resolved : nil
    }

    /// The file a lesson names: relative to the lesson's folder, or absolute;
    /// nil when it is outside the project.
    public func resolve(_ path: String, from directory: URL) -> URL? {
        guard !path.isEmpty, !path.contains("\0") else { return nil }
        return inside(path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path))
    }

    /// A path as messages and pages show it: relative to the project.
    public func relative(_ url: URL) -> String {
        let p = url.standardizedFileURL.path
        let r = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return p.hasPrefix(r) ? String(p.dropFirst(r.count)) : url.lastPathComponent
    }
}
