import Figures
import Tensors

/// `confusion(matrix, classes=)`: a classifier's mistakes as a figure with
/// the class names on both sides, the count in every cell and a colour
/// bar; `evaluate(...).confusion` is the matrix it expects.
enum ConfusionBuiltin {
    static let confusion = Builtin(
        "confusion(matrix: tensor, classes = none, share: bool = true, cmap: string = \"viridis\", title: string = none, caption: string = none, alt: string = none, label: string = none)",
        "a confusion matrix (rows the true class, columns the predicted one) with class names, the count in each cell "
            + "and a colour bar; share=true shades a cell by its share of the true class, share=false by its count"
    ) { args, _ in
        let m = try args.tensor("matrix")
        guard m.rank == 2, m.shape[0] == m.shape[1], m.shape[0] > 0 else {
            throw args.fail("matrix", "a square matrix (classes × classes)")
        }
        let n = m.shape[0]
        let names = try FigureBuiltins.labels(args, "classes") ?? (0..<n).map(String.init)
        guard names.count == n else {
            throw LabError("confusion: \(names.count) class names for a \(n)×\(n) matrix", at: args.location("classes"))
        }
        let rows = (0..<n).map { i in (0..<n).map { j in Double(m.scalars[i * n + j]) } }
        let figure = ConfusionMatrix(counts: rows, classes: names, title: try args.optionalString("title"),
                                     cmap: try args.colormap(), rowShare: try args.bool("share"))
        try args.run(at: "matrix") { try figure.validate() }
        return try FigureBuiltins.svgFigure(figure.svg(), args, alt: "confusion matrix of \(n) classes")
    }
}
