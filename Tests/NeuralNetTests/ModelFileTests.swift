import Crypto
import Foundation
import Testing
@testable import NeuralNet

/// `ModelFile`: the cache's bytes for a trained network. Whatever is wrong
/// with a file (a flipped bit, a cut-off tail, another format version, a
/// header that disagrees with the body) must come back as a NetworkError,
/// never as a network with the wrong numbers and never as a crash.
struct ModelFileTests {
    static let tiny = "INPUT 4x4x1 -> CONV3-2 -> RELU -> POOL2 -> FC-3 -> SOFTMAX"

    /// Values chosen to be inexact in decimal and in Float, so only a
    /// bit-exact round trip passes.
    static let history: TrainingHistory = {
        var h = TrainingHistory()
        h.stepLoss = [1.0986122886681098, 0.1, 1e-300, 0.7000000000000001]
        h.stepAccuracy = [0.25, 1.0 / 3, 0.5, 1]
        h.epochLoss = [0.6, 1.0 / 7]
        h.epochAccuracy = [0.375, 0.75]
        h.validationLoss = [0.9, 2.0 / 3]
        h.validationAccuracy = [0.5, 0.625]
        return h
    }()

    static func network(seed: UInt64 = 7) throws -> Network { try Batches.network(tiny, seed: seed) }

    static let checksumSize = 32

