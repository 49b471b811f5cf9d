/// Why a data set could not be loaded, in words a lesson author can act on:
/// which file, and what to do about it.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// What is wrong with a file's bytes, said before the caller knows which
/// file it was; the loader adds the path when it turns this into a
/// `DatasetError`.
struct FormatError: Error, Sendable, Equatable {
    let reason: String

    init(_ reason: String) { self.reason = reason }
}
