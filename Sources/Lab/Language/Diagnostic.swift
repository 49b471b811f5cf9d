/// One located problem. Every part of Lectern prints problems through
/// `rendered`, so all diagnostics read `lessons/02-vgg.md:41:7: error: ...`.
///
/// The one diagnostic type: the check report and the page cache store it as
/// it is (`{"file", "line", "column", "severity", "message"}`).
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible, Codable {
    public enum Severity: String, Sendable, Codable { case error, warning, note }

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

    public var line: Int { location.line }
    public var column: Int { location.column }

    enum CodingKeys: String, CodingKey { case file, line, column, severity, message }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decode(String.self, forKey: .file)
        location = SourceLocation(line: try c.decode(Int.self, forKey: .line), column: try c.decode(Int.self, forKey: .column))
        severity = try c.decodeIfPresent(Severity.self, forKey: .severity) ?? .error
        message = try c.decode(String.self, forKey: .message)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(location.line, forKey: .line)
        try c.encode(location.column, forKey: .column)
        try c.encode(severity, forKey: .severity)
        try c.encode(message, forKey: .message)
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
