import Figures
import Tensors

/// Figures and tables (section 6). Each takes `title=` and `caption=`; the
/// page numbers figures and shows the caption under them.
enum FigureBuiltins {
    static let all: [Builtin] = [plot, bar, scatter, image, grid, table]

    static func labels(_ args: Arguments, _ name: String) throws -> [String]? {
        guard args.has(name) else { return nil }
        return try args.list(name).map(\.inlineText)
    }

    static func numbers(_ v: Value, _ args: Arguments, _ name: String) throws -> [Double] {
        let t = try Coercion.tensor(v, at: args.location(name), what: "'\(name)'")
        guard t.rank <= 1 else { throw args.fail(name, "a list of numbers") }
        return t.scalars.map(Double.init)
    }

    static func svgFigure(_ svg: String, _ args: Arguments, alt: String) throws -> Value {
        .object(FigureValue(content: .svg(svg), title: try args.optionalString("title"),
                            caption: try args.optionalString("caption"), alt: alt))
    }

    static let plot = Builtin("plot(x, y, *more, labels = none, xlabel: string = none, ylabel: string = none, title: string = none, caption: string = none)",
                              "a line plot of one or more series against x") { args, _ in
        let x = try numbers(args.value("x") ?? .none, args, "x")
        var ys: [[Double]] = []
        for v in [args.value("y") ?? .none] + (try args.list("more")) {
            let t = try Coercion.tensor(v, at: args.location("y"), what: "series")
            if t.rank == 2 {
                for r in 0..<t.shape[0] { ys.append(Array(t.scalars[r * t.shape[1]..<(r + 1) * t.shape[1]].map(Double.init))) }
            } else {
                ys.append(try numbers(v, args, "y"))
            }
        }
        let names = try labels(args, "labels") ?? []
        if !names.isEmpty, names.count != ys.count {
            throw LabError("plot: \(names.count) labels for \(ys.count) series", at: args.location("labels"))
        }
        let series = ys.enumerated().map { i, y in
            LinePlot.Series(label: i < names.count ? names[i] : (ys.count == 1 ? "" : "series \(i + 1)"), x: x, y: y)
        }
        let p = LinePlot(series: series, title: try args.optionalString("title"),
                         xlabel: try args.optionalString("xlabel"), ylabel: try args.optionalString("ylabel"))
        try args.run(at: nil) { try p.validate() }
        return try svgFigure(p.svg(), args, alt: "line plot of \(ys.count) series")
    }

    static let bar = Builtin("bar(labels: list, values: tensor, xlabel: string = none, ylabel: string = none, title: string = none, caption: string = none)",
                             "a bar chart, one bar a label") { args, _ in
        let names = try args.list("labels").map(\.inlineText)
        let values = try numbers(args.value("values") ?? .none, args, "values")
        let chart = BarChart(labels: names, values: values, title: try args.optionalString("title"),
                             xlabel: try args.optionalString("xlabel"), ylabel: try args.optionalString("ylabel"))
        try args.run(at: nil) { try chart.validate() }
        return try svgFigure(chart.svg(), args, alt: "bar chart of \(names.count) values")
    }

    static let scatter = Builtin("scatter(points: tensor, labels = none, names: list = none, xlabel: string = none, ylabel: string = none, title: string = none, caption: string = none)",
                                 "an N×2 set of points, coloured by integer labels") { args, _ in
        let t = try args.tensor("points")
        guard t.rank == 2, t.shape[1] == 2 else { throw args.fail("points", "an N×2 tensor") }
        let xs = stride(from: 0, to: t.count, by: 2).map { Double(t.scalars[$0]) }
        let ys = stride(from: 1, to: t.count, by: 2).map { Double(t.scalars[$0]) }
        var categories: [Int]?
        if args.has("labels") {
            categories = try numbers(args.value("labels") ?? .none, args, "labels").map { x in
                // Int(x) traps on NaN, infinities and huge values.
                guard x == x.rounded(), abs(x) < 1e9 else { throw args.fail("labels", "a list of whole numbers (class labels)") }
                return Int(x)
            }
        }
        let plot = ScatterPlot(x: xs, y: ys, categories: categories, categoryNames: try labels(args, "names"),
                               title: try args.optionalString("title"), xlabel: try args.optionalString("xlabel"),
                               ylabel: try args.optionalString("ylabel"))
        try args.run(at: nil) { try plot.validate() }
        return try svgFigure(plot.svg(), args, alt: "scatter plot of \(xs.count) points")
    }

    /// A tensor as a bitmap: (H, W), (C, H, W) or (1, C, H, W) with C 1 or 3.
    static func bitmap(_ t: Tensor, cmap: Colormap, at loc: SourceLocation, range: ClosedRange<Float>? = nil) throws -> Bitmap {
        var shape = t.shape
        while shape.count > 3, shape[0] == 1 { shape.removeFirst() }
        let channels: Int, h: Int, w: Int
        switch shape.count {
        case 2: (channels, h, w) = (1, shape[0], shape[1])
        case 3 where shape[0] == 1 || shape[0] == 3: (channels, h, w) = (shape[0], shape[1], shape[2])
        default:
            throw LabError("an image must have shape (H, W), (1, H, W) or (3, H, W); got \(Tensor.describe(t.shape))", at: loc)
        }
        do throws(FigureError) {
            return try ImageRenderer.bitmap(values: t.scalars, channels: channels, height: h, width: w, cmap: cmap, range: range)
        } catch {
            throw LabError(error.message, at: loc)
        }
    }

