import Lab

/// Claims that cannot meaningfully fail (format 1.1, section 9.4). `Claim`
/// finds them; here they are counted, and `check --strict` turns them into
/// failures.
extension CheckReport {
    /// How many claims carry a warning, plus the figures and tables without a caption.
    public var warnings: Int {
        lessons.reduce(0) { $0 + $1.claims.filter { $0.warning != nil }.count + ($1.warnings?.count ?? 0) }
    }
}

extension LessonReport {
    /// The report `check --strict` gives: a claim that passed with a warning
    /// fails instead, so `passed + failed` still counts every claim once.
    /// A failing or broken claim keeps its status: it already counts.
    public func strict() -> LessonReport {
        var r = self
        for j in r.claims.indices where r.claims[j].warning != nil && r.claims[j].status == .pass {
            r.claims[j].status = .fail
            r.passed -= 1
            r.failed += 1
        }
        // A figure without a caption fails too; it counts as one more failure.
        if var ws = r.warnings {
            for j in ws.indices where ws[j].failed != true {
                ws[j].failed = true
                r.failed += 1
            }
            r.warnings = ws
        }
        return r
    }
}
