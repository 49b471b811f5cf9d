import Datasets
import Testing

@Suite struct ContentHashTests {
    func hash(_ chunks: [[UInt8]]) -> String {
        var h = ContentHash()
        for c in chunks { h.combine(bytes: c) }
        return h.hex
    }

    @Test func isStableAcrossRuns() {
        // Pinned: fingerprints go into cache keys, so this value may never change.
        #expect(hash([Array("abc".utf8)]) == "a028bdcc4fcda226")
        #expect(hash([]).count == 16)
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

    @Test func highBitsOfWordsDoNotCancel() {
        // Word-wise FNV without mixing would let two flips of bit 63 cancel.
        var a = [UInt8](repeating: 0, count: 16), b = a
        b[7] = 0x80; b[15] = 0x80
        #expect(hash([a]) != hash([b]))
        a[7] = 0x80
        #expect(hash([a]) != hash([b]))
    }
}
