import Foundation

/// Reading one compressed data file: its errors name the file, and a
/// missing one says how to get it.
enum DataFile {
    static let installHint = "install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) "
        + "or set LECTERN_DATA to a folder holding the four .gz files"

    /// The decompressed bytes of the gzip file at `url`.
    static func decompress(_ url: URL) throws(DatasetError) -> [UInt8] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw DatasetError("no data file at \(url.path); " + installHint)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int ?? 0
        guard size <= GzipReader.maxOutputBytes else {
            throw DatasetError("\(url.path) is \(size >> 20) MiB, too large to be a data file Lectern reads")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DatasetError("cannot read \(url.path): \(error.localizedDescription)")
        }
        let result = data.withUnsafeBytes { raw in
            Result { () throws(FormatError) in try GzipReader.decompress(raw) }
        }
        switch result {
        case let .success(bytes): return bytes
        case let .failure(problem): throw DatasetError("\(url.path) is not a usable gzip file: \(problem.reason)")
        }
    }

    static func idx(_ bytes: [UInt8], at url: URL) throws(DatasetError) -> IDXFile {
        do throws(FormatError) { return try IDXFile(parsing: bytes) } catch {
            throw DatasetError("\(url.path) is not a usable IDX file: \(error.reason)")
        }
    }
}
