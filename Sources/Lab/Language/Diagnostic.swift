/// One located problem. Every part of Lectern prints problems through
/// `rendered`, so all diagnostics read `lessons/02-vgg.md:41:7: error: ...`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public var file: String
    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(file: String, location: SourceLocation, severity: Severity = .error, message: String) {
        self.file = file
        self.location = location
        self.severity = severity
        self.message = message
    }

    public var rendered: String {
        "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }

    public var description: String { rendered }
}

/// An error raised while evaluating, before it is tied to a file. The
/// interpreter attaches the location of the expression that failed.
public struct LabError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    public var description: String { message }
}
