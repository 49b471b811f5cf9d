/// Accessible names: what kind of figure, its title, and what the axes are.
enum Describe {
    static func plot(_ kind: String, title: String?, xlabel: String?, ylabel: String?, detail: String) -> String {
        var parts = [kind + (title.map { $0.isEmpty ? "" : ": " + $0 } ?? "")]
        if let xlabel, !xlabel.isEmpty { parts.append("x: " + xlabel) }
        if let ylabel, !ylabel.isEmpty { parts.append("y: " + ylabel) }
        if !detail.isEmpty { parts.append(detail) }
        return parts.joined(separator: "; ")
    }
}
