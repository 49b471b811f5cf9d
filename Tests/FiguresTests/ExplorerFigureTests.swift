import Foundation
import Tensors
import Testing
@testable import Figures

/// The explorer figure from tensors: sheets of the stated sizes, a static
/// first view that needs no script, and nothing loaded from anywhere.
@Suite struct ExplorerFigureTests {
    /// Two 4×4 images; one layer of 3 units with 2×2 maps; top 2 patches of 3×3.
    static func figure() throws -> ExplorerFigure {
        let images = Tensor(shape: [2, 1, 4, 4], scalars: (0..<32).map { Float($0) / 31 })
        var acts = [Float](repeating: 0, count: 2 * 3 * 4)
        acts[1 * 4 + 2] = 5      // image 0, unit 1 fires most
        acts[12 + 0] = 2         // image 1, unit 0
        let layer = ExplorerFigure.LayerData(
            name: "conv1", activations: Tensor(shape: [2, 3, 2, 2], scalars: acts),
            patches: Tensor(shape: [3, 2, 1, 3, 3], scalars: (0..<54).map { Float($0 % 9) / 8 }),
            projections: Tensor(shape: [3, 2, 1, 4, 4], scalars: (0..<96).map { Float($0 % 7) - 3 }),
            filters: Tensor(shape: [3, 1, 2, 2], scalars: (0..<12).map { Float($0) - 6 }))
        return try ExplorerFigure(images: images, labels: ["a <b>", "c"], layers: [layer], pool: "2 images")
    }

    @Test func sheetsHaveTheirStatedSizes() throws {
        let e = try Self.figure()
        #expect(e.isConsistent)
        let l = e.layers[0]
        // 2×2 maps are blown up 4 times to 8×8; three units in a row.
        #expect(l.activations[0].columns == 3 && l.activations[0].tileWidth == 8)
        #expect(ExplorerFigure.pngSize(l.activations[0].png)! == (3 * 9 + 1, 10))
        #expect(ExplorerFigure.pngSize(l.patches.png)! == (2 * 4 + 1, 3 * 4 + 1))
        #expect(l.peaks[0] == [0, 5, 0] && l.peaks[1] == [2, 0, 0])
        var bad = e
        bad.layers[0].projections[1].count = 2
        #expect(!bad.isConsistent)
    }

    @Test func theStaticViewShowsTheFirstImageAndItsStrongestUnit() throws {
        let html = try Self.figure().html(alt: "An explorer")
        #expect(html.contains("data-u=\"1\""), "unit 1 fires most on image 0")
        #expect(html.contains("conv1 unit 1: 5 on a &lt;b&gt;"), "the status line, escaped")
        #expect(html.contains("<noscript>") && html.contains("<script>") && html.components(separatedBy: "<script>").count == 2)
        #expect(!html.contains("http") && !html.contains("url("), "every image is a data: URI in an img")
        // The second image's sheets are there, hidden until picked.
        #expect(html.contains("<img data-i=\"1\" data-v=\"2 0 0\" hidden"))
        #expect(ExplorerFigure.script.utf8.count < 3_000, "the script stays small: \(ExplorerFigure.script.utf8.count) bytes")
        #expect(!ExplorerFigure.script.contains("</"))
    }
}
