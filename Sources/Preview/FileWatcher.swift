import Foundation

/// Finds files that changed by polling their modification times and sizes,
/// as make does: no inotify, so it behaves the same on every system and on
/// editors that save by renaming a new file over the old one.
///
/// It watches every file under the given folders except hidden ones (the
/// cache, .git, .build, editors' swap files) and the excluded folders (the
/// output, which the render itself writes).
struct FileWatcher {
    struct Stamp: Equatable {
        var modified: Double
        var size: Int
    }

    let roots: [URL]
    let excluded: [String]
    private(set) var stamps: [String: Stamp] = [:]

    init(roots: [URL], excluding excluded: [URL]) {
        self.roots = roots.map(\.standardizedFileURL)
        self.excluded = excluded.map { $0.standardizedFileURL.path }
        stamps = scan()
    }

    /// The files added, removed or modified since the last call.
    mutating func changes() -> Set<String> {
        let now = scan()
        var out = Set<String>()
        for (path, stamp) in now where stamps[path] != stamp { out.insert(path) }
        for path in stamps.keys where now[path] == nil { out.insert(path) }
        stamps = now
        return out
    }

    private func scan() -> [String: Stamp] {
        var out: [String: Stamp] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isDirectoryKey]
        for root in roots {
            guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys,
                                                            options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in walk {
                let path = url.standardizedFileURL.path
                guard let values = try? url.resourceValues(forKeys: Set(keys)) else { continue }
                if values.isDirectory == true {
                    if excluded.contains(path) || url.lastPathComponent.hasPrefix(".build") { walk.skipDescendants() }
                    continue
                }
                out[path] = Stamp(modified: values.contentModificationDate?.timeIntervalSince1970 ?? 0,
                                  size: values.fileSize ?? 0)
            }
        }
        return out
    }
}
