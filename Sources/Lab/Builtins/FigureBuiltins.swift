import Figures
import Tensors

/// Figures and tables (section 6). Each takes `title=` and `caption=`; the
/// page numbers figures and shows the caption under them. Figures also take
/// `alt=`, and figures and tables `label=` (format 1.1).
enum FigureBuiltins {
    static let all: [Builtin] = [plot, bar, scatter, image, grid, table, ConfusionBuiltin.confusion]

    /// `cols=`: a number of columns, or a list of column headers (one
    /// column each); `rows=`: a list of row headers. Headers name what a
    /// column or row of a comparison holds, once, instead of a label under
    /// every tile.
    static func headers(_ args: Arguments, defaultColumns: Int) throws -> (columns: Int, cols: [String]?, rows: [String]?) {
        let rows = try labels(args, "rows")
        if case let .list(items)? = args.value("cols") {
            guard !items.isEmpty else { throw args.fail("cols", "a number of columns or a non-empty list of column headers") }
            return (items.count, items.map(\.inlineText), rows)
        }
        return (try args.int("cols", default: defaultColumns, min: 1), nil, rows)
    }

    /// Puts headers on a grid and fits it to the page unless the author fixed the scale.
    static func arrange(_ g: inout ImageGrid, _ args: Arguments, cols: [String]?, rows: [String]?) throws {
        g.columnHeaders = cols
        g.rowHeaders = rows
        if !args.has("scale") { g.fitWidth = ImageGrid.columnWidth }
        if let rows, let cols, rows.count * cols.count != g.tiles.count {
            throw LabError("\(args.builtin): \(rows.count) rows × \(cols.count) columns is \(rows.count * cols.count) places "
                           + "for \(g.tiles.count) images", at: args.location("rows"))
        }
    }

