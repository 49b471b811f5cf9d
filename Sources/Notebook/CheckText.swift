import Foundation
import Lab

/// What `lectern check` prints, as lines: one `PASS`/`FAIL`/`ERROR`/`SKIP`
/// line per claim, failed block or problem, a `WARN` line after a claim that
/// cannot meaningfully fail, located `file:line:column`, and
/// the closing tally. Kept here, beside the report it reads, so it is tested.
public enum CheckText {
    /// With `show`, each value the lesson shows gets a `VALUE` line too,
    /// in file order among the claims.
    public static func lines(_ r: LessonReport, show: Bool = false) -> [String] {
        var out: [String] = []
        if show {
            var values = (r.shown ?? []).map { v -> (Int, Int, String) in
                let value = v.value.contains("\n") ? "\n" + v.value.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
                                                 : v.value
                return (v.line, v.column, "VALUE \(r.path):\(v.line):\(v.column)  \(v.source)  = \(value)")
            }
            var merged: [String] = []
            for line in lines(r, show: false) {
                // Claim lines carry their location; values before them go first.
                let at = location(in: line, path: r.path)
                while let first = values.first, let at, (first.0, first.1) < at {
                    merged.append(first.2)
                    values.removeFirst()
                }
                merged.append(line)
            }
            return merged + values.map(\.2)
        }
        // A problem may lie in another file (a bibliography that does not parse).
        for p in r.problems ?? [] { out.append("ERROR \(p.file.isEmpty ? r.path : p.file):\(p.line):\(p.column): \(p.message)") }
        for b in r.blocks {
            if let e = b.error { out.append("ERROR \(r.path):\(e.line):\(e.column): \(e.message)") }
            if let why = b.reason { out.append("SKIP  \(r.path):\(b.line): block \(b.id ?? "") \(why)") }
        }
        for c in r.claims {
            let at = "\(r.path):\(c.line):\(c.column)"
            let computed = c.computed.map { v -> String in
                switch v {
                case let .number(x): return number(x)
                case let .text(t): return t
                }
            } ?? ""
            switch c.status {
            case .pass: out.append("PASS  \(at)  \(c.source)  (computed \(computed))")
            case .fail where c.fill != nil:
                out.append("FAIL  \(at)  \(c.source)  a placeholder: computed \(computed); check --fix writes \(c.fill!)")
            case .fail where c.warning != nil && holds(c):
                // Only `--strict` fails a claim with a warning; one that truly failed says so below.
                out.append("FAIL  \(at)  \(c.source)  holds (computed \(computed)), but cannot meaningfully fail (--strict)")
            case .fail:
                out.append("FAIL  \(at)  \(c.source)  documented \(c.documented ?? "true"), computed \(computed)"
                           + (c.kind == .erratum ? " (an erratum that reproduces)" : ""))
            case .error: out.append("ERROR \(at)  \(c.source)  \(c.error?.message ?? "")")
            }
            if let w = c.warning { out.append("WARN  \(at)  \(c.source)  \(w)") }
        }
        return out + r.warningLines
    }

    /// Whether a `~` claim reproduces: under `--strict` a claim with a
    /// warning fails either way, and its line says which way.
    static func holds(_ c: LessonReport.Claim) -> Bool {
        guard c.kind == .approx, c.fill == nil, case let .number(x)? = c.computed,
              let documented = c.documented, let claim = try? Claim.parse(documented) else { return false }
        return claim.holds(x)
    }

    /// The `line:column` after the path in a report line, if it has one.
    static func location(in line: String, path: String) -> (Int, Int)? {
        guard let r = line.range(of: path + ":") else { return nil }
        let parts = line[r.upperBound...].prefix { $0 != " " }.split(separator: ":")
        guard let l = parts.first.flatMap({ Int($0) }) else { return nil }
        return (l, parts.count > 1 ? Int(parts[1]) ?? 0 : 0)
    }

    /// The last lines: the errors, if any, then `N passed, N failed`.
    public static func summary(_ report: CheckReport) -> [String] {
        var out: [String] = []
        if report.errors > 0 { out.append("\(report.errors) error\(report.errors == 1 ? "" : "s")") }
        let warnings = report.warnings
        if warnings > 0 { out.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        out.append("\(report.passed) passed, \(report.failed) failed")
        return out
    }

    /// Whole numbers in full, others to six significant digits.
    public static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.6g", x)
    }
}
