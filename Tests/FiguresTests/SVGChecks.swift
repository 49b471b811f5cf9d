@testable import Figures

/// Properties every figure must have, whatever it draws.
enum SVGChecks {
    /// Problems with a standalone, accessible, inline-safe SVG document (empty when fine).
    static func problems(_ svg: String) -> [String] {
        var out: [String] = []
        if !svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ") { out.append("no viewBox header") }
        if !svg.contains("width=\"100%\"") { out.append("does not scale to its container") }
        if !svg.contains("role=\"img\"") { out.append("no role=img") }
        if !svg.contains("<title>") { out.append("no <title>") }
        if svg.contains(" id=") { out.append("has an id, which could collide on a page") }
        if svg.contains("<style") { out.append("has a <style>, which would leak into the page") }
        if svg.contains("NaN") || svg.contains("inf\"") { out.append("non-finite coordinate") }
        if !svg.hasSuffix("</svg>\n") { out.append("not closed") }
        return out
    }

    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    static func isPlaceholder(_ svg: String) -> Bool { svg.contains(" not drawn") }
}

extension String {
    func components(separatedBy separator: String) -> [Substring] {
        var parts: [Substring] = []
        var rest = self[...]
        while let r = rest.range(of: separator) {
            parts.append(rest[..<r.lowerBound])
            rest = rest[r.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}
