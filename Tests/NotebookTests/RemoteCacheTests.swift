import Foundation
import Testing
@testable import Notebook

/// The remote level under `.lectern-cache/`: a second project (a fresh clone
/// elsewhere) reads what the first computed and trains nothing; whatever is
/// corrupt, truncated or moved on the remote is recomputed and replaced; a
/// dead remote costs one warning and nothing else.
@Suite struct RemoteCacheTests {
    /// A network trained on a 36-image toy set: milliseconds, but memoized as
    /// the course's networks are.
    static let lesson = """
        # Tiny

        ```experiment id=data
        labels = arange(36) % 3
        onehot = reshape(labels, [36, 1]) == arange(3)
        patterns = [[1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                    [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
                    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]]
        ds = dataset(reshape(onehot @ patterns + 0.3 * randn([36, 16], seed=5), [36, 1, 4, 4]), labels)
        net = cnn("INPUT 4x4x1 -> CONV3-2 -> RELU -> POOL2 -> FC-3 -> SOFTMAX", seed=1)
        ```

        ```experiment id=train
        m = train(net, ds, epochs=5, batch=8, lr=0.05, seed=3)
        ```

        It took `= m.history.steps == 25` steps.

        """

    static func render(_ folder: LessonFolder, _ store: MemoryRemoteStore, readOnly: Bool = false,
                       warnings: Warnings = Warnings()) throws -> [Pipeline.Outcome] {
        var options = folder.options(cache: true)
        options.remote = RemoteCache(store: store, readOnly: readOnly, warn: { warnings.add($0) })
        return try Pipeline(options: options).render(try Pipeline.discover([folder.lessons.path]), to: folder.output) { _, _, _ in }
    }

    static func project() throws -> LessonFolder {
        let folder = try LessonFolder()
        try folder.write("01-tiny.md", lesson)
        return folder
    }

    @Test func aFreshCloneReadsThePageFromTheRemoteAndTrainsNothing() throws {
        let store = MemoryRemoteStore()
        let first = try Self.render(Self.project(), store)
        #expect(first[0].report.cache?.page == .computed)
        #expect(first[0].report.cache?.memos.computed == 1)
        #expect(first[0].report.passed == 1)
        #expect(store.files.keys.contains { $0.hasPrefix("ac/") } && store.files.keys.contains { $0.hasPrefix("cas/") })

        let clone = try Self.project()
        let second = try Self.render(clone, store)
        #expect(second[0].cached)
        #expect(second[0].report.cache == CacheUse(page: .remote))
        #expect(second[0].report.blocks.map(\.from) == [.remote, .remote])
        #expect(second[0].report.passed == 1)
        #expect(try clone.page("01-tiny.html").contains("25"))
        // Copied in: the next run is local and asks the remote nothing.
        let gets = store.gets
        let third = try Self.render(clone, store)
        #expect(third[0].report.cache?.page == .local)
        #expect(store.gets == gets)
    }

    /// Without the page entry the blocks and the trained network come from the remote.
    @Test func blocksAndMemosComeFromTheRemoteWhenThePageDoesNot() throws {
        let store = MemoryRemoteStore()
        let first = try Self.render(Self.project(), store)
        let page = try #require(store.files.keys.first { store.files[$0].map { Self.isPage($0) } == true })
        store.files[page] = nil
        let second = try Self.render(Self.project(), store)
        let cache = try #require(second[0].report.cache)
        #expect(cache.page == .computed)
        #expect(cache.blocks == OriginCounts(remote: 2))
        #expect(cache.memos.computed == 0)
        #expect(second[0].report.claims.map(\.status) == first[0].report.claims.map(\.status))
    }

    /// A page entry is JSON with the lesson's report and its inputs.
    static func isPage(_ sealed: [UInt8]) -> Bool {
        let text = String(decoding: sealed.dropFirst(CacheSeal.headerSize), as: UTF8.self)
        return text.hasPrefix("{") && text.contains("\"report\"") && text.contains("\"inputs\"")
    }

    /// Every entry on the remote damaged: flipped, truncated, swapped with
    /// another entry's bytes, or emptied. All are refused, recomputed, and
    /// replaced on the remote with good ones.
    @Test func corruptTruncatedAndMovedRemoteEntriesAreRecomputed() throws {
        let store = MemoryRemoteStore()
        let first = try Self.render(Self.project(), store)
        let good = store.files
        let names = good.keys.sorted()
        var damaged: [String: [UInt8]] = [:]
        for (i, name) in names.enumerated() {
            var bytes = good[name]!
            switch i % 4 {
            case 0: bytes[bytes.count / 2] ^= 0x40
            case 1: bytes = Array(bytes.prefix(bytes.count / 2))
            case 2: bytes = good[names[(i + 1) % names.count]]!
            default: bytes = []
            }
            damaged[name] = bytes
        }
        store.files = damaged

        let clone = try Self.project()
        let second = try Self.render(clone, store)
        let cache = try #require(second[0].report.cache)
        #expect(cache.page == .computed)
        #expect(cache.blocks == OriginCounts(computed: 2))
        #expect(cache.memos.computed == 1)
        #expect(second[0].report.claims.map(\.status) == first[0].report.claims.map(\.status))
        #expect(try clone.page("01-tiny.html").contains("Tiny"))
        // Every damaged entry was replaced, and a third clone reads the page from the remote again.
        for name in names { #expect(store.files[name] != damaged[name], "\(name) was left damaged") }
        let third = try Self.render(Self.project(), store)
        #expect(third[0].report.cache?.page == .remote)
    }

    @Test func aRemoteThatIsDownWarnsOnceAndTheRunGoesOn() throws {
        let store = MemoryRemoteStore()
        store.down = true
        let warnings = Warnings()
        let folder = try Self.project()
        try folder.write("02-again.md", Self.lesson.replacingOccurrences(of: "# Tiny", with: "# Again"))
        let outcomes = try Self.render(folder, store, warnings: warnings)
        #expect(outcomes.map(\.report.passed) == [1, 1])
        #expect(outcomes.allSatisfy { $0.report.cache?.page == .computed })
        #expect(warnings.all.count == 1)
        #expect(warnings.all.first?.hasPrefix("warning: remote cache: cannot reach http://cache.test/") == true)
        #expect(store.probes == 1)
    }

    @Test func readOnlyReadsButStoresNothing() throws {
        let store = MemoryRemoteStore()
        _ = try Self.render(Self.project(), store, readOnly: true)
        #expect(store.puts == 0 && store.files.isEmpty)
        _ = try Self.render(Self.project(), store)
        let puts = store.puts
        let again = try Self.render(Self.project(), store, readOnly: true)
        #expect(again[0].report.cache?.page == .remote)
        #expect(store.puts == puts)
    }

    /// A value on the remote is stored bare under its own SHA-256, so any
    /// content-addressed store (bazel-remote checks it) can hold it.
    @Test func valuesAreContentAddressed() throws {
        let store = MemoryRemoteStore()
        _ = try Self.render(Self.project(), store)
        let values = store.files.filter { $0.key.hasPrefix("cas/") }
        #expect(!values.isEmpty)
        for (name, bytes) in values { #expect(name == "cas/" + PageCache.sha256(bytes)) }
    }
}
