import Foundation
import Crypto

/// The engine fingerprint of a memoized built-in: the SHA-256 of the source
/// files whose code can change its result, as the EngineFingerprint plugin
/// hashed them at build time. A memoized result depends on the compute
/// modules, Lab's runtime, values and registry, the shared argument readers
/// and value types (Builtins/Shared), and the built-in's own file; not on
/// the language's front end, the claims, the presentation of values or the
/// other built-ins, so editing a figure built-in keeps trained networks.
public enum Engine {
    static let computeModules = ["Tensors/", "NeuralNet/", "Datasets/", "Visualizations/", "Embedding/"]
    static let labParts = ["Lab/Runtime/", "Lab/Values/", "Lab/Registry/", "Lab/Builtins/Shared/"]

    static func covers(_ path: String, for builtin: Builtin) -> Bool {
        path == builtin.sourcePath || computeModules.contains(where: path.hasPrefix) || labParts.contains(where: path.hasPrefix)
    }

    /// The files behind `builtin`'s results, by path under Sources/.
    static func sources(of builtin: Builtin) -> [String] {
        EngineSources.digests.keys.filter { covers($0, for: builtin) }.sorted()
    }

    /// Every file the plugin hashed for Lab: what a page made by this build
    /// depends on, beside Notebook's own sources.
    public static let wholeFingerprint: String = {
        var h = SHA256()
        for path in EngineSources.digests.keys.sorted() {
            h.update(path)
            h.update(EngineSources.digests[path]!)
        }
        return MemoKey.hex(h.finalize())
    }()

    /// Made once per declaring file: it depends on nothing else.
    static func fingerprint(of builtin: Builtin) -> String {
        Fingerprints.shared.value(for: builtin.sourcePath) {
            var h = SHA256()
            for path in sources(of: builtin) {
                h.update(path)
                h.update(EngineSources.digests[path]!)
            }
            return MemoKey.hex(h.finalize())
        }
    }
}

/// Engine fingerprints by declaring file, for the life of the process.
private final class Fingerprints: @unchecked Sendable {
    // @unchecked: `table` is only touched while `lock` is held.
    static let shared = Fingerprints()
    private let lock = NSLock()
    private var table: [String: String] = [:]

    func value(for path: String, make: () -> String) -> String {
        lock.withLock {
            if let v = table[path] { return v }
            let v = make()
            table[path] = v
            return v
        }
    }
}
