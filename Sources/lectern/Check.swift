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
            for line in CheckText.lines(r) { print(line) }
            reports.append(r)
        }
        let report = CheckReport(passed: reports.reduce(0) { $0 + $1.passed }, failed: reports.reduce(0) { $0 + $1.failed },
                                 errors: reports.reduce(0) { $0 + $1.errors }, lessons: reports)
        if let path = json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        for line in CheckText.summary(report) { print(line) }
        if report.failed > 0 || report.errors > 0 { throw ExitCode(1) }
    }
}

enum Terminal {
    static func printDiagnostics(_ o: Pipeline.Outcome) {
        for d in o.diagnostics { FileHandle.standardError.write(Data((d.rendered + "\n").utf8)) }
        for w in o.warnings { FileHandle.standardError.write(Data((w + "\n").utf8)) }
    }
}
