import Crypto
import Tensors

/// Records of numbers and tensors as bytes, for memoizing the built-ins
/// whose results are such records (`top_patches`, `unit_stats`): compact,
/// exact (numbers keep their Float64 bits, tensors their Float32 bits, so
/// a page rendered from the cache shows what a fresh run shows), and
/// checksummed with SHA-256, so a damaged entry is recomputed instead of
/// trusted (a 64-bit checksum could be matched by a forged entry).
///
/// Layout, little-endian:
///     "LECTERNR"                    8 bytes, magic
///     version                       UInt32 (2)
///     field count                   UInt32
///     per field: name length UInt32, the name in UTF-8, kind UInt8, then
///       kind 0 (number): Float64 bits
///       kind 1 (tensor): rank UInt32, each dimension UInt64, the values as Float32 bits
///     checksum                      32 bytes, SHA-256 of every byte before it
enum RecordCodec {
    static let magic = Array("LECTERNR".utf8)
    static let version: UInt32 = 2
    static let checksumSize = SHA256.byteCount

    /// The bytes of `record`; empty (which never decodes, so the result is
    /// simply not cached) if a field is neither a number nor a tensor.
    static func encode(_ record: Record) -> [UInt8] {
        var bytes = magic
        append(version, &bytes)
        append(UInt32(record.fields.count), &bytes)
        for (name, value) in record.fields {
            let utf8 = Array(name.utf8)
            append(UInt32(utf8.count), &bytes)
            bytes += utf8
            switch value {
            case let .number(x):
                bytes.append(0)
                append(x.bitPattern, &bytes)
            case let .tensor(t):
                bytes.append(1)
                append(UInt32(t.rank), &bytes)
                for d in t.shape { append(UInt64(d), &bytes) }
                bytes.reserveCapacity(bytes.count + 4 * t.count + checksumSize)
                for v in t.scalars { append(v.bitPattern, &bytes) }
            default:
                return []
            }
        }
        bytes += checksum(bytes[...])
        return bytes
    }

    /// The record, or nil for anything but an intact entry of this version.
    static func decode(_ bytes: [UInt8]) -> Record? {
        guard bytes.count >= magic.count + 8 + checksumSize, Array(bytes.prefix(magic.count)) == magic else { return nil }
        let end = bytes.count - checksumSize
        var reader = Reader(bytes: bytes, end: end, at: magic.count)
        guard Array(bytes[end...]) == checksum(bytes[..<end]),
              reader.read(UInt32.self) == version, let fields = reader.read(UInt32.self) else { return nil }
        var record = Record()
        for _ in 0..<fields {
            guard let length = reader.read(UInt32.self), let raw = reader.take(Int(length)),
                  let kind = reader.take(1)?.first else { return nil }
            let name = String(decoding: raw, as: UTF8.self)
            switch kind {
            case 0:
                guard let bits = reader.read(UInt64.self) else { return nil }
                record[name] = .number(Double(bitPattern: bits))
            case 1:
                guard let rank = reader.read(UInt32.self), Int(rank) <= reader.remaining / 8 else { return nil }
                var shape: [Int] = []
                for _ in 0..<rank {
                    guard let d = reader.read(UInt64.self), d <= UInt64(Tensor.maxElements) else { return nil }
                    shape.append(Int(d))
                }
                // Counted against the bytes left before anything is allocated.
                guard let count = try? Tensor.checkedCount(shape), count <= reader.remaining / 4 else { return nil }
                var values = [Float](repeating: 0, count: count)
                for i in 0..<count {
                    guard let bits = reader.read(UInt32.self) else { return nil }
                    values[i] = Float(bitPattern: bits)
                }
                record[name] = .tensor(Tensor(shape: shape, scalars: values))
            default:
                return nil
            }
        }
        return reader.remaining == 0 ? record : nil
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    static func append<T: FixedWidthInteger>(_ value: T, _ bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    /// Reads forward through `bytes[..<end]`; nil once a read would pass the end.
    struct Reader {
        let bytes: [UInt8]
        let end: Int
        var at: Int

        var remaining: Int { end - at }

        mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
            guard n >= 0, n <= remaining else { return nil }
            defer { at += n }
            return bytes[at..<(at + n)]
        }

        mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard let raw = take(MemoryLayout<T>.size) else { return nil }
            var value: T = 0
            for (i, b) in raw.enumerated() { value |= T(b) << (8 * i) }
            return value
        }
    }
}
