import Crypto
import Foundation

/// A trained network as bytes, for the cache: versioned and checksummed
/// with SHA-256, so a truncated, corrupt, forged or older-format file is
/// rejected (and the result recomputed) instead of trusted.
///
/// Layout, little-endian:
///     "LECTERNM"             8 bytes, magic
///     version                UInt32 (2)
///     header length H        UInt32
///     header                 H bytes of JSON: description, parameter count, history
///     parameters             count × Float32
///     checksum               32 bytes, SHA-256 of every byte before it
public enum ModelFile {
    static let magic = Array("LECTERNM".utf8)
    static let version: UInt32 = 2
    static let checksumSize = SHA256.byteCount

    struct Header: Codable {
        var description: String
        var parameters: Int
        var history: TrainingHistory?
    }

    public static func encode(_ network: Network, history: TrainingHistory?) -> [UInt8] {
        let header = Header(description: network.description.source, parameters: network.parameterCount,
                            history: history)
        // Sorted keys: the same network always gives the same bytes.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // JSON has no NaN or infinity, and a diverged run's losses are both.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                      nan: "nan")
        let json = (try? encoder.encode(header)).map { [UInt8]($0) } ?? []
        var bytes = magic
        bytes.reserveCapacity(magic.count + 8 + json.count + 4 * network.parameterCount + checksumSize)
        append(version, to: &bytes)
        append(UInt32(json.count), to: &bytes)
        bytes += json
        network.parameters.withUnsafeBufferPointer { values in
            for v in values { append(v.bitPattern, to: &bytes) }
        }
        bytes += checksum(bytes[...])
        return bytes
    }

    /// The network and its history, or an error saying what is wrong.
    public static func decode(_ bytes: [UInt8]) throws(NetworkError) -> (Network, TrainingHistory?) {
        guard bytes.count >= magic.count + 8 + checksumSize, Array(bytes[0..<magic.count]) == magic else {
            throw NetworkError("not a Lectern model file")
        }
        let body = bytes[0..<(bytes.count - checksumSize)]
        guard Array(bytes[body.count...]) == checksum(body) else {
            throw NetworkError("the model file is corrupt or truncated (checksum mismatch)")
        }
        guard read(UInt32.self, bytes, at: 8) == version else {
            throw NetworkError("the model file has format version \(read(UInt32.self, bytes, at: 8)), expected \(version)")
        }
        let headerLength = Int(read(UInt32.self, bytes, at: 12))
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                        nan: "nan")
        guard 16 + headerLength <= body.count,
              let header = try? decoder.decode(Header.self, from: Data(bytes[16..<(16 + headerLength)])) else {
            throw NetworkError("the model file's header is unreadable")
        }
        let start = 16 + headerLength
        guard header.parameters >= 0, header.parameters <= (body.count - start) / 4,
              body.count - start == 4 * header.parameters else {
            throw NetworkError("the model file holds \((body.count - start) / 4) parameters, its header says \(header.parameters)")
        }
        let description: NetworkDescription
        do { description = try NetworkDescription.parse(header.description) } catch {
            throw NetworkError("the model file's description does not parse: \(error.message)")
        }
        // Counted before building, so a forged header cannot make us allocate a VGG.
        let needed = (try? description.summary().params) ?? -1
        guard needed == header.parameters else {
            throw NetworkError("the model file's description needs \(needed) parameters, it holds \(header.parameters)")
        }
        var values = [Float](repeating: 0, count: header.parameters)
        for i in 0..<header.parameters {
            values[i] = Float(bitPattern: read(UInt32.self, bytes, at: start + 4 * i))
        }
        let network = try Network(description, parameters: values)
        return (network, header.history)
    }

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    static func read<T: FixedWidthInteger>(_: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
        var value: T = 0
        for i in 0..<MemoryLayout<T>.size { value |= T(bytes[offset + i]) << (8 * i) }
        return value
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> [UInt8] { Array(SHA256.hash(data: bytes)) }
}
