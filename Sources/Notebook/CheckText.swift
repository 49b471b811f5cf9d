import Foundation
import Lab

/// What `lectern check` prints, as lines: one `PASS`/`FAIL`/`ERROR`/`SKIP`
/// line per claim, failed block or problem, located `file:line:column`, and
/// the closing tally. Kept here, beside the report it reads, so it is tested.
public enum CheckText {
    public static func lines(_ r: LessonReport) -> [String] {
        var out: [String] = []
        for p in r.problems ?? [] { out.append("ERROR \(r.path):\(p.line):\(p.column): \(p.message)") }
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
            case .fail:
                out.append("FAIL  \(at)  \(c.source)  documented \(c.documented ?? "true"), computed \(computed)"
                           + (c.kind == .erratum ? " (an erratum that reproduces)" : ""))
            case .error: out.append("ERROR \(at)  \(c.source)  \(c.error?.message ?? "")")
            }
        }
        return out
    }

    /// The last lines: the errors, if any, then `N passed, N failed`.
    public static func summary(_ report: CheckReport) -> [String] {
        var out: [String] = []
        if report.errors > 0 { out.append("\(report.errors) error\(report.errors == 1 ? "" : "s")") }
        out.append("\(report.passed) passed, \(report.failed) failed")
        return out
    }

    /// Whole numbers in full, others to six significant digits.
    public static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.6g", x)
    }
}
