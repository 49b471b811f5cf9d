import ArgumentParser
import Foundation
import Notebook

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the lessons and report whether every documented number still reproduces.",
        discussion: "Exit status: 0 when nothing failed, 1 when a claim failed or an error occurred, 2 on a usage error.")

    @OptionGroup var lessons: LessonOptions
    @OptionGroup var memory: MemoryLimitOption

    @Option(help: "Also write the report as JSON to this file.")
    var json: String?

    func run() throws {
        let pipeline = Pipeline(options: lessons.pipelineOptions)
        let urls: [URL]
        do { urls = try Pipeline.discover(lessons.paths) } catch { throw ValidationError("\(error)") }
        var reports: [LessonReport] = []
        for url in urls {
            let o = pipeline.run(url, render: false)
            Terminal.printDiagnostics(o)
            let r = o.report
            for p in r.problems ?? [] { print("ERROR \(r.path):\(p.line):\(p.column): \(p.message)") }
            for b in r.blocks {
                if let e = b.error { print("ERROR \(r.path):\(e.line):\(e.column): \(e.message)") }
                if let why = b.reason { print("SKIP  \(r.path):\(b.line): block \(b.id ?? "") \(why)") }
            }
            for c in r.claims {
                let at = "\(r.path):\(c.line):\(c.column)"
                let computed = c.computed.map { v -> String in
                    switch v {
                    case let .number(x): return Terminal.number(x)
                    case let .text(t): return t
                    }
                } ?? ""
                switch c.status {
                case "pass": print("PASS  \(at)  \(c.source)  (computed \(computed))")
                case "fail":
                    print("FAIL  \(at)  \(c.source)  documented \(c.documented ?? "true"), computed \(computed)"
                          + (c.kind == "erratum" ? " (an erratum that reproduces)" : ""))
                default: print("ERROR \(at)  \(c.source)  \(c.error?.message ?? "")")
                }
            }
            reports.append(r)
        }
        let report = CheckReport(passed: reports.reduce(0) { $0 + $1.passed }, failed: reports.reduce(0) { $0 + $1.failed },
                                 errors: reports.reduce(0) { $0 + $1.errors }, lessons: reports)
        if let path = json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        if report.errors > 0 { print("\(report.errors) error\(report.errors == 1 ? "" : "s")") }
        print("\(report.passed) passed, \(report.failed) failed")
        if report.failed > 0 || report.errors > 0 { throw ExitCode(1) }
    }
}

enum Terminal {
    static func printDiagnostics(_ o: Pipeline.Outcome) {
        for d in o.diagnostics { FileHandle.standardError.write(Data((d.rendered + "\n").utf8)) }
        for w in o.warnings { FileHandle.standardError.write(Data((w + "\n").utf8)) }
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.6g", x)
    }
}
