import Foundation

/// Small data files made in the test: IDX bytes, gzip around them, and a
/// fresh folder to hold a split.
enum Fixtures {
    /// An IDX header (two zero bytes, type, rank, big-endian sizes) and the values.
    static func idx(type: UInt8 = 0x08, dims: [Int], values: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0, 0, type, UInt8(dims.count)]
        for d in dims { out += (0..<4).reversed().map { UInt8(truncatingIfNeeded: d >> (8 * $0)) } }
        return out + values
    }

    static func images(_ n: Int, value: (Int) -> UInt8 = { UInt8($0 % 256) }) -> [UInt8] {
        idx(dims: [n, 28, 28], values: (0..<n * 784).map(value))
    }

    static func labels(_ values: [UInt8]) -> [UInt8] { idx(dims: [values.count], values: values) }

    /// gzip with stored (uncompressed) deflate blocks: real gzip that zlib
    /// must check, CRC and all, written without a compressor.
    static func gzip(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]
        var start = 0
        repeat {
            let end = min(start + 65_535, data.count)
            let length = end - start
            out.append(end == data.count ? 1 : 0)  // BFINAL, BTYPE 00 (stored)
            out += le16(length) + le16(~length & 0xffff)
            out += data[start..<end]
            start = end
        } while start < data.count
        return out + le32(Int(crc32(data))) + le32(data.count)
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for b in data {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func le16(_ x: Int) -> [UInt8] { [UInt8(x & 0xff), UInt8(x >> 8 & 0xff)] }
    static func le32(_ x: Int) -> [UInt8] { (0..<4).map { UInt8(x >> (8 * $0) & 0xff) } }

    /// Made by gzip -9 (so Huffman-coded, unlike `gzip(_:)`): an images file
    /// of two 28×28 images, all 0 then all 255, and its labels [3, 7].
    static let deflatedImages: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x63, 0x60, 0xe0, 0x60, 0x66, 0x60,
        0x60, 0x60, 0x02, 0x62, 0x19, 0x28, 0x1e, 0x05, 0xa3, 0x60, 0x14, 0x40, 0xc1, 0xff, 0x51, 0x30,
        0x0a, 0x46, 0x01, 0x1c, 0x00, 0x00, 0x55, 0xdc, 0x06, 0x1b, 0x30, 0x06, 0x00, 0x00,
    ]
    static let deflatedLabels: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x63, 0x60, 0xe0, 0x60, 0x64, 0x60,
        0x60, 0x60, 0x62, 0x66, 0x07, 0x00, 0x79, 0x6a, 0xd5, 0x20, 0x0a, 0x00, 0x00, 0x00,
    ]

    /// A new empty folder under the system's temporary folder.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lectern-datasets-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A folder holding one split's two files, gzipped unless given raw.
    static func split(_ prefix: String = "t10k", images: [UInt8], labels: [UInt8], compress: Bool = true) throws -> URL {
        let url = try folder()
        try Data(compress ? gzip(images) : images).write(to: url.appendingPathComponent("\(prefix)-images-idx3-ubyte.gz"))
        try Data(compress ? gzip(labels) : labels).write(to: url.appendingPathComponent("\(prefix)-labels-idx1-ubyte.gz"))
        return url
    }
}
