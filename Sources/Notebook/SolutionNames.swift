import Lab

/// The names only a solution bound (format 1.1, section 9.3), by the line
/// of the solution's fence. `Session` forgets them after the solution; a
/// later read then fails as an unknown name, and this turns that error into
/// one that says where the name went.
struct SolutionNames {
    private var lines: [String: Int] = [:]

    mutating func hide(_ names: Set<String>, solutionAt line: Int) {
        for n in names { lines[n] = line }
    }

    /// A later block that binds the name again makes it an ordinary name.
    mutating func forget(boundIn session: Session) {
        for n in lines.keys where session.version(of: n) != "unbound" { lines[n] = nil }
    }

    func explain(_ d: Diagnostic) -> Diagnostic {
        guard !lines.isEmpty, d.message.hasPrefix("unknown name '") else { return d }
        let name = String(d.message.dropFirst("unknown name '".count).prefix { $0 != "'" })
        guard let line = lines[name] else { return d }
        var out = d
        out.message = "'\(name)' was bound in the solution at line \(line), and a solution's names are private to it; "
            + "bind '\(name)' in a block that is not a solution to use it here"
        return out
    }

    func explain(_ run: BlockRun) -> BlockRun {
        guard !lines.isEmpty else { return run }
        var out = run
        out.diagnostics = run.diagnostics.map(explain)
        out.claims = run.claims.map(explain)
        return out
    }

    func explain(_ c: ClaimResult) -> ClaimResult {
        var out = c
        out.error = c.error.map(explain)
        return out
    }

    func explain(_ r: InlineRun) -> InlineRun {
        guard !lines.isEmpty else { return r }
        var out = r
        out.diagnostic = r.diagnostic.map(explain)
        out.claim = r.claim.map(explain)
        return out
    }
}
