/// "Did you mean ...?" for unknown names: the closest candidate by edit
/// distance, if it is close enough to be a plausible typo.
public enum Suggest {
    public static func closest(to word: String, among candidates: [String]) -> String? {
        closest(to: word, in: [candidates])
    }

    /// The closest candidate over several groups; on a tie the earlier
    /// group wins, so a bare name suggests the lesson's own variable
    /// (`probs`) before a built-in one edit away (`probe`).
    public static func closest(to word: String, in groups: [[String]]) -> String? {
        let w = Array(word.lowercased())
        var best: (name: String, distance: Int, group: Int)?
        for (g, candidates) in groups.enumerated() {
            for c in Set(candidates) {
                let d = distance(w, Array(c.lowercased()))
                if let b = best, d > b.distance || (d == b.distance && (g > b.group || (g == b.group && c >= b.name))) { continue }
                best = (c, d, g)
            }
        }
        guard let best else { return nil }
        return best.distance <= max(1, min(3, w.count / 3)) ? best.name : nil
    }

    /// Edit distance where swapping two neighbours counts as one edit
    /// (optimal string alignment): `axsi` is one typo away from `axis`.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)  // row i-2
        var previous = Array(0...b.count)                     // row i-1
        var row = previous
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], before[j - 2] + 1)
                }
            }
            (before, previous) = (previous, row)
        }
        return previous[b.count]
    }
}
