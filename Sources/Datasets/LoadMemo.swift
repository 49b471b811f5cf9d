import Foundation

/// Loaded data sets by key, for the life of the process: every lesson of a
/// render asks for the same split, and decoding it again would cost a third
/// of a second and another 190 MB.
final class LoadMemo: @unchecked Sendable {
    // @unchecked: `entries` is only touched while `lock` is held.
    private let lock = NSLock()
    private var entries: [String: LabeledImages] = [:]

    /// The value stored under `key`, or `make`'s result, stored if it succeeds.
    /// The lock is held while `make` runs, so two threads asking for the same
    /// split at once decode it once; failures are not stored, so installing
    /// a missing file mid-process is noticed.
    func value(for key: String, make: () throws(DatasetError) -> LabeledImages) throws(DatasetError) -> LabeledImages {
        lock.lock()
        defer { lock.unlock() }
        if let hit = entries[key] { return hit }
        let made = try make()
        entries[key] = made
        return made
    }
}
