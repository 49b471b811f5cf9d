/// The outcome of one documented number or `expect`, as `lectern check`
/// reports it (LESSON-FORMAT.md section 8).
public struct ClaimResult: Sendable {
    public enum Kind: String, Sendable, Codable { case approx, exact, erratum, expect }
    public enum Status: String, Sendable, Codable { case pass, fail, error }
    public enum Computed: Sendable, Equatable {
        case number(Double)
        case text(String)
    }

    public var location: SourceLocation
    public var source: String
    public var kind: Kind
    public var status: Status
    /// The documented value as written (nil for a plain `expect`).
    public var documented: String?
    public var computed: Computed?
    public var error: Diagnostic?
    /// For a placeholder (`~ ?`, `~ ?.2`): the claim `check --fix` writes in
    /// its place. A placeholder always fails: the number is not written yet.
    public var fill: String?
    /// The claim's absolute tolerance after the multiplier (0 for `==` on a
    /// number); nil for `expect` and for a claim that did not parse.
    public var tolerance: Double?
    /// Why a `~` claim cannot meaningfully fail (section 9.4), if it cannot.
    public var warning: String?

    /// How the computed value reads beside the documented one.
    public var computedText: String {
        switch computed {
        case let .number(x)?: return ValueFormat.plain(x)
        case let .text(t)?: return t
        case nil: return ""
        }
    }
}
