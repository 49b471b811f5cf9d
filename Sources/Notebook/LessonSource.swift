import Foundation
import Lab

/// A lesson file read and validated: text that is real UTF-8 with no NUL
/// bytes, its lines, and the front matter split off.
public struct LessonSource: Sendable {
    /// The path as shown in diagnostics (relative to where Lectern runs).
    public let path: String
    public let url: URL
    public let bytes: [UInt8]
    public let text: String
    public let lines: [String]
    public let frontMatter: FrontMatter
    /// The Markdown with the front matter blanked out line for line, so
    /// cmark's line numbers are the file's.
    public let body: String

    /// Lessons larger than this are almost certainly not lessons.
    static let maxBytes = 8 << 20

    public static func load(url: URL, displayPath: String) throws -> LessonSource {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw Diagnostic(file: displayPath, location: SourceLocation(line: 1, column: 1),
                             message: "cannot read the lesson: \((error as NSError).localizedDescription)")
        }
        return try LessonSource(bytes: [UInt8](data), path: displayPath, url: url)
    }

    public init(bytes: [UInt8], path: String, url: URL) throws {
        func fail(_ offset: Int, _ message: String) -> Diagnostic {
            let prefix = bytes[..<offset]
            let line = prefix.filter { $0 == 10 }.count + 1
            // Columns count characters (Unicode scalars), not bytes: skip continuation bytes.
            let lineStart = prefix.lastIndex(of: 10).map { $0 + 1 } ?? 0
            let column = bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
            return Diagnostic(file: path, location: SourceLocation(line: line, column: column), message: message)
        }
        guard bytes.count <= LessonSource.maxBytes else {
            throw fail(0, "the file is \(bytes.count / 1_048_576) MiB; a lesson may be at most 8 MiB")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw fail(nul, "the file contains a NUL byte; it looks like binary data, not a Markdown lesson")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw fail(LessonSource.firstInvalidUTF8(bytes), "the file is not valid UTF-8")
        }
        self.path = path
        self.url = url
        self.bytes = bytes
        // A byte-order mark is invisible to authors; drop it so column 1 is column 1.
        self.text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        self.lines = self.text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        let (fm, bodyStart) = try FrontMatter.extract(lines: lines, file: path)
        self.frontMatter = fm
        self.body = Array(repeating: "", count: bodyStart).joined(separator: "\n")
            + (bodyStart > 0 ? "\n" : "") + lines[bodyStart...].joined(separator: "\n")
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let n = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            guard n > 0, i + n <= bytes.count, bytes[i + 1..<i + n].allSatisfy({ $0 >> 6 == 0b10 }),
                  String(validating: bytes[i..<i + n], as: UTF8.self) != nil else { return i }
            i += n
        }
        return bytes.count
    }
}
