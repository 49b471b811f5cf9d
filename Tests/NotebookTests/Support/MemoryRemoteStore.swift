import Foundation
@testable import Notebook

/// A remote cache in memory, for tests of the policy above the HTTP client:
/// what is fetched, verified, copied in and stored, and what a dead remote does.
final class MemoryRemoteStore: RemoteStore, @unchecked Sendable {
    // @unchecked: every mutable property is touched only while `lock` is held.
    private let lock = NSLock()
    private var stored: [String: [UInt8]] = [:]
    private var counts = (probes: 0, gets: 0, puts: 0)
    var down = false
    let location = "http://cache.test/"

    var files: [String: [UInt8]] {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    var probes: Int { lock.withLock { counts.probes } }
    var gets: Int { lock.withLock { counts.gets } }
    var puts: Int { lock.withLock { counts.puts } }

    func probe() throws(RemoteStoreError) {
        lock.withLock { counts.probes += 1 }
        if down { throw .unreachable("connection refused") }
    }

    func get(_ path: String) throws(RemoteStoreError) -> [UInt8]? {
        if down { throw .unreachable("connection refused") }
        return lock.withLock {
            counts.gets += 1
            return stored[path]
        }
    }

    func put(_ path: String, _ bytes: [UInt8]) throws(RemoteStoreError) {
        if down { throw .unreachable("connection refused") }
        lock.withLock {
            counts.puts += 1
            stored[path] = bytes
        }
    }
}

/// Warnings a `RemoteCache` printed.
final class Warnings: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var all: [String] { lock.withLock { lines } }
    func add(_ line: String) { lock.withLock { lines.append(line) } }
}
