import Testing
@testable import Figures

@Suite struct ImageRendererTests {
    func gray(_ values: [Float], range: ClosedRange<Float>? = nil) throws -> [UInt8] {
        try ImageRenderer.bitmap(values: values, channels: 1, height: 1, width: values.count,
                                 cmap: .gray, range: range).pixels
    }

    @Test func unitValuesKeepTheirBrightness() throws {
        #expect(try gray([0, 0.5, 1]) == [0, 128, 255])
        #expect(try gray([0.2, 0.4]) == [51, 102])  // not stretched to 0...255
    }

    @Test func otherValuesAreMinMaxNormalised() throws {
        #expect(try gray([-1, 0, 1, 3]) == [0, 64, 128, 255])
    }

    @Test func explicitRangeClamps() throws {
        #expect(try gray([-5, 0, 5, 10, 15], range: 0...10) == [0, 0, 128, 255, 255])
    }

    @Test func constantImageIsMidGray() throws {
        #expect(try gray([7, 7, 7]) == [128, 128, 128])
        #expect(try gray([2, 2], range: 2...2) == [128, 128])
    }

    @Test func nonFiniteValuesGoToTheEndsAndDoNotSpoilTheRange() throws {
        #expect(try gray([.nan, 2, 4, .infinity, -.infinity]) == [0, 0, 255, 255, 0])
        #expect(try gray([.nan, .nan]) == [0, 0])
    }

    @Test func rgbIsChannelsFirstInInterleavedOut() throws {
        // (3, 1, 2): red plane, green plane, blue plane.
        let b = try ImageRenderer.bitmap(values: [1, 0, 0, 1, 0, 0], channels: 3, height: 1, width: 2,
                                         cmap: .viridis, range: nil)
        #expect(b.channels == 3)
        #expect(b.pixels == [255, 0, 0, 0, 255, 0])
    }

    @Test func colormapMakesRGB() throws {
        let b = try ImageRenderer.bitmap(values: [0, 1], channels: 1, height: 1, width: 2, cmap: .viridis, range: nil)
        #expect(b.channels == 3)
        #expect(b.pixels == [0x44, 0x01, 0x54, 0xFD, 0xE7, 0x25])
    }

    @Test func wrongShapesAreErrors() {
        #expect(throws: FigureError.self) {
            try ImageRenderer.bitmap(values: [1, 2, 3], channels: 1, height: 2, width: 2, cmap: .gray, range: nil)
        }
        #expect(throws: FigureError.self) {
            try ImageRenderer.bitmap(values: [1, 2], channels: 2, height: 1, width: 1, cmap: .gray, range: nil)
        }
        #expect(throws: FigureError.self) {
            try ImageRenderer.bitmap(values: [], channels: 1, height: 0, width: 0, cmap: .gray, range: nil)
        }
    }

    @Test func upscalingRepeatsPixels() throws {
        let b = try Bitmap(width: 2, height: 1, channels: 1, pixels: [10, 20])
        let big = ImageRenderer.upscaled(b, factor: 3)
        #expect(big.width == 6 && big.height == 3)
        #expect(big.pixels == [UInt8](repeating: 0, count: 3).flatMap { _ in [10, 10, 10, 20, 20, 20] })
        #expect(ImageRenderer.upscaled(b, factor: 0) == b)
        #expect(ImageRenderer.upscaled(b, factor: -4) == b)
    }

    @Test func upscalingNeverPassesTheSizeLimit() {
        // Checked on the factor alone: building a 256 MiB bitmap is too slow for a unit test.
        let f = ImageRenderer.allowedFactor(1_000_000, width: 100, height: 100, channels: 4)
        #expect(f >= 1 && (100 * f) * (100 * f) * 4 <= Bitmap.maxBytes)
        #expect(ImageRenderer.allowedFactor(Int.max, width: 3, height: 3, channels: 1) >= 1)
        #expect(ImageRenderer.allowedFactor(4, width: 28, height: 28, channels: 1) == 4)
    }

    @Test func upscalingRGBKeepsChannelsTogether() throws {
        let b = try Bitmap(width: 1, height: 2, channels: 3, pixels: [1, 2, 3, 4, 5, 6])
        #expect(ImageRenderer.upscaled(b, factor: 2).pixels
                == [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 4, 5, 6, 4, 5, 6])
    }

    @Test func overlayBlendsAStretchedMap() throws {
        let base = try Bitmap(width: 2, height: 2, channels: 1, pixels: [0, 0, 200, 200])
        let map = try Bitmap(width: 1, height: 1, channels: 3, pixels: [255, 0, 100])
        #expect(ImageRenderer.overlay(map: map, on: base, alpha: 0).pixels
                == [0, 0, 0, 0, 0, 0, 200, 200, 200, 200, 200, 200])
        #expect(ImageRenderer.overlay(map: map, on: base, alpha: 1).pixels
                == [UInt8](repeating: 0, count: 4).flatMap { _ in [255, 0, 100] })
        let half = ImageRenderer.overlay(map: map, on: base, alpha: 0.5)
        #expect(half.channels == 3 && half.pixels[0...2] == [128, 0, 50])
    }

    @Test func overlayHonoursTheMapsAlpha() throws {
        let base = try Bitmap(width: 1, height: 1, channels: 3, pixels: [0, 0, 0])
        let clear = try Bitmap(width: 1, height: 1, channels: 4, pixels: [255, 255, 255, 0])
        #expect(ImageRenderer.overlay(map: clear, on: base, alpha: 1).pixels == [0, 0, 0])
    }
}
