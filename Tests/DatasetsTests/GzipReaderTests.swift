@testable import Datasets
import Testing

@Suite struct GzipReaderTests {
    static let text: [UInt8] = Array("an IDX file in a gzip file\n".utf8)

    func reason(_ bytes: [UInt8], limit: Int = GzipReader.maxOutputBytes) -> String? {
        do throws(FormatError) { _ = try GzipReader.decompress(bytes, limit: limit); return nil } catch { return error.reason }
    }

    @Test func readsStoredBlocks() throws {
        #expect(try GzipReader.decompress(Fixtures.gzip(Self.text)) == Self.text)
        // Several 64 KiB blocks, and more than the first buffer holds.
        let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(try GzipReader.decompress(Fixtures.gzip(big)) == big)
        #expect(try GzipReader.decompress(Fixtures.gzip([])) == [])
    }

    @Test func readsHuffmanCodedData() throws {
        let bytes = try GzipReader.decompress(Fixtures.deflatedLabels)
        #expect(bytes == [0, 0, 8, 1, 0, 0, 0, 2, 3, 7])
        #expect(try GzipReader.decompress(Fixtures.deflatedImages).count == 16 + 2 * 784)
    }

    @Test func readsConcatenatedMembers() throws {
        let a: [UInt8] = [1, 2, 3], b: [UInt8] = [4, 5]
        #expect(try GzipReader.decompress(Fixtures.gzip(a) + Fixtures.gzip(b)) == a + b)
    }

    @Test func refusesTruncatedData() {
        let whole = Fixtures.gzip(Self.text)
        for cut in [12, whole.count / 2, whole.count - 1] {
            #expect(reason(Array(whole.prefix(cut)))?.contains("truncated") == true, "cut at \(cut)")
        }
        #expect(reason(Array(Fixtures.deflatedImages.prefix(20)))?.contains("truncated") == true)
    }

    @Test func refusesCorruptData() {
        var flipped = Fixtures.gzip(Self.text)
        flipped[20] ^= 0x40  // a data byte: the CRC no longer matches
        #expect(reason(flipped)?.contains("corrupt") == true)
        var badBlock = Fixtures.deflatedImages
        badBlock[10] = 0xff  // BTYPE 11 is reserved
        #expect(reason(badBlock)?.contains("corrupt") == true)
    }

    @Test func refusesWhatIsNotGzip() {
        #expect(reason([])?.contains("empty") == true)
        #expect(reason(Array("P5 28 28 255".utf8))?.contains("not gzip") == true)
        #expect(reason(Fixtures.gzip(Self.text) + [0, 0, 0])?.contains("unexpected bytes") == true)
    }

    @Test func refusesOutputPastTheLimit() throws {
        let data = [UInt8](repeating: 7, count: 5000)
        #expect(reason(Fixtures.gzip(data), limit: 4999)?.contains("more than 4999 bytes") == true)
        #expect(try GzipReader.decompress(Fixtures.gzip(data), limit: 5000) == data)
        // The limit holds for Huffman-coded data too, which expands most.
        #expect(reason(Fixtures.deflatedImages, limit: 1000) != nil)
    }
}