    /// Replaces the trailing checksum with the right one (SHA-256, from the
    /// format's comment) for the bytes before it.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        let body = Array(bytes.dropLast(checksumSize))
        return body + Array(SHA256.hash(data: body))
    }

    /// The format's first version: the same body sealed with a 64-bit FNV-1a.
    static func fnv1aSealed(_ body: [UInt8]) -> [UInt8] {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in body { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return body + littleEndian(h)
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    static func uint32(_ bytes: [UInt8], at offset: Int) -> Int {
        (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
    }

    /// A well-formed file (right checksum) whose JSON header is `edit`ed and
    /// whose parameter section is `parameters`.
    static func rebuilt(_ bytes: [UInt8], parameters: [Float]? = nil,
                        edit: (inout [String: Any]) -> Void) throws -> [UInt8] {
        let headerLength = uint32(bytes, at: 12)
        let json = Data(bytes[16..<(16 + headerLength)])
        var header = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        edit(&header)
        let newJSON = try [UInt8](JSONSerialization.data(withJSONObject: header))
        let oldParameters = Array(bytes[(16 + headerLength)..<(bytes.count - checksumSize)])
        let section = parameters.map { $0.flatMap { littleEndian($0.bitPattern) } } ?? oldParameters
        let body = Array(bytes[0..<12]) + littleEndian(UInt32(newJSON.count)) + newJSON + section
        return resealed(body + [UInt8](repeating: 0, count: checksumSize))
    }

    static func rejects(_ bytes: [UInt8]) -> NetworkError? {
        do {
            _ = try ModelFile.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func roundTripKeepsParametersDescriptionAndHistory() throws {
        // Odd values (a NaN payload, -0, a subnormal) must come back bit for bit.
        var values = try Self.network().parameters
        values[0] = -0.0
        values[1] = .leastNonzeroMagnitude
        values[2] = Float(bitPattern: 0x7FC0_1234)
        let net = try Self.network().replacingParameters(values)
        let (decoded, history) = try ModelFile.decode(ModelFile.encode(net, history: Self.history))
        #expect(decoded.parameters.map(\.bitPattern) == net.parameters.map(\.bitPattern))
        #expect(decoded.description == net.description)
        #expect(decoded.description.source == Self.tiny)
        #expect(history == Self.history)
    }

    @Test func roundTripWithoutHistory() throws {
        let net = try Self.network(seed: 11)
        let (decoded, history) = try ModelFile.decode(ModelFile.encode(net, history: nil))
        #expect(decoded.parameters == net.parameters)
        #expect(history == nil)
        // The decoded network computes what the original does.
        let x = try Batches.images(for: net, batch: 3, seed: 4)
        #expect(try decoded.forward(x) == net.forward(x))
    }

    /// A diverged run (a lesson showing what too large a learning rate does)
    /// has NaN and infinite losses; its result must cache like any other.
    @Test func nonFiniteHistoryRoundTrips() throws {
        var h = Self.history
        h.stepLoss = [2.3, .infinity, .nan]
        h.epochLoss = [-.infinity]
        let (_, decoded) = try ModelFile.decode(ModelFile.encode(try Self.network(), history: h))
        let loss = try #require(decoded?.stepLoss)
        #expect(loss.count == 3 && loss[0] == 2.3 && loss[1] == .infinity && loss[2].isNaN)
        #expect(decoded?.epochLoss == [-.infinity])
        #expect(decoded?.stepAccuracy == h.stepAccuracy)
    }

    @Test func encodingIsDeterministic() throws {
        let net = try Self.network()
        #expect(ModelFile.encode(net, history: Self.history) == ModelFile.encode(net, history: Self.history))
        #expect(ModelFile.encode(net, history: nil) != ModelFile.encode(try Self.network(seed: 8), history: nil))
    }

    @Test func layoutIsTheDocumentedOne() throws {
        let net = try Self.network()
        let bytes = ModelFile.encode(net, history: Self.history)
        #expect(Array(bytes[0..<8]) == Array("LECTERNM".utf8))
        #expect(Self.uint32(bytes, at: 8) == 2)
        let headerLength = Self.uint32(bytes, at: 12)
        #expect(bytes.count == 16 + headerLength + 4 * net.parameterCount + Self.checksumSize)
        #expect(Array(bytes.suffix(Self.checksumSize)) == Array(SHA256.hash(data: bytes.dropLast(Self.checksumSize))))
    }

    /// Every single-byte change is caught: a changed body no longer matches
    /// its SHA-256, and a changed checksum no longer matches the body.
    @Test func everyFlippedByteIsRejected() throws {
        let bytes = ModelFile.encode(try Self.network(), history: Self.history)
        let headerEnd = 16 + Self.uint32(bytes, at: 12)
        // Sanity: the loop below covers header, parameters and checksum.
        #expect(headerEnd < bytes.count - Self.checksumSize - 4)
        var accepted: [Int] = []
        for i in bytes.indices {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var bad = bytes
                bad[i] ^= mask
                if Self.rejects(bad) == nil { accepted.append(i) }
            }
        }
        #expect(accepted.isEmpty, "flips accepted at byte offsets \(accepted)")
        var badMagic = bytes
        badMagic[0] ^= 0x20
        #expect(Self.rejects(badMagic)?.message == "not a Lectern model file")
        var badParameter = bytes
        badParameter[headerEnd + 5] ^= 0x01
        #expect(Self.rejects(badParameter)?.message.contains("checksum") == true)
        var badChecksum = bytes
        badChecksum[bytes.count - 1] ^= 0x01
        #expect(Self.rejects(badChecksum)?.message.contains("checksum") == true)
    }

    @Test func everyTruncationIsRejected() throws {
        let bytes = ModelFile.encode(try Self.network(), history: Self.history)
        for length in 0..<bytes.count {
            #expect(Self.rejects(Array(bytes.prefix(length))) != nil, "accepted a file cut to \(length) of \(bytes.count) bytes")
        }
        // A longer file is as wrong as a shorter one.
        #expect(Self.rejects(bytes + [0]) != nil)
        #expect(Self.rejects(Self.resealed(Array(bytes.dropLast(Self.checksumSize)) + [0, 0, 0, 0]
                                           + [UInt8](repeating: 0, count: Self.checksumSize))) != nil)
    }

    @Test func anotherVersionIsRejectedByTheVersionCheck() throws {
        var bytes = ModelFile.encode(try Self.network(), history: nil)
        bytes.replaceSubrange(8..<12, with: Self.littleEndian(UInt32(3)))
        bytes = Self.resealed(bytes)
        let error = try #require(Self.rejects(bytes))
        #expect(error.message == "the model file has format version 3, expected 2")
    }

    /// A 64-bit checksum can be matched by whoever writes the file, so a file
    /// sealed the old way (version 1, FNV-1a) is not read, however well formed.
    @Test func aFileSealedWithTheOldChecksumIsRejected() throws {
        var body = Array(ModelFile.encode(try Self.network(), history: nil).dropLast(Self.checksumSize))
        body.replaceSubrange(8..<12, with: Self.littleEndian(UInt32(1)))
        #expect(Self.rejects(Self.fnv1aSealed(body)) != nil)
        body.replaceSubrange(8..<12, with: Self.littleEndian(UInt32(2)))
        #expect(Self.rejects(Self.fnv1aSealed(body))?.message.contains("checksum") == true)
    }

    @Test func headerParameterCountMustAgree() throws {
        let net = try Self.network()
        let n = net.parameterCount
        let bytes = ModelFile.encode(net, history: Self.history)
        // Sanity: an unedited rebuild decodes, so the edits below are the only fault.
        #expect(Self.rejects(try Self.rebuilt(bytes) { _ in }) == nil)

        // The header promises more (or fewer) values than the file holds.
        for claimed in [n + 1, n - 1, 0, -1] {
            let bad = try Self.rebuilt(bytes) { $0["parameters"] = claimed }
            let error = try #require(Self.rejects(bad), "header count \(claimed) accepted")
            #expect(error.message.contains("parameters"))
        }
        // A count so large that 4 × count overflows must not crash.
        let huge = try Self.rebuilt(bytes) { $0["parameters"] = Int.max / 2 }
        #expect(Self.rejects(huge) != nil)

        // Header and body agree with each other, but not with the description.
        let extra = try Self.rebuilt(bytes, parameters: net.parameters + [0]) { $0["parameters"] = n + 1 }
        #expect(Self.rejects(extra)?.message == "the model file's description needs \(n) parameters, it holds \(n + 1)")
    }

    @Test func unreadableHeadersAreRejected() throws {
        let bytes = ModelFile.encode(try Self.network(), history: nil)
        let garbled = try Self.rebuilt(bytes) { $0["description"] = "INPUT 4x4x1 -> CONV3-" }
        #expect(Self.rejects(garbled)?.message.hasPrefix("the model file's description does not parse") == true)
        let missing = try Self.rebuilt(bytes) { $0["description"] = nil }
        #expect(Self.rejects(missing)?.message == "the model file's header is unreadable")
        // A header length that runs past the end of the file.
        var long = bytes
        long.replaceSubrange(12..<16, with: Self.littleEndian(UInt32.max))
        #expect(Self.rejects(Self.resealed(long))?.message == "the model file's header is unreadable")
    }
}
