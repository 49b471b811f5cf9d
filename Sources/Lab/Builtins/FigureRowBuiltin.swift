import Figures

/// `row(fig, fig, ...)`: figures side by side as one figure of the page,
/// numbered once, wrapping to one a line on a narrow screen.
enum FigureRowBuiltin {
    static let all: [Builtin] = [row]

    static let row = Builtin("row(*figures, title: string = none, caption: string = none, alt: string = none, label: string = none)",
                             "figures side by side as one figure (one number, one caption), wrapping to one a line "
                             + "on a narrow screen; a single list of figures works too; each figure keeps its own "
                             + "title, and an image's title and caption show under it") { args, _ in
        var given = try args.list("figures")
        if given.count == 1, case let .list(items) = given[0] { given = items }
        var items: [FigureRow.Item] = [], captions: [String?] = [], alts: [String] = []
        for (i, v) in given.enumerated() {
            guard case let .object(o) = v, let f = o as? FigureValue else {
                throw LabError("row: figure \(i + 1) is \(v.kindDescription); row takes figures made by plot, bar, "
                               + "image, grid, ...", at: args.callLocation)
            }
            switch f.content {
            case let .svg(svg):
                items.append(.svg(svg))
                captions.append(f.caption)
            case let .png(bytes, width, height, displayWidth):
                items.append(.png(bytes, width: width, height: height, displayWidth: displayWidth, alt: f.alt))
                let text = [f.title, f.caption].compactMap { $0 }.joined(separator: ": ")
                captions.append(text.isEmpty ? nil : text)
            case .explorer:
                throw LabError("row: figure \(i + 1) is an explorer, which needs the column to itself; show it on its own",
                               at: args.callLocation)
            }
            alts.append(f.title ?? f.alt)
        }
        let title = try args.optionalString("title")
        let label = "\(given.count) figures side by side" + (alts.isEmpty ? "" : ": " + alts.joined(separator: "; "))
        let row = FigureRow(items: items, captions: captions, label: title.map { $0 + ", " + label } ?? label, title: title)
        try args.run(at: nil) { try row.validate() }
        return .object(FigureValue(content: .svg(row.html()), title: title, caption: try args.optionalString("caption"),
                                   alt: try FigureBuiltins.alt(args, else: label), label: try FigureBuiltins.label(args, "fig")))
    }
}
