/// The ids a page gives its headings and sections: the slug, or if an
/// earlier id has it, the slug with the first suffix `-1`, `-2`, ... that is
/// still free, as GitHub does (`a`, `a`, `a-1` get `a`, `a-1`, `a-1-1`).
/// The page (`RenderStage`) and the course's search index (`SearchIndex`)
/// both number with it, so a search result's anchor is the page's.
struct HeadingIDs {
    private var taken: Set<String> = []
    /// Per slug, the last suffix tried.
    private var suffixes: [String: Int] = [:]

    /// Ids used elsewhere on the page (labels), which no heading may take.
    mutating func reserve(_ ids: some Sequence<String>) {
        taken.formUnion(ids)
    }

    mutating func unique(_ base: String) -> String {
        var id = base
        while taken.contains(id) {
            let n = suffixes[base, default: 0] + 1
            suffixes[base] = n
            id = "\(base)-\(n)"
        }
        taken.insert(id)
        return id
    }
}
