import Testing
@testable import Lab

/// A snapshot reads back whatever its numbers are: a figure's pixel sizes
/// and a value's line are numbers, not lengths of what follows.
@Suite struct BlockSnapshotTests {
    @Test func largeSizesAndLinesNearTheEndReadBack() throws {
        let s = Harness.session()
        let source = "few = 3\nimage(ones([1, 40, 1500]), scale=2)"
        let origin = SourceOrigin(file: Harness.file, firstLine: 5000, columnOffsets: [0, 0])
        let (run, snapshot) = s.runAndSnapshot(block: source, origin: origin, label: "block 'grid'", seedKey: "grid",
                                               timeout: nil, key: "k")
        #expect(run.status == .ok)
        let snap = try #require(snapshot)
        let bytes = try #require(snap.encoded())
        let values = Dictionary(uniqueKeysWithValues: snap.values.map { ($0.digest, $0.load) })
        let back = try #require(BlockSnapshot.decode(bytes) { d in values[d].map { StoredValue(digest: d, load: $0) } })
        #expect(back.run.outputLocations == run.outputLocations && back.run.outputLocations.first?.line == 5001)
        guard case let .figure(f)? = back.run.outputs.first, case let .png(_, width, _, _) = f.content else {
            Issue.record("the figure reads back")
            return
        }
        #expect(width >= 1500)
    }
}
