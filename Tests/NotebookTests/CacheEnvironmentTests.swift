import Datasets
import Foundation
import Testing
@testable import Notebook

/// A page that depends on something outside the project (the data folder,
/// whether KaTeX is installed) is cached only together with it: when it
/// changes, the page is made again rather than served as it was.
@Suite struct CacheEnvironmentTests {
    static let lesson = "# Data\n\n```experiment id=d\nd = take(fashion_mnist(split=\"test\"), 3)\n```\n"

    /// A data folder holding links to the installed test split, or nil when it is not installed.
    static func dataFolder(in folder: LessonFolder, _ name: String) throws -> URL? {
        let installed = URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist")
        let split = FashionMNIST.Split.test
        guard FileManager.default.fileExists(atPath: installed.appendingPathComponent(split.imagesFile).path) else { return nil }
        let data = folder.root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for file in [split.imagesFile, split.labelsFile] {
            try FileManager.default.createSymbolicLink(at: data.appendingPathComponent(file),
                                                       withDestinationURL: installed.appendingPathComponent(file))
        }
        return data
    }

    static func render(_ folder: LessonFolder, data: URL) throws -> Pipeline.Outcome {
        try FashionMNIST.$folderOverride.withValue(data) { try folder.render(cache: true)[0].outcome }
    }

    @Test func dataThatArrivesAfterAFailedRunIsUsed() throws {
        let folder = try LessonFolder()
        try folder.write("01-data.md", Self.lesson)
        let empty = folder.root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let failed = try Self.render(folder, data: empty)
        #expect(failed.report.errors == 1)
        try FileManager.default.removeItem(at: empty)
        guard let data = try Self.dataFolder(in: folder, "data") else { return }
        #expect(data.path == empty.path)
        let fixed = try Self.render(folder, data: data)
        #expect(!fixed.cached && fixed.report.errors == 0)
        #expect(try Self.render(folder, data: data).cached, "and the good run is cached")
    }

    @Test func dataThatGoesAwayIsMissed() throws {
        let folder = try LessonFolder()
        try folder.write("01-data.md", Self.lesson)
        guard let data = try Self.dataFolder(in: folder, "data") else { return }
        #expect(try Self.render(folder, data: data).report.errors == 0)
        #expect(try Self.render(folder, data: data).cached)
        try FileManager.default.removeItem(at: data)
        // (Whether it then fails depends on what this process has already loaded.)
        #expect(try !Self.render(folder, data: data).cached)
    }

    @Test func anotherDataFolderIsAnotherPage() throws {
        let folder = try LessonFolder()
        try folder.write("01-data.md", Self.lesson)
        guard let first = try Self.dataFolder(in: folder, "data"), let second = try Self.dataFolder(in: folder, "more") else { return }
        #expect(try Self.render(folder, data: first).report.errors == 0)
        #expect(try Self.render(folder, data: first).cached)
        #expect(try !Self.render(folder, data: second).cached)
    }

    /// A page typeset without KaTeX is not the page once KaTeX is installed.
    @Test func installingKaTeXRetypesetsThePage() throws {
        let folder = try LessonFolder()
        let url = try folder.write("01-math.md", "# Math\n\nEnergy is $E = mc^2$.\n")
        func run(_ math: String) -> Pipeline.Outcome {
            Pipeline(options: folder.options(cache: true), environment: "data=/nowhere\n" + math).run(url, render: true)
        }
        #expect(!run("math=tex-source").cached)
        #expect(run("math=tex-source").cached)
        #expect(!run("math=katex 0.16.4 at /usr/share/nodejs/katex by /usr/bin/node").cached)
        #expect(Pipeline.environment().contains(MathRenderer.availability))
        let found = MathRenderer.node != nil && MathRenderer.katexModule != nil
        #expect(MathRenderer.availability.hasPrefix(found ? "math=katex " : "math=tex-source"))
    }
}
