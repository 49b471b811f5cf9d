import Foundation
import Visualizations

/// `UnitMaxima` tables by content key (the model's key, the dataset's
/// fingerprint, the layer) for the life of the process, so the top patches
/// of many units of one layer cost one pass through the network. Each table
/// is N × units values (10 MB for an FC-128 layer over 10,000 images), so
/// only the latest few are kept. Nothing here changes a result, only when
/// it is computed.
final class UnitMaximaMemo: @unchecked Sendable {
    // @unchecked: `entries` is only touched while `lock` is held.
    static let shared = UnitMaximaMemo()
    static let capacity = 6
    private let lock = NSLock()
    private var entries: [(key: String, value: UnitMaxima)] = []

    /// The table for `key`, or `make`'s, stored if it succeeds. The lock
    /// is not held while `make` runs, so other layers need not wait.
    func value(_ key: String, make: () throws -> UnitMaxima) throws -> UnitMaxima {
        if let hit = lock.withLock({ entries.first { $0.key == key }?.value }) { return hit }
        let made = try make()
        lock.withLock {
            entries.removeAll { $0.key == key }
            entries.append((key, made))
            if entries.count > UnitMaximaMemo.capacity { entries.removeFirst() }
        }
        return made
    }
}