    /// `xticks=`: tick positions (numbers), or names for the x values in
    /// order (strings: layers by name); nil when not given.
    static func ticks(_ args: Arguments, x: [Double]) throws -> (positions: [Double], names: [String]?)? {
        guard let v = args.value("xticks") else { return nil }
        guard case let .list(items) = v, !items.isEmpty else {
            return (try numbers(v, args, "xticks"), nil)
        }
        if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
            guard items.count == x.count else {
                throw LabError("\(args.builtin): \(items.count) tick names for \(x.count) x values; give one name per x value",
                               at: args.location("xticks"))
            }
            return (x, items.map(\.inlineText))
        }
        return (try numbers(v, args, "xticks"), nil)
    }

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
                            caption: try args.optionalString("caption"),
                            alt: try self.alt(args, else: alt), label: try label(args, "fig")))
    }

    /// `label="fig-NAME"` on a figure, `label="tbl-NAME"` on a table (format
    /// 1.1, section 9.1): the name prose refers to as `@fig-NAME`. Checked
    /// here, where the error can point at the argument; the page numbers it.
    static func label(_ args: Arguments, _ prefix: String) throws -> String? {
        guard let label = try args.optionalString("label") else { return nil }
        let name = label.hasPrefix(prefix + "-") ? label.dropFirst(prefix.count + 1) : ""
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(isLabelCharacter) else {
            let what = prefix == "fig" ? "a figure's" : "a table's"
            throw LabError("\(what) label must be \"\(prefix)-NAME\", NAME of letters, digits and '-'; got \"\(label)\"",
                           at: args.location("label"))
        }
        return label
    }

    /// Letters, digits and `-`: what a label's NAME may hold, in prose too.
    static func isLabelCharacter(_ c: Unicode.Scalar) -> Bool {
        c == "-" || ("0"..."9").contains(c) || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    /// What a screen reader says for the figure (format 1.1, section 9.3):
    /// `alt=`, else the caption, else the title, else what the built-in
    /// can say of the picture itself ("line plot of 2 series").
    static func alt(_ args: Arguments, else described: String) throws -> String {
        try args.optionalString("alt") ?? args.optionalString("caption") ?? args.optionalString("title") ?? described
    }

    /// `xscale=` and `xlim=` (or the y ones): a scale by name, and limits
    /// as a list [low, high] with low below high.
    static func axis(_ args: Arguments, _ letter: String) throws -> AxisSettings {
        let scaleName = try args.string(letter + "scale")
        guard let scale = AxisSettings.Scale(rawValue: scaleName) else {
            throw LabError("\(args.builtin): '\(letter)scale' must be \"linear\" or \"log\", got \"\(scaleName)\"",
                           at: args.location(letter + "scale"))
        }
        let name = letter + "lim"
        guard let v = args.value(name) else { return AxisSettings(scale: scale) }
        guard let t = try? Coercion.tensor(v, at: nil), t.rank == 1, t.count == 2 else {
            throw args.fail(name, "a list of two numbers [low, high]")
        }
        let (lo, hi) = (Double(t.scalars[0]), Double(t.scalars[1]))
        guard lo.isFinite, hi.isFinite, lo < hi else {
            throw LabError("\(args.builtin): '\(name)' must be [low, high] with low below high, got "
                           + "[\(ValueFormat.plain(lo)), \(ValueFormat.plain(hi))]", at: args.location(name))
        }
        if scale == .log, lo <= 0 {
            throw LabError("\(args.builtin): '\(name)' must be above 0 on a log scale (\(letter)scale=\"log\"), got "
                           + "[\(ValueFormat.plain(lo)), \(ValueFormat.plain(hi))]", at: args.location(name))
        }
        return AxisSettings(scale: scale, limits: lo...hi)
    }

    static let plot = Builtin("plot(x, y, *more, labels = none, xlabel: string = none, ylabel: string = none, title: string = none, caption: string = none, alt: string = none, label: string = none, xscale: string = \"linear\", yscale: string = \"linear\", xlim = none, ylim = none, xticks = none)",
                              "a line plot of one or more series against x (rows of a matrix y are series); xscale=/yscale=\"log\" "
                              + "for log axes with ticks at powers of ten, xlim=/ylim=[low, high] to fix an axis's range; "
                              + "whole-number x gets whole-number ticks; xticks= puts ticks at the given x values "
                              + "([0, 90, 180, 270, 360]) or names each x value ([\"conv1\", \"pool1\", ...])") { args, _ in
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
        var p = LinePlot(series: series, title: try args.optionalString("title"),
                         xlabel: try args.optionalString("xlabel"), ylabel: try args.optionalString("ylabel"))
        (p.xaxis, p.yaxis) = (try axis(args, "x"), try axis(args, "y"))
        if let (positions, names) = try ticks(args, x: x) {
            (p.xaxis.ticks, p.xaxis.tickLabels) = (positions, names)
        }
        try args.run(at: nil) { try p.validate() }
        return try svgFigure(p.svg(), args, alt: "line plot of \(ys.count) series")
    }

    static let bar = Builtin("bar(labels: list, values, xlabel: string = none, ylabel: string = none, title: string = none, caption: string = none, alt: string = none, label: string = none, legend: list = none)",
                             "a bar chart, one bar a label; several series (a record of name: values, a list of lists, "
                             + "or a matrix with one row a series) make grouped bars with a legend, named by the "
                             + "record's fields or legend=") { args, _ in
        let names = try args.list("labels").map(\.inlineText)
        let (series, fieldNames) = try barSeries(args)
        let title = try args.optionalString("title"), xlabel = try args.optionalString("xlabel")
        let ylabel = try args.optionalString("ylabel")
        var legend = try labels(args, "legend") ?? fieldNames ?? series.indices.map { "series \($0 + 1)" }
        if args.has("legend"), legend.count != series.count {
            throw LabError("bar: \(legend.count) legend names for \(series.count) series", at: args.location("legend"))
        }
        if series.count == 1 {
            let chart = BarChart(labels: names, values: series[0], title: title, xlabel: xlabel, ylabel: ylabel)
            try args.run(at: nil) { try chart.validate() }
            return try svgFigure(chart.svg(), args, alt: "bar chart of \(names.count) values")
        }
        legend = legend.map { $0.isEmpty ? " " : $0 }
        let chart = BarChart(labels: names, series: series, names: legend, title: title, xlabel: xlabel, ylabel: ylabel)
        try args.run(at: "values") { try chart.validate() }
        return try svgFigure(chart.svg(), args, alt: "grouped bar chart of \(series.count) series over \(names.count) labels")
    }

    /// `values=` of `bar` as series: one list of numbers, a record of them
    /// (whose field names name the series), a list of them, or a matrix.
    static func barSeries(_ args: Arguments) throws -> ([[Double]], names: [String]?) {
        let expected = "a list of numbers, or several series: a record of name: values, a list of lists or a matrix"
        switch args.value("values") {
        case let .record(r)?:
            guard !r.fields.isEmpty else { throw args.fail("values", expected) }
            let series = try r.fields.map { field -> [Double] in
                guard let t = try? Coercion.tensor(field.value, at: nil), t.rank <= 1 else {
                    throw LabError("bar: series '\(field.name)' must be a list of numbers, got \(field.value.kindDescription)",
                                   at: args.location("values"))
                }
                return t.scalars.map(Double.init)
            }
            return (series, r.names)
        case let .list(items)? where items.contains(where: { if case .number = $0 { false } else { true } }):
            // A list of series, which may differ in length (validation says which).
            let series = try items.enumerated().map { i, item -> [Double] in
                guard let t = try? Coercion.tensor(item, at: nil), t.rank <= 1 else {
                    throw LabError("bar: series \(i + 1) of 'values' must be a list of numbers, got \(item.kindDescription)",
                                   at: args.location("values"))
                }
                return t.scalars.map(Double.init)
            }
            return (series, nil)
        case let v?:
            guard let t = try? Coercion.tensor(v, at: nil), t.rank <= 2 else { throw args.fail("values", expected) }
            if t.rank < 2 { return ([t.scalars.map(Double.init)], nil) }
            let (rows, cols) = (t.shape[0], t.shape[1])
            guard rows > 0 else { throw args.fail("values", expected) }
            return ((0..<rows).map { r in t.scalars[(r * cols)..<((r + 1) * cols)].map(Double.init) }, nil)
        case nil:
            throw args.fail("values", expected)
        }
    }

    static let scatter = Builtin("scatter(points: tensor, labels = none, names: list = none, xlabel: string = none, ylabel: string = none, title: string = none, caption: string = none, alt: string = none, label: string = none, xscale: string = \"linear\", yscale: string = \"linear\", xlim = none, ylim = none)",
                                 "an N×2 set of points, coloured by integer labels (names= names the classes); "
                                 + "xscale=/yscale=\"log\" and xlim=/ylim=[low, high] as in plot") { args, _ in
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
        var plot = ScatterPlot(x: xs, y: ys, categories: categories, categoryNames: try labels(args, "names"),
                               title: try args.optionalString("title"), xlabel: try args.optionalString("xlabel"),
                               ylabel: try args.optionalString("ylabel"))
        (plot.xaxis, plot.yaxis) = (try axis(args, "x"), try axis(args, "y"))
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

    /// `symmetric=true`: 0 at the middle of the colours (grey), ±the largest
    /// |value| at the ends, so the sign of a weight or gradient reads at a glance.
    static func symmetricRange(_ t: Tensor) -> ClosedRange<Float> {
        let largest = t.scalars.reduce(Float(0)) { $1.isFinite ? max($0, abs($1)) : $0 }
        return largest > 0 ? -largest...largest : -1...1
    }

    static let image = Builtin("image(t: tensor, cmap: string = \"gray\", scale: int = none, title: string = none, caption: string = none, alt: string = none, label: string = none, symmetric: bool = false)",
                               "a tensor shown as an image (grayscale, RGB, or through a colormap); values in [0, 1] show "
                               + "as they are (0 black, 1 white), others stretched from their min to their max; "
                               + "symmetric=true puts 0 at mid-grey and ±the largest |value| at the ends") { args, _ in
        let t = try args.tensor("t")
        let b = try bitmap(t, cmap: try args.colormap(), at: args.location("t"),
                           range: try args.bool("symmetric") ? symmetricRange(t) : nil)
        let png = try args.run(at: nil) { try PNGEncoder.encode(b) }
        // Small images are drawn large with crisp pixels; the PNG stays native size.
        let scale = try args.int("scale", default: max(1, min(8, 224 / max(b.width, 1))), min: 1, max: 32)
        return .object(FigureValue(content: .png(png, width: b.width, height: b.height, displayWidth: b.width * scale),
                                   title: try args.optionalString("title"), caption: try args.optionalString("caption"),
                                   alt: try alt(args, else: "image of \(b.width)×\(b.height) pixels"), label: try label(args, "fig")))
    }

    static let grid = Builtin("grid(images, cols = none, labels = none, cmap: string = \"gray\", scale: int = none, title: string = none, caption: string = none, alt: string = none, label: string = none, symmetric: bool = false, rows: list = none)",
                              "several images in rows and columns, with optional labels; each image is scaled on its "
                              + "own as image() scales one (symmetric=true: 0 at mid-grey, ±its largest |value| at the ends); "
                              + "cols= a number of columns or a list of column headers, rows= a list of row headers; "
                              + "without scale= the grid is fitted to the page") { args, _ in
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
        let symmetric = try args.bool("symmetric")
        let tiles = try items.map { try bitmap($0, cmap: cmap, at: loc, range: symmetric ? symmetricRange($0) : nil) }
        let names = try labels(args, "labels")
        if let n = names, n.count != tiles.count {
            throw LabError("grid: \(n.count) labels for \(tiles.count) images", at: args.location("labels"))
        }
        let (cols, colHeaders, rowHeaders) = try headers(args, defaultColumns: min(tiles.count, 10))
        // Without scale= a tile starts near 96 pixels and shrinks only to fit the page.
        let scale = try args.int("scale", default: max(1, min(24, 96 / max(tiles[0].width, 1))), min: 1, max: 32)
        var g = ImageGrid(tiles: tiles, columns: cols, labels: names, title: try args.optionalString("title"), tileScale: scale)
        try arrange(&g, args, cols: colHeaders, rows: rowHeaders)
        try args.run(at: nil) { try g.validate() }
        return try svgFigure(g.svg(), args, alt: "grid of \(tiles.count) images")
    }

    static let table = Builtin("table(data = none, title: string = none, caption: string = none, label: string = none, **)",
                               "a table from a record, a list of records, or named columns; a table (summary(net)'s too) "
                               + "given as data is shown again with the title=, caption= and label= given") { args, _ in
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
            guard case var .table(t) = o.display, args.has("title") || args.has("caption") || args.has("label") else { return .object(o) }
            // A new table with the same rows and fields: summary(net) takes no label= of its own.
            t.title = try args.optionalString("title") ?? t.title
            t.caption = try args.optionalString("caption") ?? t.caption
            t.label = try label(args, "tbl")
            let known = Set(t.fieldNames)
            for n in o.fieldNames where !known.contains(n) { if let v = o.field(n) { t.extraFields.fields.append((n, v)) } }
            return .object(t)
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
                                  caption: try args.optionalString("caption"), label: try label(args, "tbl")))
    }
}
