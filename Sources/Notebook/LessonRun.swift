import Foundation
import Lab

/// Everything one lesson produced, before it becomes HTML or a report.
public struct LessonRun: Sendable {
    public struct BlockResult: Sendable {
        public var id: String?
        public var line: Int
        public var source: String
        public var origin: SourceOrigin
        public var attributes: FenceAttributes
        public var run: BlockRun
        /// 1-based among the lesson's blocks: the anchor of a block without an id.
        public var ordinal: Int
        /// Whether the block ran or its snapshot came from a cache, and which.
        public var from: CacheOrigin = .computed
    }

    /// What one cell produced, at the cell's index.
    public enum CellResult: Sendable {
        case block(BlockResult)
        case inline(InlineRun)
    }

    public var source: LessonSource
    public var title: String
    /// The lesson's tree, with a `.cell` node where each result goes.
    public var tree: MarkdownNode
    var formulas: [MathProtector.Formula]
    public var results: [CellResult]
    /// How many blocks ran; the others were restored from their snapshots.
    public var blocksRun: Int
    /// Problems outside blocks: warnings about raw HTML, math, a bad lesson.
    public var diagnostics: [Diagnostic]
    public var seconds: Double
    /// Files the lesson's built-ins read, for the page cache.
    public var inputs: [URL]
    /// Where its results came from; nil without a cache.
    public var cache: CacheUse?
    /// Its labels, cross-references and citations (`ReferenceStage`).
    var prose = ProseLinks()

    public var blocks: [BlockResult] {
        results.compactMap { if case let .block(b) = $0 { b } else { nil } }
    }

    public var inlines: [InlineRun] {
        results.compactMap { if case let .inline(r) = $0 { r } else { nil } }
    }

    /// Every claim and expect in file order.
    public var claims: [ClaimResult] {
        (blocks.flatMap(\.run.claims) + inlines.compactMap(\.claim)).sorted { $0.location < $1.location }
    }

    public var tally: Tally {
        var t = Tally()
        for c in claims {
            switch c.status {
            case .pass: t.passed += 1; if c.kind == .erratum { t.errata += 1 }
            case .fail: t.failed += 1
            case .error: t.errors += 1
            }
        }
        t.errors += blocks.filter { $0.run.status == .error }.count
        t.errors += inlines.filter { $0.claim == nil && $0.diagnostic != nil }.count
        t.errors += diagnostics.filter { $0.severity == .error }.count
        return t
    }
}

public struct Tally: Sendable, Equatable {
    public var passed = 0
    public var failed = 0
    public var errors = 0
    /// Of `passed`, the errata: documented numbers that are wrong in the
    /// source material, shown struck through with the computed value.
    public var errata = 0
    public var isGreen: Bool { failed == 0 && errors == 0 }

    public static func + (a: Tally, b: Tally) -> Tally {
        Tally(passed: a.passed + b.passed, failed: a.failed + b.failed, errors: a.errors + b.errors, errata: a.errata + b.errata)
    }
}
