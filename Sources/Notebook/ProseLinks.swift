import Lab

/// What the prose of a lesson refers to and cites, resolved as far as the
/// lesson alone allows: each `@fig-...`/`[@key]` group in the tree is a
/// `.citeGroup` node whose index is its place in `groups`.
struct ProseLinks: Sendable {
    enum Item: Sendable {
        /// A label of this lesson.
        case local(LabelTarget)
        /// A label this lesson does not define: looked up in the course when
        /// the page is written (`CourseLabels`); the index is in `external`.
        case external(Int)
        /// A cited work of the bibliography, with the text around its key.
        case work(key: String, prefix: String, suffix: String)
        /// A key that names nothing: shown as written, and an error.
        case unknown(String)
    }

    struct Group: Sendable {
        var items: [Item]
        var bracketed: Bool
        /// The first item's place: each citation's back link points at the first of its work.
        var line: Int
        var column: Int
    }

    /// A reference to a label of another lesson, with where it is written.
    struct External: Codable, Sendable, Equatable {
        var label: String
        var line: Int
        var column: Int
    }

    var groups: [Group] = []
    var external: [External] = []
    /// Cited works in order of first citation, and the bibliography they come from.
    var cited: [String] = []
    var bibliography: Bibliography?
    var labels = LabelTable()
}