    static let image = Builtin("image(t: tensor, cmap: string = \"gray\", scale: int = none, title: string = none, caption: string = none)",
                               "a tensor shown as an image (grayscale, RGB, or through a colormap)") { args, _ in
        let b = try bitmap(try args.tensor("t"), cmap: try args.colormap(), at: args.location("t"))
        let png = try args.run(at: nil) { try PNGEncoder.encode(b) }
        // Small images are drawn large with crisp pixels; the PNG stays native size.
        let scale = try args.int("scale", default: max(1, min(8, 224 / max(b.width, 1))), min: 1, max: 32)
        return .object(FigureValue(content: .png(png, width: b.width, height: b.height, displayWidth: b.width * scale),
                                   title: try args.optionalString("title"), caption: try args.optionalString("caption"),
                                   alt: "image of \(b.width)×\(b.height) pixels"))
    }

    static let grid = Builtin("grid(images, cols: int = none, labels = none, cmap: string = \"gray\", scale: int = none, title: string = none, caption: string = none)",
                              "several images in rows and columns, with optional labels") { args, _ in
        let loc = args.location("images")
        let items: [Tensor]
        if case let .list(xs)? = args.value("images") {
            items = try xs.map { try Coercion.tensor($0, at: loc) }
        } else {
            let t = try args.tensor("images")
            guard t.rank >= 3 else { throw args.fail("images", "a list of images or an (N, H, W) / (N, C, H, W) tensor") }
            items = try (0..<t.shape[0]).map { i in try t.subscripted([.at(i)]) }
        }
        guard !items.isEmpty else { throw args.fail("images", "at least one image") }
        guard items.count <= 4096 else { throw LabError("grid: \(items.count) images is too many for one figure (at most 4096)", at: loc) }
        let cmap = try args.colormap()
        let tiles = try items.map { try bitmap($0, cmap: cmap, at: loc) }
        let names = try labels(args, "labels")
        if let n = names, n.count != tiles.count {
            throw LabError("grid: \(n.count) labels for \(tiles.count) images", at: args.location("labels"))
        }
        let cols = try args.int("cols", default: min(tiles.count, 10), min: 1)
        let scale = try args.int("scale", default: max(1, min(4, 96 / max(tiles[0].width, 1))), min: 1, max: 16)
        let g = ImageGrid(tiles: tiles, columns: cols, labels: names, title: try args.optionalString("title"), tileScale: scale)
        try args.run(at: nil) { try g.validate() }
        return try svgFigure(g.svg(), args, alt: "grid of \(tiles.count) images")
    }

    static let table = Builtin("table(data = none, title: string = none, caption: string = none, **)",
                               "a table from a record, a list of records, or named columns") { args, _ in
        var columns: [String] = []
        var rows: [[Value]] = []
        func fromColumns(_ cols: [(String, Value, SourceLocation)]) throws {
            let lists = try cols.map { name, v, loc -> [Value] in
                switch v {
                case let .list(xs): return xs
                case .tensor: return try Indexing.iterate(v, at: loc)
                default: throw LabError("table: column '\(name)' must be a list, got \(v.kindDescription)", at: loc)
                }
            }
            let n = lists.first?.count ?? 0
            for (i, l) in lists.enumerated() where l.count != n {
                throw LabError("table: column '\(cols[i].0)' has \(l.count) values, '\(cols[0].0)' has \(n)", at: cols[i].2)
            }
            columns = cols.map(\.0)
            rows = (0..<n).map { r in lists.map { $0[r] } }
        }
        switch args.value("data") {
        case nil:
            guard !args.extra.isEmpty else { throw LabError("table needs data: a record, a list of records, or columns as name=list", at: args.callLocation) }
            try fromColumns(args.extra.map { ($0.name, $0.value, $0.location) })
        case let .record(r)? where r.fields.allSatisfy({ if case .list = $0.value { return true }; return false }):
            try fromColumns(r.fields.map { ($0.name, $0.value, args.location("data")) })
        case let .record(r)?:
            columns = ["name", "value"]
            rows = r.fields.map { [.string($0.name), $0.value] }
        case let .list(items)?:
            for item in items {
                guard case let .record(r) = item else { throw args.fail("data", "a list of records") }
                for n in r.names where !columns.contains(n) { columns.append(n) }
            }
            rows = items.map { item in
                guard case let .record(r) = item else { return [] }
                return columns.map { r[$0] ?? .string("") }
            }
        case let .object(o)? where { if case .table = o.display { return true }; return false }():
            return .object(o)
        default:
            throw args.fail("data", "a record, a list of records, or columns")
        }
        let cells = rows.map { row in
            row.map { v -> TableValue.Cell in
                if case let .number(x) = v { return TableValue.Cell(ValueFormat.plain(x), number: x) }
                return TableValue.Cell(v.inlineText)
            }
        }
        return .object(TableValue(columns: columns, rows: cells, title: try args.optionalString("title"),
                                  caption: try args.optionalString("caption")))
    }
}
