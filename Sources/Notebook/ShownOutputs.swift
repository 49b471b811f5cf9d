import Lab

/// A figure or table on a lesson's page, with the number the page gives it.
struct ShownOutput {
    var block: LessonRun.BlockResult
    /// Its index among the block's outputs (and their locations).
    var index: Int
    var output: Output
    /// Figures and tables are numbered apart, each from 1.
    var number: Int
}

extension LessonRun {
    /// Every figure and table the page shows, in page order: the tree's
    /// cells as `RenderStage` walks them, counting only the outputs of
    /// blocks that show them (`CellHTML`'s rule). Cross-references and the
    /// caption lint both number from here, so they agree with the page.
    var shownOutputs: [ShownOutput] {
        var out: [ShownOutput] = []
        var figures = 0, tables = 0
        func walk(_ node: MarkdownNode) {
            if case let .cell(index, _) = node.kind, index < results.count, case let .block(b) = results[index] {
                guard b.attributes.output else { return }
                for (k, output) in b.run.outputs.enumerated() {
                    switch output {
                    case .figure: figures += 1; out.append(ShownOutput(block: b, index: k, output: output, number: figures))
                    case .table: tables += 1; out.append(ShownOutput(block: b, index: k, output: output, number: tables))
                    case .text: break
                    }
                }
                return
            }
            node.children.forEach(walk)
        }
        walk(tree)
        return out
    }
}
