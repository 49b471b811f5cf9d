import Foundation

/// Where a result came from, for the report: this machine's cache, the
/// shared remote one, or neither (it was computed in this run).
public enum CacheOrigin: String, Codable, Sendable {
    case local, remote, computed
}

/// How many results of one kind came from each place.
public struct OriginCounts: Codable, Sendable, Equatable {
    public var local = 0
    public var remote = 0
    public var computed = 0

    public init(local: Int = 0, remote: Int = 0, computed: Int = 0) {
        self.local = local
        self.remote = remote
        self.computed = computed
    }

    mutating func add(_ origin: CacheOrigin) {
        switch origin {
        case .local: local += 1
        case .remote: remote += 1
        case .computed: computed += 1
        }
    }
}

/// A lesson's line in the report of where its results came from: the page
/// as a whole, else each block and inline span, and the memoized built-ins
/// (trained networks among them) that ran or were read.
public struct CacheUse: Codable, Sendable, Equatable {
    public var page: CacheOrigin
    public var blocks: OriginCounts
    public var inlines: OriginCounts
    public var memos: OriginCounts

    public init(page: CacheOrigin, blocks: OriginCounts = .init(), inlines: OriginCounts = .init(), memos: OriginCounts = .init()) {
        self.page = page
        self.blocks = blocks
        self.inlines = inlines
        self.memos = memos
    }
}

/// Counts one lesson's cache reads as they happen; lessons run in parallel,
/// but each has its own tally.
final class CacheTally: @unchecked Sendable {
    // @unchecked: the counts are only touched while `lock` is held.
    private let lock = NSLock()
    private var blocks = OriginCounts()
    private var inlines = OriginCounts()
    private var memos = OriginCounts()

    func block(_ origin: CacheOrigin) { lock.withLock { blocks.add(origin) } }
    func inline(_ origin: CacheOrigin) { lock.withLock { inlines.add(origin) } }
    func memo(_ origin: CacheOrigin) { lock.withLock { memos.add(origin) } }

    var use: CacheUse {
        lock.withLock { CacheUse(page: .computed, blocks: blocks, inlines: inlines, memos: memos) }
    }
}
