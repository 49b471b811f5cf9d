import ArgumentParser
import Foundation
import Notebook

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the lessons and report whether every documented number still reproduces.",
        discussion: "Exit status: 0 when nothing failed, 1 when a claim failed or an error occurred, 2 on a usage error.")

    @OptionGroup var lessons: LessonOptions
    @OptionGroup var memory: MemoryLimitOption

    @Option(help: ArgumentHelp("Also write the report as JSON to this file; '-' prints only the JSON, to stdout.",
                               valueName: "file"))
    var json: String?

    @Flag(help: "Rewrite each inline ~ claim that no longer reproduces to the computed value, written the same way, fill each placeholder ~ ? (~ ?.2: two decimals, ~ ?3: three significant digits), and print the diff.")
    var fix = false

    @Flag(help: "Also print every value the lessons show (bare expressions in blocks, `= x` spans in the prose) with its location.")
    var show = false

    @Flag(help: "Count claims that cannot meaningfully fail (a WARN line: the tolerance includes 0, or is more than half the documented value) as failures.")
    var strict = false

    @Flag(name: .customLong("dry-run"), help: "With --fix: only print the diff; exit 1 if anything would change.")
    var dryRun = false

    /// A bad --json path fails now, not after the lessons ran.
    func validate() throws {
        if dryRun && !fix { throw ValidationError("--dry-run goes with --fix") }
        guard let path = json, path != "-" else { return }
        do { try OutputFolder.checkWritable(file: URL(fileURLWithPath: path)) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let urls = try lessons.lessonURLs()
        // A shard may rightly be empty (more shards than lessons); a course may not.
        guard !urls.isEmpty || lessons.shard != nil else {
            throw ValidationError("no lessons in \(lessons.paths.joined(separator: " ")): give .md files or folders that hold them")
        }
        let pipeline = Pipeline(options: lessons.pipelineOptions(urls: urls))
        // With `--json -` standard output carries only the JSON.
        let live = LiveLine()
        defer { live.stop() }
        let say: (String) -> Void = json == "-" ? { Terminal.error($0) } : { live.print($0) }
        var reports: [LessonReport] = []
        var fixedClaims = 0, changedFiles = 0
        // Lessons run side by side; each one's lines print as it finishes,
        // or, if it refers to another lesson's labels, once all have run.
        func report(_ o: Pipeline.Outcome) {
            // A page cached by `render` carries its caption WARN lines, which the report below prints already.
            Terminal.printWarnings(o, except: Set(o.report.warningLines))
            for line in CheckText.lines(strict ? o.report.strict() : o.report, show: show) { say(line) }
        }
        var outcomes = Pipeline.concurrently(urls, jobs: lessons.jobs, { pipeline.run($0, render: false) }) { _, o in
            if !o.waitsForCourse { report(o) }
        }
        let waiting = outcomes.indices.filter { outcomes[$0].waitsForCourse }
        outcomes = pipeline.resolveReferences(outcomes, of: urls)
        for k in waiting { report(outcomes[k]) }
        for (url, o) in zip(urls, outcomes) {
            let r = strict ? o.report.strict() : o.report
            reports.append(r)
            if fix, let text = try? String(contentsOf: url, encoding: .utf8) {
                let (fixedText, edits, fixed) = ClaimFixer.fix(text, claims: o.report.claims)  // --strict's failures hold; there is no number to fix
                guard !edits.isEmpty else { continue }
                say(String(ClaimFixer.diff(path: r.path, original: text, edits: edits).dropLast()))
                fixedClaims += fixed
                changedFiles += 1
                if !dryRun { try AtomicFile.write(Array(fixedText.utf8), to: url) }
            }
        }
        let report = lessons.report(reports)
        if let path = json { try ReportJSON.write(report, to: path) }
        if fix {
            let files = changedFiles == 1 ? "1 file" : "\(changedFiles) files"
            let claims = fixedClaims == 1 ? "1 claim" : "\(fixedClaims) claims"
            say(dryRun ? "would fix \(claims) in \(files)" : "fixed \(claims) in \(files)")
        }
        for line in CheckText.summary(report) { say(line) }
        if fix && dryRun && changedFiles > 0 { throw ExitCode(1) }
        // Claims just rewritten to their computed values no longer fail.
        let failed = report.failed - (fix && !dryRun ? fixedClaims : 0)
        if failed > 0 || report.errors > 0 { throw ExitCode(1) }
    }
}

enum Terminal {
    static func printDiagnostics(_ o: Pipeline.Outcome) {
        for d in o.diagnostics { error(d.rendered) }
        printWarnings(o)
    }

    /// `check` reports errors in its ERROR lines; warnings go to standard error.
    static func printWarnings(_ o: Pipeline.Outcome, except said: Set<String> = []) {
        for w in o.warnings where !said.contains(w) { error(w) }
    }

    static func error(_ line: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((line + terminator).utf8))
    }
}
