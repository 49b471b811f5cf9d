/// A 1-based line and column in a lesson file (columns count Unicode scalars).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Where a snippet of experiment code sits in its lesson file.
///
/// Blocks and inline spans are lexed as standalone strings; this map turns
/// positions inside the snippet back into file positions, so every
/// diagnostic points at the author's own text. `columnOffsets[i]` is how
/// many scalars of file line `firstLine + i` precede the snippet's line `i`
/// (a fence's indentation, or the backticks before an inline span).
public struct SourceOrigin: Sendable, Hashable {
    public var file: String
    public var firstLine: Int
    public var columnOffsets: [Int]

    public init(file: String, firstLine: Int = 1, columnOffsets: [Int] = []) {
        self.file = file
        self.firstLine = firstLine
        self.columnOffsets = columnOffsets
    }

    /// Maps a 0-based line and column inside the snippet to the file.
    public func location(line: Int, column: Int) -> SourceLocation {
        let offset = line < columnOffsets.count ? columnOffsets[line] : (columnOffsets.last ?? 0)
        return SourceLocation(line: firstLine + line, column: offset + column + 1)
    }
}
