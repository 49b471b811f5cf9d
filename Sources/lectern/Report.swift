import ArgumentParser
import Foundation
import Notebook

/// `lectern report`: what is done with reports after lessons ran.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the JSON reports of check and render.",
        subcommands: [Merge.self])

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge the --json reports of shards (--shard K/N) into the report of one run of the whole course.",
            discussion: "Prints the same summary as check and exits as check would for the whole course: 0 when nothing failed, 1 when a claim failed or an error occurred, 2 when the reports do not make one course (a lesson in two reports, or, with --expect, a lesson in none).")

        @Argument(help: "The shards' reports (check --json or render --json).")
        var reports: [String]

        @Option(help: ArgumentHelp("Write the merged report to this file; '-' prints only the JSON, to stdout.", valueName: "file"))
        var json: String?

        @Option(help: ArgumentHelp("The course's lessons (files or folders, as given to check): every one must be in exactly one report.",
                                   valueName: "lessons"))
        var expect: [String] = []

        @Option(help: ArgumentHelp("The project folder, for --expect's lesson paths (default: found from the lessons).", valueName: "folder"))
        var root: String?

        @Option(help: ArgumentHelp("Record each lesson's run time in this file (lectern-timings.json beside lectern.yml is what --shard balances by; commit it).",
                                   valueName: "file"))
        var timings: String?

        func run() throws {
            var loaded: [(name: String, report: CheckReport)] = []
            for path in reports {
                guard let data = FileManager.default.contents(atPath: path) else { throw usage("cannot read \(path)") }
                do { loaded.append((path, try JSONDecoder().decode(CheckReport.self, from: data))) } catch {
                    throw usage("\(path) is not a report of lectern check --json or render --json")
                }
            }
            var expected: [String]?
            if !expect.isEmpty {
                let urls: [URL]
                do { urls = try Pipeline.discover(expect) } catch { throw usage("\(error)") }
                let rootURL = root.map { URL(fileURLWithPath: $0) }
                expected = urls.map { Pipeline.reportPath($0, root: rootURL) }
            }
            let merged: CheckReport
            do { merged = try ReportMerge.merge(loaded, expected: expected) } catch { throw usage("\(error)") }
            if let json { try ReportJSON.write(merged, to: json) }
            if let timings { try LessonTimings.write(ReportMerge.timings(merged), to: URL(fileURLWithPath: timings)) }
            let say: (String) -> Void = json == "-" ? { Terminal.error($0) } : { print($0) }
            for line in CheckText.summary(merged) { say(line) }
            if merged.failed > 0 || merged.errors > 0 { throw ExitCode(1) }
        }

        private func usage(_ message: String) -> ExitCode {
            Terminal.error("error: \(message)")
            return ExitCode(2)
        }
    }
}
