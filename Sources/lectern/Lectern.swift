import ArgumentParser
import Foundation
import Notebook

@main
struct Lectern: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lectern",
        abstract: "Literate lessons on ConvNets: Markdown with experiments in, checked HTML pages out.",
        version: "0.1.0",
        subcommands: [Init.self, Render.self, Check.self, Report.self, PreviewCommand.self, Bench.self, Help.self])

    /// LESSON-FORMAT.md section 8 wants exit status 2 for a usage error;
    /// ArgumentParser's own convention is 64 (EX_USAGE).
    static func main() {
        NativeKernels.ensure()
        MemorySettings.apply()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options shared by the commands that run lessons.
struct LessonOptions: ParsableArguments {
    @Argument(help: "Lesson files or folders of lessons.")
    var paths: [String] = ["lessons"]

    @Flag(name: .customLong("no-cache"), help: "Ignore .lectern-cache/ and run every block.")
    var noCache = false

    @Option(help: "The project folder: lessons read files only inside it; .lectern-cache/ lives here.")
    var root: String?

    @Option(help: "Run this many lessons at once (default: the number of cores). Two lessons that need the same memoized result compute it once.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Run only part K of N of the lessons, split by the run times in lectern-timings.json (else by file order); the N parts hold every lesson once.",
                               valueName: "K/N"))
    var shard: String?

    @Option(name: .customLong("cache-url"),
            help: ArgumentHelp("A shared remote cache under .lectern-cache/ (bazel-remote, or nginx with WebDAV PUT); default: cache_url in lectern.yml; '' for none. Credentials: LECTERN_CACHE_AUTH.",
                               valueName: "url"))
    var cacheURL: String?

    @Flag(name: .customLong("cache-read-only"), help: "Read the remote cache but store nothing in it (also cache_read_only: true in lectern.yml).")
    var cacheReadOnly = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError("\(error)") }
        }
        if let cacheURL, !cacheURL.isEmpty {
            do { _ = try HTTPRemoteStore.parse(cacheURL) } catch { throw ValidationError("--cache-url: \(error)") }
        }
    }
}

/// `--unsafe`, only where pages are written: `check` shows no HTML.
struct RawHTMLOption: ParsableArguments {
    @Flag(help: "Keep raw HTML in lessons instead of omitting it.")
    var unsafe = false
}
