import Datasets
import Testing

@Suite struct FingerprintTests {
    func hash(_ chunks: [[UInt8]]) -> String {
        var h = Fingerprint()
        for c in chunks { h.combine(bytes: c) }
        return h.hex
    }

    @Test func isStableAcrossRuns() {
        // Pinned: fingerprints go into cache keys, so this value may only change with the cache's format.
        #expect(hash([Array("abc".utf8)]) == "ce91dc5eec0139adf091900d225971d6ad246a845bad791b5693a9d0d55dd391")
        #expect(hash([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "SHA-256 of nothing")
        #expect(hash([]).count == 64)
    }

    @Test func seesEveryByteAndEveryBoundary() {
        let base = (0..<37).map { UInt8($0) }
        var seen: Set<String> = [hash([base])]
        for i in base.indices {
            for bit in [0, 7] {
                var changed = base
                changed[i] ^= 1 << bit
                seen.insert(hash([changed]))
            }
        }
        #expect(seen.count == 1 + 2 * base.count)
        #expect(hash([[1, 2], [3]]) != hash([[1], [2, 3]]))
        #expect(hash([[0]]) != hash([[0, 0]]))
    }
}
