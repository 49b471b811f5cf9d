import Foundation
import Testing
@testable import Figures

/// Snapshot files in `Golden/` (mdBook-style): compared by default, rewritten
/// when `LECTERN_UPDATE_GOLDEN=1`. Embedded PNGs are compared by their
/// decoded pixels, not their bytes, so a different zlib build cannot fail a
/// layout test.
enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["LECTERN_UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if updating {
            let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
            do {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try actual.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not write golden file \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let dir = Bundle.module.url(forResource: "Golden", withExtension: nil),
              let expected = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) else {
            Issue.record("missing golden file Golden/\(name); run with LECTERN_UPDATE_GOLDEN=1 to create it",
                         sourceLocation: sourceLocation)
            return
        }
        if let diff = difference(normalized(expected), normalized(actual)) {
            Issue.record("Golden/\(name) differs (LECTERN_UPDATE_GOLDEN=1 rewrites it):\n\(diff)",
                         sourceLocation: sourceLocation)
        }
    }

    /// The first differing line with a little context, or nil when equal.
    static func difference(_ expected: String, _ actual: String) -> String? {
        guard expected != actual else { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        var out = "expected \(e.count) lines, got \(a.count); first difference at line \(first + 1)\n"
        for i in max(0, first - 2)..<first { out += "  " + clip(e[i]) + "\n" }
        if first < e.count { out += "- " + clip(e[first]) + "\n" }
        if first < a.count { out += "+ " + clip(a[first]) + "\n" }
        return out
    }

    /// Replaces each inline PNG by its decoded size and a checksum of its pixels.
    static func normalized(_ svg: String) -> String {
        let marker = "data:image/png;base64,"
        var out = ""
        var rest = Substring(svg)
        while let start = rest.range(of: marker) {
            out += rest[..<start.upperBound]
            let payload = rest[start.upperBound...].prefix { $0 != "\"" }
            rest = rest[start.upperBound...].dropFirst(payload.count)
            if let bytes = Data(base64Encoded: String(payload)),
               let bitmap = try? PNGEncoder.decode([UInt8](bytes)) {
                out += "PNG(\(bitmap.width)x\(bitmap.height)x\(bitmap.channels):\(checksum(bitmap.pixels)))"
            } else {
                out += "UNDECODABLE"
            }
        }
        return out + rest
    }

    private static func checksum(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf29ce484222325  // FNV-1a
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return String(h, radix: 16)
    }

    private static func clip(_ line: Substring) -> String {
        line.count <= 160 ? String(line) : String(line.prefix(160)) + "…"
    }
}
