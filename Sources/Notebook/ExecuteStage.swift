import Foundation
import Lab

/// Stage: runs a lesson's cells in order in one session. A failing block
/// never stops the lesson; `Session` skips the blocks that depend on it.
struct ExecuteStage {
    var projectRoot: URL
    var cache: BuiltinCache?
    /// The fuzzer (Fuzz/) runs lessons on a registry without data sets and
    /// training, and caps each block's timeout; the pipeline uses the defaults.
    var registry: BuiltinRegistry = .standard
    var maxTimeout: Double = .infinity
    /// Where block snapshots live (nil: every block runs), and what of the
    /// run's environment goes into their keys.
    var blocks: BlockStore?
    var context = ""

    /// `tree` is the collected tree, whose `.cell` nodes index `cells`.
    func run(_ source: LessonSource, parsed: ParsedLesson, tree: MarkdownNode, cells: [Cell]) -> LessonRun {
        let (lesson, session) = run(source, parsed: parsed, tree: tree, cells: cells, reuse: true)
        // A stored value that fails its check is never used: the lesson runs
        // again without reusing anything (and stores fresh snapshots).
        guard session.unreadableValue else { return lesson }
        return run(source, parsed: parsed, tree: tree, cells: cells, reuse: false).0
    }

    private func run(_ source: LessonSource, parsed: ParsedLesson, tree: MarkdownNode, cells: [Cell],
                     reuse: Bool) -> (LessonRun, Session) {
        let started = Date()
        let session = Session(file: source.path, seed: source.frontMatter.seed,
                              lessonDirectory: source.url.deletingLastPathComponent(),
                              projectRoot: projectRoot, registry: registry, cache: cache)
        var results: [LessonRun.CellResult] = []
        var blocks = 0, ran = 0
        var solutions = SolutionNames()
        // Where each block's and span's result came from, for the report.
        let tally: CacheTally? = self.blocks == nil ? nil : CacheTally()
        for cell in cells {
            switch cell.kind {
            case let .block(text, attributes, fenceLine):
                blocks += 1
                let ordinal = blocks
                let label = attributes.id.map { "block '\($0)' (line \(fenceLine))" } ?? "the block at line \(fenceLine)"
                Activity.shared.begin(block: label)
                let seedKey = attributes.id ?? "block-\(ordinal)"
                let scope = attributes.solution ? session.openPrivateScope(block: text, origin: cell.origin) : nil
                var run: BlockRun
                var from = CacheOrigin.computed
                if let store = self.blocks {
                    let key = BlockStore.key(context: context, session: session, path: source.path, source: text,
                                             attributes: attributes, seedKey: seedKey, origin: cell.origin)
                    // A failed or skipped block's messages name its line, so
                    // it is reused only where it stood.
                    if reuse, let (stored, origin) = store.load(key), stored.run.status == .ok || stored.label == label {
                        from = origin
                        let moved = stored.moved(to: cell.origin.firstLine)
                        session.restore(moved, key: key)
                        run = moved.run
                    } else {
                        let (fresh, snapshot) = session.runAndSnapshot(block: text, origin: cell.origin, label: label, seedKey: seedKey,
                                                                       timeout: min(attributes.timeout, maxTimeout), key: key)
                        if let snapshot { store.store(key, snapshot) }
                        run = fresh
                        ran += 1
                    }
                } else {
                    run = session.run(block: text, origin: cell.origin, label: label,
                                      seedKey: seedKey, timeout: min(attributes.timeout, maxTimeout))
                    ran += 1
                }
                tally?.block(from)
                run = solutions.explain(run)
                if let scope {
                    solutions.hide(session.closePrivateScope(scope), solutionAt: fenceLine)
                } else {
                    solutions.forget(boundIn: session)
                }
                results.append(.block(.init(id: attributes.id, line: fenceLine, source: text, origin: cell.origin,
                                            attributes: attributes, run: run, ordinal: ordinal, from: from)))
            case let .badBlock(text, fenceLine, error):
                // Its names are unknown, so nothing later can be skipped on its account;
                // the error box says why it did not run.
                blocks += 1
                results.append(.block(.init(id: nil, line: fenceLine, source: text, origin: cell.origin,
                                            attributes: FenceAttributes(),
                                            run: BlockRun(status: .error, diagnostics: [error]), ordinal: blocks)))
            case let .inline(text):
                guard let store = self.blocks else {
                    results.append(.inline(solutions.explain(session.evaluate(inline: text, origin: cell.origin))))
                    continue
                }
                let key = BlockStore.key(context: context, session: session, path: source.path, inline: text, origin: cell.origin)
                if reuse, let (stored, origin) = store.loadInline(key, at: cell.origin.firstLine) {
                    tally?.inline(origin)
                    session.skipInline()
                    results.append(.inline(solutions.explain(stored)))
                    continue
                }
                let filesBefore = session.filesRead.count
                let fresh = session.evaluate(inline: text, origin: cell.origin)
                tally?.inline(.computed)
                // A span that read a file would need its signature checked too; it simply runs each time.
                if session.filesRead.count == filesBefore { store.storeInline(key, fresh, firstLine: cell.origin.firstLine) }
                results.append(.inline(solutions.explain(fresh)))
            }
        }
        return (LessonRun(source: source, title: parsed.title, tree: tree, formulas: parsed.formulas,
                          results: results, blocksRun: ran, diagnostics: parsed.diagnostics,
                          seconds: Date().timeIntervalSince(started), inputs: session.filesRead, cache: tally?.use), session)
    }
}

