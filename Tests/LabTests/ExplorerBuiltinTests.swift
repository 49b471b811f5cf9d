import Figures
import Foundation
import Testing
@testable import Lab

/// `explorer(net, images, layers=)` (format 1.1, section 9.6) on the pixel
/// detector of UnitBuiltinTests: the figure it makes, its arguments'
/// errors, and its trip through the store (ValueCodec and a block snapshot),
/// where a damaged figure is refused rather than shown.
@Suite struct ExplorerBuiltinTests {
    static func figure(_ call: String, in s: Session? = nil) throws -> (FigureValue, ExplorerFigure) {
        let s = s ?? UnitBuiltinTests.session()
        let v = try #require(UnitBuiltinTests.value(call, in: s))
        guard case let .object(o) = v, let f = o as? FigureValue, case let .explorer(e) = f.content else {
            throw ExplorerTestError.notAnExplorer
        }
        return (f, e)
    }

    enum ExplorerTestError: Error { case notAnExplorer }

    @Test func theFigureHoldsEveryImageLayerAndUnit() throws {
        let (f, e) = try Self.figure("explorer(net, ds, layers=[\"conv1\", \"pool1\"], caption=\"Pick a unit.\")")
        #expect(f.caption == "Pick a unit." && f.alt == "Pick a unit.")
        #expect(e.isConsistent)
        #expect(e.images.count == 5 && e.labels[0] == e.labels[4] && e.labels[1] == e.labels[3] && e.labels[0] != e.labels[1],
                "the dataset's class names: \(e.labels)")
        #expect(e.layers.map(\.name) == ["conv1", "pool1"] && e.layers.map(\.units) == [2, 2])
        #expect(e.layers[0].filters != nil && e.layers[1].filters == nil)
        // pool1 unit 1 on image 1 is the bright pixel 0.9; its top patches are
        // over the five images (k is 5: fewer images than 9).
        #expect(e.layers[1].peaks[1][1] == 0.9)
        #expect(e.layers[1].patches.columns == 5 && e.pool == "5 images")
        let html = e.html(alt: f.alt)
        #expect(html.contains("<script>") && html.contains("role=\"slider\"") && html.contains("aria-label=\"Pick a unit.\""))
        #expect(!html.contains("http:") && !html.contains("https:") && !html.contains("src=\"//"), "loads nothing")
    }

    @Test func theDefaultsAndTopFrom() throws {
        let s = UnitBuiltinTests.session()
        UnitBuiltinTests.run("few = take(ds, 2)", in: s)
        let (_, e) = try Self.figure("explorer(net, few.images, top_from=ds, labels=[\"a\", \"b\"])", in: s)
        #expect(e.layers.map(\.name) == ["conv1"], "the CONV layers by default")
        #expect(e.labels == ["a", "b"] && e.pool == "5 images")
    }

    @Test func badArgumentsAreLocatedErrors() {
        let cases: [(String, String)] = [
            ("explorer(net, ds, layers=[\"conv9\"])", "conv9"),
            ("explorer(net, ds, layers=3)", "layers"),
            ("explorer(net, ds, labels=[\"a\"])", "1 labels for 5 images"),
            ("explorer(net, zeros([17, 1, 6, 6]))", "at most 16"),
            ("explorer(net, zeros([2, 1, 5, 5]))", "must be one image"),
            ("row(explorer(net, ds), explorer(net, ds))", "column to itself"),
        ]
        for (source, words) in cases {
            let d = Harness.error(source, setup: UnitBuiltinTests.setup)
            #expect(d?.message.contains(words) == true, "\(source): \(d?.message ?? "no error")")
            #expect(d?.location.line == 10, "\(source) is located")
        }
    }

    @Test func itRoundTripsThroughTheStoreAndADamagedOneIsRefused() throws {
        let (f, _) = try Self.figure("explorer(net, ds, layers=[\"conv1\", \"pool1\"], title=\"T\")")
        let bytes = try #require(ValueCodec.encode(.object(f)))
        guard case let .object(o)? = ValueCodec.decode(bytes), let back = o as? FigureValue else {
            Issue.record("the figure reads back")
            return
        }
        #expect(back.content == f.content && back.title == "T" && back.alt == f.alt && back.contentKey == f.contentKey)

        // A sheet whose PNG no longer matches its stated size is refused.
        guard case var .explorer(e) = f.content else { return }
        e.layers[1].patches.tileWidth += 1
        var damaged = f
        damaged.content = .explorer(e)
        let bad = try #require(ValueCodec.encode(.object(damaged)))
        #expect(ValueCodec.decode(bad) == nil)
        // Truncated bytes too, at every length.
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            #expect(ValueCodec.decode(Array(bytes[0..<cut])) == nil)
        }
    }

    @Test func aBlockWithAnExplorerIsSnapshottedAndRestored() throws {
        let s = UnitBuiltinTests.session()
        let source = "e = explorer(net, ds, layers=\"pool1\")\ne"
        let (run, snapshot) = s.runAndSnapshot(block: source, origin: Harness.origin(), label: "block 'e'", seedKey: "e",
                                               timeout: nil, key: "k")
        #expect(run.status == .ok, "\(run.diagnostics.map(\.message))")
        let snap = try #require(snapshot)
        let bytes = try #require(snap.encoded())
        let values = Dictionary(uniqueKeysWithValues: snap.values.map { ($0.digest, $0.load) })
        let back = try #require(BlockSnapshot.decode(bytes) { d in values[d].map { StoredValue(digest: d, load: $0) } })
        guard case let .figure(f)? = back.run.outputs.first, case let .explorer(e) = f.content,
              case let .figure(g)? = run.outputs.first else {
            Issue.record("the explorer reads back as the block's figure")
            return
        }
        #expect(e.isConsistent && f.content == g.content)
        let restored = Harness.session()
        restored.restore(back, key: "k")
        guard case let .object(o)? = restored.value(of: "e"), let bound = o as? FigureValue else {
            Issue.record("the bound explorer reads back")
            return
        }
        #expect(bound.content == g.content)
    }
}
