import Embedding
import Figures
import Tensors

/// `embed_grid`: Karpathy's picture of a t-SNE map. The images are laid on
/// a size×size grid by `GridLayout` (each near its 2-D position, each cell
/// used once) and drawn as one PNG, cells without an image left white.
enum EmbeddingGridBuiltin {
    /// Wider grids make pictures no page can show whole.
    static let maxSize = 200

    static let embedGrid = Builtin("embed_grid(images: tensor, points: tensor, size: int = none, title: string = none, caption: string = none, alt: string = none, label: string = none)",
                                   "the images on a size×size grid, each in a cell near its 2-D position (one PNG)") { args, _ in
        let images = try args.value("images").flatMap { $0.datasetImages } ?? args.tensor("images")
        let loc = args.location("images")
        var shape = images.shape
        if shape.count == 3 { shape.insert(1, at: 1) }
        guard shape.count == 4, shape[1] == 1 || shape[1] == 3, shape[0] > 0 else {
            throw LabError("embed_grid: images must be (N, H, W) or (N, C, H, W) with C 1 or 3, "
                           + "got shape \(Tensor.describe(images.shape))", at: loc)
        }
        let (n, channels, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let points = try EmbeddingBuiltins.points(args, "points")
        guard points.rank == 2, points.shape[1] == 2 else {
            throw LabError("embed_grid: points must be N×2 (a t-SNE's .points), got shape \(Tensor.describe(points.shape))",
                           at: args.location("points"))
        }
        guard points.shape[0] == n else {
            throw LabError("embed_grid: there are \(n) images but \(points.shape[0]) points", at: args.location("points"))
        }
        var side = 1
        while side * side < n { side += 1 }
        let size = try args.int("size", default: min(side, maxSize), min: 1, max: maxSize)
        let cells = try args.run(at: "points") { try GridLayout.assign(points, size: size) }
        let finite = images.scalars.filter { $0.isFinite }
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let range: ClosedRange<Float> = lo >= 0 && hi <= 1 ? 0...1 : lo...max(hi, lo.nextUp)
        let (bitmap, png) = try args.run(at: nil) {
            var canvas = try Bitmap(width: size * w, height: size * h, channels: channels, fill: 255)
            let plane = channels * h * w
            for (i, cell) in cells.enumerated() {
                guard let cell else { continue }
                let tile = try ImageRenderer.bitmap(values: Array(images.scalars[(i * plane)..<((i + 1) * plane)]),
                                                    channels: channels, height: h, width: w, range: range)
                let (top, left) = (cell / size * h, cell % size * w)
                canvas.pixels.withUnsafeMutableBufferPointer { out in
                    for y in 0..<h {
                        let source = y * w * channels, target = ((top + y) * size * w + left) * channels
                        for b in 0..<(w * channels) { out[target + b] = tile.pixels[source + b] }
                    }
                }
            }
            return (canvas, try PNGEncoder.encode(canvas))
        }
        // Small grids are drawn larger with crisp pixels; the PNG stays native size.
        let display = bitmap.width * max(1, 640 / bitmap.width)
        let placed = cells.compactMap { $0 }.count
        return .object(FigureValue(content: .png(png, width: bitmap.width, height: bitmap.height, displayWidth: display),
                                   title: try args.optionalString("title"), caption: try args.optionalString("caption"),
                                   alt: try FigureBuiltins.alt(args, else: "\(placed) images on a \(size)×\(size) grid laid out by their 2-D positions"),
                                   label: try FigureBuiltins.label(args, "fig")))
    }
}
