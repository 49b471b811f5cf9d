import Figures
import Foundation
import Tensors

/// `heatmap(map, over=image)`: a map of numbers per pixel or per region
/// (saliency, occlusion, a projection) drawn with a perceptual colormap,
/// optionally blended over the grayscale image it explains, with a colour
/// bar saying which colour is which value.
///
/// A stack of maps (N×h×w) becomes one grid with one shared colour scale,
/// so the tiles can be compared; the colour range is the maps' own minimum
/// to maximum unless `range=` fixes it (e.g. [0, 1] for probabilities).
enum HeatmapBuiltin {
    static let heatmap = Builtin(
        "heatmap(map: tensor, over: tensor = none, cmap: string = \"viridis\", alpha: number = 0.6, range: list = none, upsample: string = \"nearest\", legend: string = none, labels = none, cols = none, scale: int = none, classes = none, title: string = none, caption: string = none, alt: string = none, label: string = none, rows: list = none)",
        "a map drawn with a colormap (viridis by default) and a colour bar, over a grayscale image when over= is given; "
            + "classes= draws a map of class numbers in the categorical palette with a key; a stack of maps shares one "
            + "colour bar, with cols= (a number or column headers) and rows= (row headers) as in grid"
    ) { args, _ in
        let maps = try mapStack(try args.tensor("map"), args)
        let (count, h, w) = (maps.shape[0], maps.shape[1], maps.shape[2])
        // viridis by default: perceptually uniform, so equal steps in value
        // look like equal steps in colour, and brighter always means more.
        let cmap = try args.colormap()
        let classes = try FigureBuiltins.labels(args, "classes")
        if let names = classes {
            for name in ["cmap", "range", "legend"] where args.has(name) {
                throw LabError("heatmap: classes= colours each class from the categorical palette, so leave out \(name)=",
                               at: args.location(name))
            }
            if let bad = maps.scalars.first(where: { !($0 >= 0 && $0 < Float(names.count) && $0 == $0.rounded()) }) {
                throw LabError("heatmap: with classes= the map must hold class numbers 0 to \(names.count - 1); "
                               + "found \(ValueFormat.plain(Double(bad)))", at: args.location("map"))
            }
        }
        let (lo, hi) = try colourRange(maps.scalars, args)
        var bases: [Tensor]? = nil
        if args.has("over") { bases = try images(try args.tensor("over"), maps: count, args) }
        let alpha = try args.number("alpha")
        guard alpha >= 0, alpha <= 1 else { throw LabError("heatmap: alpha= must be between 0 and 1", at: args.location("alpha")) }
        let mode = try args.string("upsample")
        guard mode == "nearest" || mode == "bilinear" else {
            throw LabError("heatmap: upsample= must be \"nearest\" or \"bilinear\", got \"\(mode)\"", at: args.location("upsample"))
        }
        if classes != nil, mode == "bilinear" {
            throw LabError("heatmap: classes cannot be blended between cells; leave upsample= at \"nearest\"", at: args.location("upsample"))
        }
        var tiles: [Bitmap] = []
        for i in 0..<count {
            var values = Array(maps.scalars[(i * h * w)..<((i + 1) * h * w)])
            var (th, tw) = (h, w)
            let base = bases.map { $0[$0.count == 1 ? 0 : i] }
            if let base, base.shape != [h, w] {
                (th, tw) = (base.shape[0], base.shape[1])
                values = resample(values, from: (h, w), to: (th, tw), bilinear: mode == "bilinear")
            }
            try args.run(at: "map") {
                let colours = classes == nil
                    ? try ImageRenderer.bitmap(values: values, channels: 1, height: th, width: tw, cmap: cmap, range: lo...hi)
                    : try categorical(values, height: th, width: tw)
                if let base {
                    let gray = try ImageRenderer.bitmap(values: base.scalars, channels: 1, height: th, width: tw)
                    tiles.append(ImageRenderer.overlay(map: colours, on: gray, alpha: alpha))
                } else {
                    tiles.append(colours)
                }
            }
        }
        let names = try FigureBuiltins.labels(args, "labels")
        if let names, names.count != count {
            throw LabError("heatmap: \(names.count) labels for \(count) maps", at: args.location("labels"))
        }
        let width = tiles[0].width
        // As `image` and `grid` do: one map large, a stack at thumbnail size.
        let fit = count == 1 ? max(1, min(8, 224 / max(width, 1))) : max(1, min(24, 96 / max(width, 1)))
        let scale = try args.int("scale", default: fit, min: 1, max: 32)
        let legend = ColorLegend(cmap: cmap, lower: Double(lo), upper: Double(hi), label: try args.optionalString("legend"))
        let (cols, colHeaders, rowHeaders) = try FigureBuiltins.headers(args, defaultColumns: min(count, 10))
        var grid = ImageGrid(tiles: tiles, columns: cols, labels: names,
                             title: try args.optionalString("title"), tileScale: scale, colorLegend: classes == nil ? legend : nil)
        try FigureBuiltins.arrange(&grid, args, cols: colHeaders, rows: rowHeaders)
        if let classes {
            // The key lists only the classes the maps show, in class order, so ten names do not crowd out two.
            let present = Set(maps.scalars.map { Int($0) })
            grid.keyLegend = classes.indices.filter(present.contains).map { (label: classes[$0], color: Palette.color($0)) }
        }
        try args.run(at: nil) { try grid.validate() }
        let what = count == 1 ? "heat map of \(h)×\(w) values" : "\(count) heat maps of \(h)×\(w) values"
        let scaleText = classes != nil ? "classes in the categorical palette"
            : "\(cmap.rawValue) from \(ValueFormat.plain(Double(lo))) to \(ValueFormat.plain(Double(hi)))"
        return try FigureBuiltins.svgFigure(grid.svg(), args, alt: what + (bases == nil ? "" : " over the image") + ", " + scaleText)
    }

