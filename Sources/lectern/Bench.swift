import ArgumentParser
import Benchmarks
import Foundation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the compute core: sgemm, convolutions, training throughput, t-SNE and peak memory.",
        discussion: """
            Every figure is a median of several runs after a warm-up. Run a release build on an idle \
            machine; numbers from a busy one are noisy. OpenBLAS's kernels and thread count are part \
            of the report, since the figures mean nothing without them.
            """)

    @Option(help: ArgumentHelp("Also write the results as JSON to this file; '-' prints only the JSON, to stdout.",
                               valueName: "file"))
    var json: String?

    @Flag(help: "Few repeats: checks that every benchmark runs (CI), too noisy to compare.")
    var quick = false

    @Flag(help: "Time t-SNE at 2,000, 5,000 and 10,000 points, not only 2,000 (adds about half a minute).")
    var tsne = false

    /// A bad --json path fails now, not after a minute of measuring.
    func validate() throws {
        guard let path = json, path != "-" else { return }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("cannot write the JSON to \(path): there is no folder \(folder)")
        }
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw ValidationError("cannot write the JSON to \(path): it is a folder")
        }
    }

    func run() throws {
        let report: BenchReport
        let data: Data
        do {
            var settings: BenchSettings = quick ? .quick : .full
            if tsne { settings.tsneSizes = EmbeddingBench.comparisonSizes }
            report = try BenchSuite.run(settings)
            data = try report.json()
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        if json == "-" {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
            return
        }
        print(([report.table()] + report.tsneLines()).joined(separator: "\n"))
        guard let path = json else { return }
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            FileHandle.standardError.write(Data("error: cannot write \(path): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
    }
}
