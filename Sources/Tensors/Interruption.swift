/// A caller's way to cut a long computation short (a block past its time
/// limit) without every function on the way taking a parameter.
///
/// While `stop` is set, loops over chunks of work poll it between chunks.
/// Once it says true, a function that can throw throws its module's
/// "stopped" error; one that cannot skips the rest of its work, and the
/// caller, which set `stop`, throws the meaningless result away and
/// reports why.
public enum Interruption {
    @TaskLocal public static var stop: (@Sendable () -> Bool)?

    /// Whether the caller has asked to stop; false when no one is asking.
    public static var requested: Bool { stop?() == true }
}
