import Foundation

/// The folder pages go to, made and tried before any lesson runs: a wrong
/// `--out` should cost nothing and say why in plain words, not surface as
/// a file-system error after an hour of experiments.
public enum OutputFolder {
    /// Creates `path` with its parents and writes a probe file in it.
    public static func prepare(_ path: String) throws {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        func refuse(_ code: Int32) -> PipelineError {
            var reason = String(cString: strerror(code))
            if let first = reason.first { reason = first.lowercased() + reason.dropFirst() }
            return PipelineError("cannot write to '\(path)': \(reason)")
        }
        // One mkdir per component, so errno names the actual problem (a file
        // where a folder should be, a missing permission, a read-only disk).
        var partial = ""
        for component in url.path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o777) != 0, errno != EEXIST { throw refuse(errno) }
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw refuse(ENOTDIR)
        }
        let probe = url.appendingPathComponent(".lectern-probe-\(getpid())").path
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw refuse(errno) }
        close(fd)
        unlink(probe)
    }

    /// Refuses a report file that cannot be written, before anything runs:
    /// its folder must exist and take a new file, and it must not be a folder.
    public static func checkWritable(file url: URL) throws {
        let folder = url.standardizedFileURL.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw PipelineError("cannot write to '\(url.path)': its folder '\(folder.path)' does not exist")
        }
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw PipelineError("cannot write to '\(url.path)': it is a folder")
        }
        let probe = folder.appendingPathComponent(".lectern-probe-\(getpid())").path
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            var reason = String(cString: strerror(errno))
            if let first = reason.first { reason = first.lowercased() + reason.dropFirst() }
            throw PipelineError("cannot write to '\(url.path)': \(reason)")
        }
        close(fd)
        unlink(probe)
    }
}
