/// The styles of format 1.1's additions (weak claims, callouts, folded
/// sources, solutions, cross-references, citations), kept apart from
/// `PageTemplate.css` so the page chrome can change around them.
enum FormatAdditionsCSS {
    static let css = """

    .claim.weak .mark{color:var(--muted)}ul.checks .weak{font-style:italic}

    """
}
