import Foundation
import Yams

/// The keys of the project's `lectern.yml` that change how lessons run
/// rather than how pages look: `cache_url:` (the remote cache, as
/// `--cache-url`) and `cache_read_only:` (as `--cache-read-only`). The file
/// is committed, so it never holds credentials (`LECTERN_CACHE_AUTH` does).
public struct ProjectSettings: Sendable {
    public var cacheURL: String?
    public var cacheReadOnly = false

    public init() {}

    public static func load(root: URL) -> ProjectSettings {
        var s = ProjectSettings()
        guard let text = try? String(contentsOf: root.appendingPathComponent("lectern.yml"), encoding: .utf8),
              let map = (try? Yams.load(yaml: text)) as? [String: Any] else { return s }
        if let url = map["cache_url"] as? String {
            let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
            s.cacheURL = trimmed.isEmpty ? nil : trimmed
        }
        s.cacheReadOnly = map["cache_read_only"] as? Bool ?? false
        return s
    }
}
