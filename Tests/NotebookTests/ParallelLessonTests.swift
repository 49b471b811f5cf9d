import Foundation
import Testing
@testable import Lab
@testable import Notebook

/// `--jobs`: lessons run side by side, results come back in file order, and
/// a memoized result two lessons need is computed once.
@Suite struct ParallelLessonTests {
    @Test func resultsKeepTheirOrderAndEachItemRunsOnce() {
        let seen = Counter()
        let out = Pipeline.concurrently(Array(0..<50), jobs: 4, { i -> Int in seen.add(); return i * i }) { _, _ in }
        #expect(out == (0..<50).map { $0 * $0 })
        #expect(seen.value == 50)
    }

    @Test func theMemoLockLetsOneComputeAndTheOtherFindIt() throws {
        let folder = try LessonFolder()
        let cache = PageCache(directory: folder.root.appendingPathComponent(".lectern-cache"))
        let computed = Counter()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            _ = try? cache.exclusive(key: "k") {
                if cache.load(key: "k") == nil {
                    computed.add()
                    Thread.sleep(forTimeInterval: 0.05)
                    cache.store(key: "k", bytes: [1, 2, 3])
                }
            }
        }
        #expect(computed.value == 1)
    }

    @Test func twoLessonsSideBySideRenderAsOneAfterTheOther() throws {
        let folder = try LessonFolder()
        for i in 1...3 {
            try folder.write("0\(i)-l.md", "# Lesson \(i)\n\n```experiment id=a\nx = rand([3], seed=\(i))\n```\n\n`= sum(x) > 0`\n")
        }
        let urls = try Pipeline.discover([folder.lessons.path])
        let serial = try Pipeline(options: folder.options()).render(urls, to: folder.output, jobs: 1) { _, _, _ in }
        let index = try folder.page("index.html")
        let parallel = try Pipeline(options: folder.options()).render(urls, to: folder.output, jobs: 3) { _, _, _ in }
        #expect(parallel.map(\.path) == serial.map(\.path))
        #expect(parallel.map(\.html) == serial.map(\.html))
        #expect(try folder.page("index.html") == index)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}
