import Testing
@testable import Figures

@Suite struct ImageGridTests {
    @Test func eachTileIsAPixelatedInlinePNG() {
        let svg = Samples.grid.svg()
        #expect(SVGChecks.problems(svg) == [])
        #expect(SVGChecks.count("<image ", in: svg) == 4)
        #expect(SVGChecks.count("href=\"data:image/png;base64,", in: svg) == 4)
        #expect(SVGChecks.count("image-rendering:pixelated", in: svg) == 4)
        #expect(svg.contains(">ring &lt;viridis&gt;</text>") && svg.contains(">RGB &amp; mix</text>"))
    }

    @Test func tilesDecodeBackToTheBitmaps() throws {
        let svg = Samples.grid.svg()
        let normalized = Golden.normalized(svg)
        #expect(!normalized.contains("UNDECODABLE"))
        #expect(SVGChecks.count("PNG(8x8x1:", in: normalized) == 2)
        #expect(SVGChecks.count("PNG(8x8x3:", in: normalized) == 2)
    }

    @Test func automaticLayoutAndScale() throws {
        let tile = try Bitmap(width: 3, height: 3, channels: 1)
        let grid = ImageGrid(tiles: [Bitmap](repeating: tile, count: 10))
        #expect(grid.tileScale == 24)  // tiny filters are blown up, within a cap
        #expect(ImageGrid.autoColumns(10) == 4 && ImageGrid.autoColumns(1) == 1 && ImageGrid.autoColumns(400) == 10)
        #expect(SVGChecks.problems(grid.svg()) == [])
        let big = try Bitmap(width: 224, height: 224, channels: 3)
        #expect(ImageGrid(tiles: [big]).tileScale == 1)
    }

    @Test func aColourBarSitsBesideTheTiles() throws {
        let tile = try ImageRenderer.bitmap(values: [0, 0.5, 1, 0.25], channels: 1, height: 2, width: 2,
                                            cmap: .magma, range: nil)
        let svg = ImageGrid(tiles: [tile], title: "heat",
                            colorLegend: ColorLegend(cmap: .magma, lower: 0, upper: 1, label: "p")).svg()
        #expect(SVGChecks.problems(svg) == [])
        #expect(SVGChecks.count("<image ", in: svg) == 2)
        #expect(svg.contains("Colour bar: magma from 0 to 1 (p)"))
    }

    @Test func badInputIsExplained() throws {
        let tile = try Bitmap(width: 2, height: 2, channels: 1)
        #expect(ImageGrid(tiles: []).svg().contains("no images"))
        #expect(ImageGrid(tiles: [tile], labels: ["a", "b"]).svg().contains("1 image but 2 labels"))
        var broken = tile
        broken.pixels = [1]
        #expect(ImageGrid(tiles: [tile, broken]).svg().contains("image 1 has pixel data"))
        #expect(throws: FigureError.self) { try ImageGrid(tiles: []).validate() }
        #expect(SVGChecks.problems(ImageGrid(tiles: [tile], columns: -3).svg()) == [])
    }
}
