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

    func run() throws {
        let pipeline = Pipeline(options: lessons.pipelineOptions(unsafe: html.unsafe))
        let urls: [URL]
        do { urls = try Pipeline.discover(lessons.paths) } catch { throw ValidationError("\(error)") }
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
            let state = o.cached ? (wrote ? "cached" : "unchanged") : String(format: "%.2f s", r.seconds)
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
        let status = Pipeline.exitStatus(outcomes)
        if status != 0 { throw ExitCode(status) }
    }
}

extension LessonOptions {
    func pipelineOptions(unsafe: Bool = false) -> Pipeline.Options {
        var o = Pipeline.Options()
        o.unsafe = unsafe
        o.useCache = !noCache
        o.projectRoot = root.map { URL(fileURLWithPath: $0) }
        return o
    }
}
