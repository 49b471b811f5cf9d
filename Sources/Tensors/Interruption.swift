#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A caller's way to cut a long computation short (a block past its time
/// limit) without every function on the way taking a parameter.
///
/// While `stop` is set, loops over chunks of work poll it between chunks.
/// Once it says true, a function that can throw throws its module's
/// "stopped" error; one that cannot skips the rest of its work, and the
/// caller, which set `stop`, throws the meaningless result away and
/// reports why.
///
/// The setting belongs to the calling thread (a POSIX thread-specific
/// value): lessons that run side by side each stop only their own work,
/// and code that hands work to other threads captures `stop` first.
/// (A task-local crashed in optimized builds when set from synchronous
/// code on the main thread.)
public enum Interruption {
    private final class Box {
        let stop: @Sendable () -> Bool
        init(_ stop: @escaping @Sendable () -> Bool) { self.stop = stop }
    }

    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// What the current thread's caller polls; nil when no one is asking.
    public static var stop: (@Sendable () -> Bool)? {
        guard let p = pthread_getspecific(key) else { return nil }
        return Unmanaged<Box>.fromOpaque(p).takeUnretainedValue().stop
    }

    /// Runs `body` with `stop` set on this thread, then restores what was set before.
    public static func withStop<T>(_ stop: (@Sendable () -> Bool)?, _ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(key)
        let box = stop.map { Unmanaged.passRetained(Box($0)).toOpaque() }
        pthread_setspecific(key, box)
        defer {
            pthread_setspecific(key, previous)
            if let box { Unmanaged<Box>.fromOpaque(box).release() }
        }
        return try body()
    }

    /// Whether the caller has asked to stop; false when no one is asking.
    public static var requested: Bool { stop?() == true }
}
