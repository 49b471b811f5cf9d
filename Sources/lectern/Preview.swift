import ArgumentParser
import Foundation
import Notebook
import Preview

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render, serve the pages on 127.0.0.1, and re-render and reload the browser on every save.")

    @OptionGroup var lessons: LessonOptions
    @OptionGroup var html: RawHTMLOption

    @Option(help: "Where the pages go (the same files `lectern render` writes).")
    var out = "output"

    @Option(help: "The port on 127.0.0.1 (0 lets the system choose).")
    var port: UInt16 = 8000

    @Flag(help: "Open the index in a browser with xdg-open.")
    var open = false

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        // An author previews the whole course; a shard is for CI's matrix.
        if lessons.shard != nil { throw ValidationError("--shard is for render and check, not preview") }
        let urls = (try? Pipeline.discover(lessons.paths)) ?? []
        let settings = PreviewSession.Settings(paths: lessons.paths, output: URL(fileURLWithPath: out),
                                               options: lessons.pipelineOptions(unsafe: html.unsafe, urls: urls), port: port)
        let session: PreviewSession
        do {
            session = try PreviewSession(settings, log: PreviewCommand.say, report: PreviewCommand.report)
        } catch { throw ValidationError("\(error)") }
        do {
            try session.run { url in
                PreviewCommand.say("serving \(url) (Ctrl-C stops)")
                if open { PreviewCommand.openBrowser(url) }
            }
        } catch let error as PreviewError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// One line per lesson that ran or whose page changed, as `render` prints it.
    static func report(_ o: Pipeline.Outcome, _ target: URL, _ wrote: Bool) {
        Terminal.printDiagnostics(o)
        let r = o.report
        let state = o.html == nil ? "not loaded" : o.cached ? "cached" : String(format: "%.2f s", r.seconds)
        let verdict = r.tally.isGreen ? "" : "  (\(r.failed) failed, \(r.errors) errors)"
        say("\(o.path) → \(Pipeline.relative(target))  \(state)\(verdict)")
    }

    /// Unbuffered, so lines reach a pipe (an editor's terminal, a test) as they happen.
    @Sendable static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func openBrowser(_ url: String) {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/xdg-open" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else {
            say("xdg-open is not installed; open \(url) in a browser")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run(); say("opened \(url) with xdg-open") } catch {
            say("xdg-open failed (\(error)); open \(url) in a browser")
        }
    }
}
