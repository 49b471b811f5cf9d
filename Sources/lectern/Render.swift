import ArgumentParser
import Foundation
import Notebook

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run each lesson's experiments and write one HTML page per lesson plus index.html.")

    @OptionGroup var lessons: LessonOptions
    @OptionGroup var html: RawHTMLOption
    @OptionGroup var memory: MemoryLimitOption

    @Option(help: "Where the pages go.")
    var out = "output"

    @Option(help: ArgumentHelp("Also write the report, as `check --json` does (with where each result came from), to this file.",
                               valueName: "file"))
    var json: String?

    func validate() throws {
        guard let path = json, path != "-" else { return }
        do { try OutputFolder.checkWritable(file: URL(fileURLWithPath: path)) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let urls = try lessons.lessonURLs()
        let pipeline = Pipeline(options: lessons.pipelineOptions(unsafe: html.unsafe, urls: urls))
        // Refused before anything runs: pages that would overwrite each other
        // or the index, and an output folder that cannot be written.
        do {
            _ = try Pipeline.pageNames(Pipeline.course(of: urls))
            try OutputFolder.prepare(out)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let started = Date()
        var total = 0.0
        let live = LiveLine()
        defer { live.stop() }
        let outcomes = try pipeline.render(urls, to: URL(fileURLWithPath: out), jobs: lessons.jobs) { o, target, wrote in
            Terminal.printDiagnostics(o)
            let r = o.report
            total += r.seconds
            let blocks = r.blocks.count
            let claims = r.claims.count
            let remote = r.cache?.page == .remote ? " from the remote cache" : ""
            let state = o.cached ? (wrote ? "cached" : "unchanged") + remote : String(format: "%.2f s", r.seconds)
            let verdict = r.tally.isGreen ? "" : "  (\(r.failed) failed, \(r.errors) error\(r.errors == 1 ? "" : "s"))"
            if o.failedToLoad {
                live.print("\(o.path) → \(Pipeline.relative(target))  error page: the lesson could not be rendered")
                return
            }
            let ran = o.cached ? "" : " (\(r.ran ?? blocks) ran)"
            live.print("\(o.path) → \(Pipeline.relative(target))  \(blocks) block\(blocks == 1 ? "" : "s")\(ran), "
                  + "\(claims) claim\(claims == 1 ? "" : "s"), \(state)\(verdict)")
        }
        live.stop()
        let wall = Date().timeIntervalSince(started)
        print(String(format: "rendered %d lesson%@ in %.2f s", outcomes.count, outcomes.count == 1 ? "" : "s", wall))
        if let json { try ReportJSON.write(lessons.report(outcomes.map(\.report)), to: json) }
        let status = Pipeline.exitStatus(outcomes)
        if status != 0 { throw ExitCode(status) }
    }
}