    /// A map of class numbers painted one palette colour a class.
    static func categorical(_ values: [Float], height: Int, width: Int) throws(FigureError) -> Bitmap {
        var pixels = [UInt8]()
        pixels.reserveCapacity(values.count * 3)
        for v in values {
            let (r, g, b) = Palette.rgb(Int(v))
            pixels += [r, g, b]
        }
        return try Bitmap(width: width, height: height, channels: 3, pixels: pixels)
    }

    /// The maps as (N, h, w): (h, w) and (1, h, w) are one map, (N, 1, h, w) a stack.
    static func mapStack(_ t: Tensor, _ args: Arguments) throws -> Tensor {
        var shape = t.shape
        if shape.count == 4, shape[1] == 1 { shape.remove(at: 1) }
        if shape.count == 2 { shape.insert(1, at: 0) }
        guard shape.count == 3, shape.allSatisfy({ $0 > 0 }) else {
            throw LabError("heatmap: map must be (H, W), or a stack (N, H, W) of maps; got \(Tensor.describe(t.shape))",
                           at: args.location("map"))
        }
        guard shape[0] <= 4096 else {
            throw LabError("heatmap: \(shape[0]) maps is too many for one figure (at most 4096)", at: args.location("map"))
        }
        return Tensor(shape: shape, scalars: t.scalars)
    }

    /// `range=[lo, hi]`, or the finite values' minimum and maximum.
    static func colourRange(_ values: [Float], _ args: Arguments) throws -> (Float, Float) {
        if args.has("range") {
            let r = try args.tensor("range").scalars
            guard r.count == 2, r[0].isFinite, r[1].isFinite, r[0] <= r[1] else {
                throw LabError("heatmap: range= must be [low, high] with low ≤ high", at: args.location("range"))
            }
            return (r[0], r[1])
        }
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        return lo <= hi ? (lo, hi) : (0, 1)
    }

    /// The images under the maps as grayscale (H, W) each: one image for
    /// every map, or one per map. RGB becomes its luma (Rec. 601 weights).
    static func images(_ t: Tensor, maps: Int, _ args: Arguments) throws -> [Tensor] {
        var shape = t.shape
        if shape.count == 2 { shape = [1, 1] + shape }
        else if shape.count == 3 { shape = maps > 1 && shape[0] == maps ? [maps, 1, shape[1], shape[2]] : [1] + shape }
        guard shape.count == 4, [1, 3].contains(shape[1]), shape[0] == 1 || shape[0] == maps,
              shape[2] > 0, shape[3] > 0 else {
            throw LabError("heatmap: over= must be one image ((H, W), (1, H, W) or (3, H, W)) or one image per map "
                           + "((N, C, H, W)); got \(Tensor.describe(t.shape)) for \(maps) map\(maps == 1 ? "" : "s")",
                           at: args.location("over"))
        }
        let (c, h, w) = (shape[1], shape[2], shape[3])
        let weights: [Float] = c == 1 ? [1] : [0.299, 0.587, 0.114]
        return (0..<shape[0]).map { n in
            var gray = [Float](repeating: 0, count: h * w)
            for k in 0..<c {
                let start = (n * c + k) * h * w
                for i in 0..<(h * w) { gray[i] += weights[k] * t.scalars[start + i] }
            }
            return Tensor(shape: [h, w], scalars: gray)
        }
    }

    /// A (h, w) map stretched over (H, W): by nearest cell, so a coarse
    /// occlusion map shows its cells, or bilinearly between cell centres.
    static func resample(_ v: [Float], from: (Int, Int), to: (Int, Int), bilinear: Bool) -> [Float] {
        let (h, w) = from, (oh, ow) = to
        var out = [Float](repeating: 0, count: oh * ow)
        for y in 0..<oh {
            for x in 0..<ow {
                if !bilinear {
                    out[y * ow + x] = v[(y * h / oh) * w + x * w / ow]
                    continue
                }
                let sy = min(max((Double(y) + 0.5) * Double(h) / Double(oh) - 0.5, 0), Double(h - 1))
                let sx = min(max((Double(x) + 0.5) * Double(w) / Double(ow) - 0.5, 0), Double(w - 1))
                let (y0, x0) = (Int(sy), Int(sx)), (y1, x1) = (min(Int(sy) + 1, h - 1), min(Int(sx) + 1, w - 1))
                let (fy, fx) = (Float(sy - Double(y0)), Float(sx - Double(x0)))
                let top = v[y0 * w + x0] * (1 - fx) + v[y0 * w + x1] * fx
                let bottom = v[y1 * w + x0] * (1 - fx) + v[y1 * w + x1] * fx
                out[y * ow + x] = top * (1 - fy) + bottom * fy
            }
        }
        return out
    }
}
