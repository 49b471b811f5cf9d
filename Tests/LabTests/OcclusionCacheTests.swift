import Datasets
import Foundation
import Testing
@testable import Lab
import Tensors

/// `occlusion`'s memo entries: a forged entry is never shown as computed,
/// and two different images never share an entry.
@Suite struct OcclusionCacheTests {
    static let net = "net = cnn(\"INPUT 8x8x1 -> CONV3-2 -> RELU -> POOL2 -> FC-2 -> SOFTMAX\", seed=1)"
    static let call = "occlusion(net, img, 0, size=2, stride=2)"

    static func session(_ cache: ModelBuiltinTests.CountingCache?, image: Tensor) -> Session {
        let s = Harness.session()
        s.cache = cache
        Harness.run(net, in: s, id: "net")
        s.environment["img"] = .tensor(image)
        return s
    }

    static func map(_ s: Session, _ id: String = "a") -> [Float]? {
        Harness.run("\(id) = \(call)", in: s, id: id)
        return s.value(of: id)?.tensor?.scalars
    }

    @Test func anEntryWithTheWrongChecksumIsRecomputed() throws {
        let image = Tensor(shape: [1, 8, 8], scalars: (0..<64).map { Float($0) / 64 })
        let cache = ModelBuiltinTests.CountingCache()
        let truth = try #require(Self.map(Self.session(cache, image: image)))
        let key = try #require(cache.entries.keys.first)
        // The map's values, wherever the entry holds them, all set to 1; the
        // checksum is left as it was.
        var forged = try #require(cache.entries[key])
        let values = truth.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
        let at = try #require(forged.indices.first { forged[$0...].starts(with: values) })
        let ones = [Float](repeating: 1, count: truth.count).flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
        forged.replaceSubrange(at..<(at + values.count), with: ones)
        cache.entries[key] = forged
        let again = Self.map(Self.session(cache, image: image))
        #expect(again == truth, "the forged map was shown")
        #expect(cache.stores == 2, "and the true one stored again")
    }

    @Test func differentImagesInOneSessionGetTheirOwnMaps() throws {
        let (zero, crafted) = OldContentHash.collidingImages()
        #expect(zero.scalars != crafted.scalars)
        #expect(OldContentHash.hex(zero) == OldContentHash.hex(crafted), "the 64-bit hash is fooled")
        #expect(Fingerprint.of(zero) != Fingerprint.of(crafted))
        // The key names the batch by its shape and a 64-hex-digit SHA-256.
        let batch = { (t: Tensor) in Fingerprint.of(Tensor(shape: [1] + t.shape, scalars: t.scalars)) }
        #expect(batch(zero).hasPrefix("[1, 1, 8, 8]") && batch(zero).dropFirst("[1, 1, 8, 8]".count).count == 64)

        let cache = ModelBuiltinTests.CountingCache()
        let s = Self.session(cache, image: zero)
        let first = try #require(Self.map(s, "a"))
        s.environment["img"] = .tensor(crafted)
        let second = try #require(Self.map(s, "b"))
        #expect(cache.stores == 2 && cache.hits == 0)
        #expect(second == Self.map(Self.session(nil, image: crafted)), "the crafted image got its own map")
        #expect(first != second)
        #expect(Set(cache.entries.keys).count == 2, "two keys, one for each image")
    }
}
