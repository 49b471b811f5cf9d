/// The styles of format 1.1's additions (weak claims, callouts, folded
/// sources, solutions, cross-references, citations, inline formulas too
/// wide for a phone, which scroll on their own), kept apart from
/// `PageTemplate.css` so the page chrome can change around them.
enum FormatAdditionsCSS {
    static let css = """

    .claim.weak .mark{color:var(--muted)}ul.checks .weak{font-style:italic}
    .callout{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid var(--accent);border-radius:4px;background:var(--code-bg)}
    .callout>.callout-title{margin:.2rem 0;font:600 14px/1.4 system-ui,sans-serif;color:var(--accent)}
    .callout.tip{border-color:var(--ok)}.callout.tip>.callout-title{color:var(--ok)}
    .callout.warning,.callout.important{border-color:var(--warn)}.callout.warning>.callout-title,.callout.important>.callout-title{color:var(--warn)}
    .callout.caution{border-color:var(--bad)}.callout.caution>.callout-title{color:var(--bad)}
    details.source-fold>summary,details.solution>summary{cursor:pointer;font:13.5px/1.5 system-ui,sans-serif;color:var(--muted);padding:.4rem 1rem}
    details.source-fold{border-bottom:1px solid var(--rule)}details.solution{margin:1.4rem 0}details.solution>.cell{margin-top:.3rem}
    .equation{display:flex;align-items:center;gap:1rem}.equation>.katex,.equation>.math-tex{flex:1 1 auto;min-width:0;overflow-x:auto}
    .equation-number{flex:none;color:var(--muted)}
    .xref.missing{color:var(--bad);font-weight:600}
    section.references{margin-top:2.5rem}ol.references{list-style:none;padding-left:0;font-size:.92rem}
    ol.references>li{margin:.45rem 0;padding-left:1.5rem;text-indent:-1.5rem}.ref-back{text-decoration:none}
    @media (max-width:47rem){.katex:has(>math:not([display=block])){display:inline-block;max-width:100%;overflow-x:auto;overflow-y:hidden;vertical-align:middle}}

    """
}
