import Tensors
import Foundation
@testable import Lab
import NeuralNet
@testable import Notebook

/// The entry points of the fuzz targets, one per target, each taking the
/// fuzzer's bytes. The fuzzers (Fuzz/Targets/) and the regression tests of
/// the crashes they found (Tests/NotebookTests/FuzzRegressionTests.swift,
/// which compiles this same file through a symlink) call exactly these, so a
/// reproducer replays the same path in both. Nothing here may throw or
/// print: bad input must end as a diagnostic, and only a crash is a finding.
public enum FuzzEntry {
    /// Built-ins that read files or data sets, train, or run long optimizations:
    /// the fuzzer has no data set and wants thousands of runs a second.
    static let denied: Set<String> = [
        "load_image", "fashion_mnist", "dataset", "take", "train", "evaluate", "gradcheck",
        "class_model", "invert", "fool", "deepdream", "style_transfer", "fgsm", "minimal_perturbation",
        "tsne", "embed_grid", "probe", "top_patches", "unit_stats", "top_classes", "occlusion",
    ]

    /// The standard registry without the denied built-ins.
    public static let registry = BuiltinRegistry(BuiltinRegistry.standard.all.filter { !denied.contains($0.name) })

    /// A wall-time cap per block, under libFuzzer's `-timeout=10`.
    static let blockTimeout = 2.0

    /// An empty project folder, so nothing a lesson names can be read.
    static let scratch: URL = {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("lectern-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: dir.appendingPathComponent("lessons"),
                                                 withIntermediateDirectories: true)
        return dir
    }()

    /// The bytes as a whole lesson file: load → parse → collect → execute →
    /// render, as `Pipeline.run(_:render: true)` does, without the page cache,
    /// and with math shown as TeX rather than typeset by a node process.
    public static func lesson(_ bytes: [UInt8]) {
        let url = scratch.appendingPathComponent("lessons").appendingPathComponent("fuzz.md")
        guard let source = try? LessonSource(bytes: bytes, path: "lessons/fuzz.md", url: url) else { return }
        guard let parsed = try? ParseStage().run(source) else { return }
        let (tree, cells) = CollectStage(source: source).run(parsed.tree)
        let stage = ExecuteStage(projectRoot: scratch, cache: nil, registry: registry, maxTimeout: blockTimeout)
        var lesson = stage.run(source, parsed: parsed, tree: tree, cells: cells)
        ReferenceStage(bibliography: bibliography).run(&lesson)
        let render = RenderStage(unsafe: false, builtins: Set(registry.names), projectRoot: scratch)
        let (html, _, _) = render.run(lesson, math: lesson.formulas.map(MathRenderer.fallback))
        _ = CourseLabels.replace(html, lesson.prose.external.map { ReferenceHTML.missing($0.label) })
        _ = LessonReport(lesson)
    }

    /// A small bibliography, so fuzzed prose reaches citations too.
    static let bibliography: Bibliography = {
        var b = Bibliography()
        let text = "@article{zeiler2014, author = {Zeiler, M. and Fergus, R.}, title = {Visualizing}, year = 2014}\n"
            + "@book{b, author = {A and B and C}, title = {T}, year = {2000}}"
        for e in (try? BibTeX.parse(text, file: "fuzz.bib")) ?? [] {
            b.works[e.key] = Work(e)
            b.keys.append(e.key)
        }
        return b
    }()

    /// The bytes (as UTF-8, repaired) as one experiment block's source, lexed,
    /// parsed and run in a fresh session, each output displayed.
    public static func language(_ bytes: [UInt8]) {
        let source = String(decoding: bytes, as: UTF8.self)
        let session = Session(file: "fuzz.md", lessonDirectory: scratch, projectRoot: scratch, registry: registry)
        let run = session.run(block: source, origin: SourceOrigin(file: "fuzz.md"), label: "the fuzzed block",
                              seedKey: "fuzz", timeout: blockTimeout)
        for d in run.diagnostics { _ = d.rendered }
        for c in run.claims { _ = c.computedText }
        _ = session.evaluate(inline: source, origin: SourceOrigin(file: "fuzz.md"))
    }

    /// The bytes through every cache decoder: as they are, and with a valid
    /// checksum appended, since a fuzzer cannot forge an FNV-1a checksum and
    /// everything past the check would otherwise go unexplored.
    public static func decoders(_ bytes: [UInt8]) {
        for input in [bytes, bytes + checksummed(bytes)] {
            _ = RecordCodec.decode(input)
            _ = try? ModelFile.decode(input)
        }
        _ = try? JSONDecoder().decode(PageCache.Entry.self, from: Data(bytes))
        // The bytes as a bibliography: parsed, and each entry made a work and an entry of a References list.
        for e in (try? BibTeX.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.bib")) ?? [] {
            let w = Work(e)
            _ = ReferenceHTML.entry(w, year: w.year) + w.shortAuthors
        }
    }

    /// The little-endian FNV-1a trailer both binary formats end with.
    static func checksummed(_ bytes: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: FNV1a.hash(bytes[...]).littleEndian) { Array($0) }
    }
}
