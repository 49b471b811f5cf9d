import Foundation

/// Writes a file so that readers see the old content or the new, never
/// half of either: write a temporary file beside it, then rename(2).
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: tmp.path, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        if rename(tmp.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, "errno": code])
        }
    }

    /// Writes only when the content differs, so an unchanged page keeps its
    /// timestamp and nothing downstream rebuilds.
    @discardableResult
    static func writeIfChanged(_ bytes: [UInt8], to url: URL) throws -> Bool {
        if let old = FileManager.default.contents(atPath: url.path), old.count == bytes.count, [UInt8](old) == bytes {
            return false
        }
        try write(bytes, to: url)
        return true
    }
}