/// Stage: protects math, parses Markdown, finds the title.
struct ParsedLesson: Sendable {
    var tree: MarkdownNode
    var formulas: [MathProtector.Formula]
    var title: String
    var diagnostics: [Diagnostic]
}

struct ParseStage {
    func run(_ source: LessonSource) throws(Diagnostic) -> ParsedLesson {
        let (protected, found) = MathProtector.protect(source.body)
        var formulas = found
        let parsed: MarkdownNode
        do { parsed = try MarkdownParser.parse(protected) } catch {
            // cmark counts bytes; authors count characters.
            let line = error.line >= 1 && error.line <= source.lines.count ? source.lines[error.line - 1] : ""
            let column = String(decoding: line.utf8.prefix(max(0, error.byteColumn - 1)), as: UTF8.self).unicodeScalars.count + 1
            throw Diagnostic(file: source.path, location: SourceLocation(line: error.line, column: column),
                             message: "blocks and inlines may nest at most \(MarkdownParser.maxDepth) levels; this one is nested deeper")
        }
        let tree = MathProtector.unprotect(parsed, &formulas)
        var title = source.frontMatter.title
        if title == nil, let h = firstHeading(tree) {
            title = MathText.restore(h.plainText, formulas: formulas)
        }
        let fallback = source.url.deletingPathExtension().lastPathComponent
        return ParsedLesson(tree: tree, formulas: formulas, title: title ?? fallback, diagnostics: [])
    }

    private func firstHeading(_ node: MarkdownNode) -> MarkdownNode? {
        if case .heading(level: 1) = node.kind { return node }
        for c in node.children { if let h = firstHeading(c) { return h } }
        return nil
    }
}

/// Puts formulas' TeX back where only plain text will do (titles, ids).
enum MathText {
    static func restore(_ text: String, formulas: [MathProtector.Formula]) -> String {
        var out = ""
        var scalars = text.unicodeScalars[...]
        while let c = scalars.first {
            scalars.removeFirst()
            if c == MathProtector.open, let end = scalars.firstIndex(of: MathProtector.close),
               let i = Int(String(String.UnicodeScalarView(scalars[..<end]))), i < formulas.count {
                out += formulas[i].tex
                scalars = scalars[scalars.index(after: end)...]
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
