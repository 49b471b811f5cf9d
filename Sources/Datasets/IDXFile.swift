/// An IDX file, the format of the MNIST family: a four-byte magic (two zero
/// bytes, a type code, the number of dimensions), each dimension as a
/// big-endian UInt32, then the values in row-major order. Only unsigned
/// bytes (type 0x08) are read; that is all the image data sets use.
struct IDXFile {
    /// The first four bytes as one big-endian number: 2051 (0x803) for
    /// MNIST-style images, 2049 (0x801) for labels.
    let magic: UInt32
    let dims: [Int]
    /// The whole file; the values start at `payloadOffset`. Kept whole so a
    /// 47 MB payload is never copied.
    let bytes: [UInt8]
    let payloadOffset: Int

    /// More would be a corrupt header, not a data set.
    static let maxDims = 16

    init(parsing bytes: [UInt8]) throws(FormatError) {
        guard bytes.count >= 4 else {
            throw FormatError("it is \(bytes.count) bytes long, too short for an IDX header")
        }
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw FormatError("it is not an IDX file (those start with two zero bytes)")
        }
        guard bytes[2] == 0x08 else {
            throw FormatError("it holds values of IDX type 0x\(String(bytes[2], radix: 16)); "
                              + "only unsigned bytes (0x08) are supported")
        }
        let rank = Int(bytes[3])
        guard rank >= 1, rank <= IDXFile.maxDims else {
            throw FormatError("its header declares \(rank) dimensions; expected 1 to \(IDXFile.maxDims)")
        }
        let headerLength = 4 + 4 * rank
        guard bytes.count >= headerLength else {
            throw FormatError("it ends inside its header (\(bytes.count) bytes; the header alone needs \(headerLength))")
        }
        var dims: [Int] = []
        var expected = 1
        var overflow = false
        for d in 0..<rank {
            let size = (4 + 4 * d..<8 + 4 * d).reduce(0) { $0 << 8 | Int(bytes[$1]) }
            dims.append(size)
            let (m, o) = expected.multipliedReportingOverflow(by: size)
            expected = m
            overflow = overflow || o
        }
        let actual = bytes.count - headerLength
        guard !overflow, expected == actual else {
            throw FormatError("its header promises \(IDXFile.describe(dims)) = "
                              + (overflow ? "too many" : "\(expected)") + " values but it holds \(actual)")
        }
        magic = bytes[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
        self.dims = dims
        self.bytes = bytes
        payloadOffset = headerLength
    }

    var count: Int { bytes.count - payloadOffset }

    func withPayload<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[payloadOffset...])) }
    }

    /// Dimensions as people write them: "60000×28×28".
    static func describe(_ dims: [Int]) -> String { dims.map(String.init).joined(separator: "×") }
}
