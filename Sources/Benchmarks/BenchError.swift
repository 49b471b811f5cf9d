/// Why a benchmark could not run, in plain words. A missing data set is not
/// one: training then runs on random images and the report says so.
public struct BenchError: Error, Sendable, CustomStringConvertible {
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
