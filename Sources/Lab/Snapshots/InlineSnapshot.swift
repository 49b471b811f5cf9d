import Foundation

/// An inline span's result in a form that survives the process, so a prose
/// edit re-evaluates no span whose expression and inputs are unchanged
/// (reading a value can mean loading a data set or a trained network).
/// Lines move with edits above the span and are shifted on load.
extension InlineRun {
    private struct Stored: Codable {
        var text: String
        var claim: StoredClaim?
        var diagnostic: Diagnostic?
        var source: String?
        var line: Int?, column: Int?
        var firstLine: Int
    }

    /// The span's result as bytes, for a span that began at `firstLine`.
    public func encoded(firstLine: Int) -> [UInt8]? {
        let stored = Stored(text: text, claim: claim.map(StoredClaim.init), diagnostic: diagnostic, source: source,
                            line: location?.line, column: location?.column, firstLine: firstLine)
        return (try? JSONEncoder().encode(stored)).map { [UInt8]($0) }
    }

    /// The stored result as if the span began at `firstLine`.
    public static func decode(_ bytes: [UInt8], movedTo firstLine: Int) -> InlineRun? {
        guard let s = try? JSONDecoder().decode(Stored.self, from: Data(bytes)) else { return nil }
        let shift = firstLine - s.firstLine
        func move(_ d: Diagnostic) -> Diagnostic {
            var d = d
            d.location.line += shift
            return d
        }
        var claim = s.claim?.claim
        if var c = claim {
            c.location.line += shift
            c.error = c.error.map(move)
            claim = c
        }
        let location = s.line.flatMap { l in s.column.map { SourceLocation(line: l + shift, column: $0) } }
        return InlineRun(text: s.text, claim: claim, diagnostic: s.diagnostic.map(move), source: s.source, location: location)
    }
}

extension Session {
    /// How many inline spans the lesson has evaluated so far: the next one's
    /// random numbers are seeded by this count plus one.
    public var inlineSpansSeen: Int { inlineOrdinal }

    /// Counts a span whose stored result was reused instead of evaluated,
    /// so the spans after it draw the same random numbers either way.
    public func skipInline() { inlineOrdinal += 1 }
}
