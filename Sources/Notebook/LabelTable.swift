import Lab

/// A labelled figure, table or display equation (format 1.1, section 9.1):
/// what `@fig-NAME`, `@tbl-NAME` and `@eq-NAME` point at.
public struct LabelTarget: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case figure, table, equation
        var word: String {
            switch self {
            case .figure: "Figure"
            case .table: "Table"
            case .equation: "Equation"
            }
        }
    }

    public var label: String
    public var kind: Kind
    /// Its number on its page: figures and tables as the page numbers them
    /// (every figure counts, labelled or not), equations among the labelled ones.
    public var number: Int
    public var line: Int
    public var column: Int

    /// How a reference reads: "Figure 3".
    var name: String { "\(kind.word) \(number)" }
}

/// Every label a lesson defines, numbered exactly as the page numbers its
/// figures, tables and equations; built from the run's results, so outputs
/// restored from block snapshots number the same as fresh ones and a prose
/// edit runs no block to learn a number.
struct LabelTable: Sendable {
    var targets: [LabelTarget] = []
    var byLabel: [String: LabelTarget] = [:]
    /// A label defined twice: an error at the second definition.
    var diagnostics: [Diagnostic] = []

    init() {}

    init(_ lesson: LessonRun) {
        var found: [(String, LabelTarget.Kind, Int, SourceLocation)] = []
        func add(_ label: String, _ kind: LabelTarget.Kind, _ number: Int, _ at: SourceLocation) {
            found.append((label, kind, number, at))
        }
        for shown in lesson.shownOutputs {
            let b = shown.block
            let at = shown.index < b.run.outputLocations.count ? b.run.outputLocations[shown.index] : SourceLocation(line: b.line, column: 1)
            switch shown.output {
            case let .figure(f):
                if let label = f.label { add(label, .figure, shown.number, LabelTable.locate(label, in: lesson, block: b, from: at)) }
            case let .table(t):
                if let label = t.label { add(label, .table, shown.number, LabelTable.locate(label, in: lesson, block: b, from: at)) }
            case .text: break
            }
        }
        var equations = 0
        for f in lesson.formulas.sorted(by: { $0.location < $1.location }) where f.display && f.used {
            guard let label = f.label else { continue }
            equations += 1
            add(label, .equation, equations, f.labelLocation ?? f.location)
        }
        for (label, kind, number, at) in found {
            let target = LabelTarget(label: label, kind: kind, number: number, line: at.line, column: at.column)
            if let first = byLabel[label] {
                diagnostics.append(Diagnostic(file: lesson.source.path, location: at,
                                              message: "the label '\(label)' is already used by \(first.name) at line \(first.line); "
                                                  + "labels must be unique in a lesson"))
                continue
            }
            byLabel[label] = target
            targets.append(target)
        }
    }

    /// Where a label is written in its block: the `"fig-NAME"` string from
    /// the output's statement on, else the statement itself.
    static func locate(_ label: String, in lesson: LessonRun, block: LessonRun.BlockResult, from at: SourceLocation) -> SourceLocation {
        let needle = "\"\(label)\""
        let last = block.origin.firstLine + block.source.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        for line in max(at.line, block.origin.firstLine)...max(at.line, last) where line >= 1 && line <= lesson.source.lines.count {
            let text = lesson.source.lines[line - 1]
            if let r = text.range(of: needle) {
                return SourceLocation(line: line, column: text[..<r.lowerBound].unicodeScalars.count + 1)
            }
        }
        return at
    }
}
