/// Rough text widths for layout, since SVG is written without a font engine.
///
/// The per-character factors approximate common sans-serif faces (the plot
/// font is `system-ui`); they err on the wide side so labels get room rather
/// than clip.
enum TextMetrics {
    static func width(_ text: String, size: Double) -> Double {
        var em = 0.0
        for ch in text {
            switch ch {
            case "i", "j", "l", "I", "!", "|", ".", ",", ":", ";", "'": em += 0.28
            case "f", "t", "r", "(", ")", "[", "]", "/", "-", " ": em += 0.36
            case "m", "w", "M", "W", "@", "%": em += 0.86
            case "0"..."9", "\u{2212}", "+": em += 0.58
            case "A"..."Z": em += 0.68
            case "a"..."z": em += 0.55
            default: em += ch.isASCII ? 0.6 : 0.9
            }
        }
        return em * size
    }

    /// `text` cut to fit `maxWidth`, with an ellipsis where it was cut.
    static func truncate(_ text: String, maxWidth: Double, size: Double) -> String {
        guard width(text, size: size) > maxWidth else { return text }
        var kept = ""
        for ch in text {
            if width(kept + String(ch) + "…", size: size) > maxWidth { break }
            kept.append(ch)
        }
        return kept + "…"
    }

    /// Greedy word wrap; a single word wider than the line is truncated.
    static func wrap(_ text: String, maxWidth: Double, size: Double, maxLines: Int = 6) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if width(candidate, size: size) <= maxWidth || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] += " …"
        }
        return lines.map { truncate($0, maxWidth: maxWidth, size: size) }
    }
}
