import Lab

/// Figures and tables without a caption (issue 16, item 2). A caption is
/// where a lesson tells the reader what to see in a figure; "Figure 3." and
/// nothing else teaches nothing. `check` gives each a `WARN` line at the
/// call that made it, `render` prints the same line, `check --strict`
/// fails on it, and the JSON report lists it under the lesson's `warnings`.
enum CaptionLint {
    /// One warning per figure or table the page shows without a caption,
    /// numbered as the page numbers them (`LessonRun.shownOutputs`).
    static func warnings(_ run: LessonRun) -> [LessonReport.Warning] {
        var out: [LessonReport.Warning] = []
        for shown in run.shownOutputs {
            let b = shown.block, i = shown.index
            let caption: String?, what: String
            switch shown.output {
            case let .figure(f): (caption, what) = (f.caption, "figure \(shown.number)")
            case let .table(t): (caption, what) = (t.caption, "table \(shown.number)")
            case .text: continue
            }
            guard (caption ?? "").allSatisfy(\.isWhitespace), i < b.run.outputLocations.count else { continue }
            let at = b.run.outputLocations[i]
            let lines = b.source.split(separator: "\n", omittingEmptySubsequences: false)
            let row = at.line - b.origin.firstLine
            let line = lines.indices.contains(row) ? Array(lines[row]) : []
            // A call is located at its '('; the warning points at the name before it.
            var column = at.column
            while column > 1, column - 2 < line.count, line[column - 2].isLetter || line[column - 2].isNumber || line[column - 2] == "_" {
                column -= 1
            }
            let text = String(line).trimmingCharacters(in: .whitespaces)
            out.append(LessonReport.Warning(line: at.line, column: column, source: shortened(text),
                                            message: "\(what) has no caption; add caption=\"...\" saying what the reader should see in it"))
        }
        return out
    }

    /// The call's first line, cut so the warning stays one readable line.
    static func shortened(_ text: String) -> String {
        text.count <= 48 ? text : String(text.prefix(47)) + "…"
    }
}

extension LessonReport {
    /// A problem that does not stop the lesson: a figure or table without a
    /// caption. `failed` is set by `check --strict`, which counts it as a failure.
    public struct Warning: Codable, Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var source: String
        public var message: String
        public var failed: Bool?
    }

    /// The `WARN` line of each warning (`FAIL` under `--strict`), in the
    /// claim lint's format: `WARN  path:line:column  source  message`.
    public var warningLines: [String] {
        (warnings ?? []).map { w in
            let kind = w.failed == true ? "FAIL " : "WARN "
            return "\(kind) \(path):\(w.line):\(w.column)  \(w.source)  \(w.message)" + (w.failed == true ? " (--strict)" : "")
        }
    }
}
