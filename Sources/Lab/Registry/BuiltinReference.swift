/// The built-ins' reference, generated from their declarations: what
/// `lectern help` prints and what `docs/builtins.md` holds, so the two can
/// never disagree with the code.
public enum BuiltinReference {
    /// One built-in, as `lectern help NAME` prints it.
    public static func text(_ b: Builtin) -> String {
        var lines = [b.usage, "", "    " + b.summary]
        let kinds = b.parameters.filter { $0.kind != .any }
        if !kinds.isEmpty {
            lines.append("")
            for p in kinds { lines.append("    \(p.name): \(p.kind.noun)") }
        }
        if case .result = b.memo {
            lines += ["", "    Memoized: the same call with the same arguments reuses the stored result."]
        }
        return lines.joined(separator: "\n")
    }

    /// Every built-in, one line each, grouped: `lectern help builtins`.
    public static func list(_ registry: BuiltinRegistry) -> String {
        var out: [String] = []
        for g in registry.groups {
            out.append(g.title + ":")
            for b in g.builtins { out.append("  " + b.usage + "\n      " + b.summary) }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// `docs/builtins.md`.
    public static func markdown(_ registry: BuiltinRegistry) -> String {
        var out = [
            "# Built-ins",
            "",
            "Generated from the built-in registry by `lectern help builtins --markdown`; do not edit by hand",
            "(a test fails when this file and the registry differ). Each entry gives the call with every",
            "default (`none`: left out, the summary says what happens; `auto`: a seed derived from the",
            "lesson's seed and the call's position), then what it returns. **Memoized** built-ins store their",
            "result in `.lectern-cache/`, keyed by their arguments and the code that computes them.",
            "See [reference.md](reference.md) for how the language and the pipeline behave.",
            "",
        ]
        for g in registry.groups {
            out += ["## " + g.title, ""]
            for b in g.builtins {
                var line = "- `" + b.usage + "`"
                if case .result = b.memo { line += " **memoized**" }
                line += ": " + b.summary
                let kinds = b.parameters.filter { $0.kind != .any }
                if !kinds.isEmpty {
                    line += " (" + kinds.map { "`\($0.name)`: \($0.kind.noun)" }.joined(separator: "; ") + ")"
                }
                out.append(line)
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
