import Testing
@testable import Figures

@Suite struct PNGEncoderTests {
    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    func bitmap(_ w: Int, _ h: Int, _ c: Int) throws -> Bitmap {
        try Bitmap(width: w, height: h, channels: c, pixels: (0..<(w * h * c)).map { UInt8(($0 * 37) % 256) })
    }

    /// Big-endian 32-bit integer at `offset`.
    func uint32(_ bytes: [UInt8], _ offset: Int) -> Int {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }

    @Test(arguments: [(1, 0), (3, 2), (4, 6)])
    func writesSignatureAndHeader(channels: Int, colorType: UInt8) throws {
        let png = try PNGEncoder.encode(bitmap(5, 3, channels))
        #expect(Array(png.prefix(8)) == Self.signature)
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        #expect(uint32(png, 16) == 5)
        #expect(uint32(png, 20) == 3)
        #expect(png[24] == 8)  // bit depth
        #expect(png[25] == colorType)
        #expect(String(decoding: png.suffix(8).prefix(4), as: UTF8.self) == "IEND")
    }

    @Test(arguments: [1, 3, 4])
    func roundTripsPixels(channels: Int) throws {
        let original = try bitmap(7, 4, channels)
        let decoded = try PNGEncoder.decode(PNGEncoder.encode(original))
        #expect(decoded == original)
    }

    @Test func sameBitmapSameBytes() throws {
        let b = try bitmap(16, 16, 3)
        #expect(try PNGEncoder.encode(b) == PNGEncoder.encode(b))
    }

    @Test func rejectsPixelsThatNoLongerMatchTheSize() throws {
        var b = try bitmap(4, 4, 1)
        b.pixels.removeLast()
        #expect(throws: FigureError.self) { try PNGEncoder.encode(b) }
    }

    @Test func rejectsBytesThatAreNotPNG() {
        #expect(throws: FigureError.self) { try PNGEncoder.decode([1, 2, 3, 4, 5]) }
        #expect(throws: FigureError.self) { try PNGEncoder.decode([]) }
    }

    @Test func dataURIIsBase64OfThePNG() throws {
        let b = try bitmap(2, 2, 1)
        let uri = try PNGEncoder.dataURI(b)
        #expect(uri == "data:image/png;base64," + Base64.encode(try PNGEncoder.encode(b)))
        #expect(uri.hasPrefix("data:image/png;base64,iVBORw0KGgo"))  // the signature in base64
    }

    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
                      ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func base64MatchesRFC4648(input: String, expected: String) {
        #expect(Base64.encode(Array(input.utf8)) == expected)
    }

    @Test func bitmapChecksItsShape() {
        #expect(throws: FigureError.self) { try Bitmap(width: 2, height: 2, channels: 3, pixels: [0, 0, 0]) }
        #expect(throws: FigureError.self) { try Bitmap(width: 2, height: 2, channels: 2) }
        #expect(throws: FigureError.self) { try Bitmap(width: 0, height: 2, channels: 1) }
        #expect(throws: FigureError.self) { try Bitmap(width: -1, height: 2, channels: 1) }
        #expect(throws: FigureError.self) { try Bitmap(width: 1 << 40, height: 1 << 40, channels: 4) }
        #expect((try? Bitmap(width: 3, height: 2, channels: 4, fill: 9))?.pixels == [UInt8](repeating: 9, count: 24))
    }

    @Test func errorsSayWhatWasExpected() {
        do {
            _ = try Bitmap(width: 2, height: 2, channels: 3, pixels: [0])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("needs 12 bytes, got 1"))
        }
    }
}
