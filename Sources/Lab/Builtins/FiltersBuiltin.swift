import Figures
import NeuralNet
import Tensors

/// `filters(net, layer=)`: a layer's weights as a grid of pictures. In a
/// file of its own, apart from the memoized unit built-ins: a memo's
/// fingerprint covers its declaring file, so a new figure option here
/// (`alt=`, `label=`) leaves their stored results valid.
extension UnitBuiltins {
    static let filters = Builtin("filters(net: model, layer: string = none, channel: int = none, cmap: string = \"coolwarm\", cols: int = none, scale: int = none, title: string = none, caption: string = none, alt: string = none, label: string = none, units = none)",
                                 "a layer's filters as a grid of images, each scaled to its own largest |w| with 0 in the middle; "
                                 + "units= a list of filter numbers shows only those, in that order") { args, _ in
        let network = try args.network()
        let (name, all) = try filterWeights(args, network)
        let units = try chosenUnits(args, of: name, count: all.shape[0])
        let w = units.map { pick($0, from: all) } ?? all
        let (f, c, h, wd) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
        guard f <= 4096 else { throw LabError("filters: \(f) filters is too many for one figure (at most 4096)", at: args.location("layer")) }
        let channel = try args.optionalInt("channel")
        if let channel, channel < 0 || channel >= c {
            throw LabError("filters: \(name)'s filters have \(c) channel\(c == 1 ? "" : "s"), numbered 0 to \(c - 1); there is no channel \(channel)",
                           at: args.location("channel"))
        }
        let cmap = try args.colormap()
        // Colour filters only where the layer reads the RGB input itself.
        let reads = network.description.layers.first { switch $0.kind { case .conv, .fc: true; default: false } }?.name
        let rgb = channel == nil && c == 3 && reads == name
        let tiles = try args.run(at: nil) { try filterTiles(w, channel: channel, rgb: rgb, cmap: cmap) }
        let cols = try args.int("cols", default: min(f, 8), min: 1)
        let scale = try args.optionalInt("scale")
        if let scale, scale < 1 || scale > 64 { throw LabError("filters: 'scale' must be from 1 to 64, got \(scale)", at: args.location("scale")) }
        let legend = rgb ? nil : ColorLegend(cmap: cmap, lower: -1, upper: 1, label: "w ÷ the filter's largest |w|")
        let grid = ImageGrid(tiles: tiles, columns: cols, labels: (units ?? Array(0..<f)).map(String.init), title: try args.optionalString("title"),
                             tileScale: scale, colorLegend: legend)
        try args.run(at: nil) { try grid.validate() }
        let shown = rgb ? "in colour" : c == 1 ? "" : channel.map { "input channel \($0)" } ?? "mean over \(c) input channels"
        return try FigureBuiltins.svgFigure(grid.svg(), args,
                                            alt: "\(f) filters of \(name), \(h)×\(wd)" + (shown.isEmpty ? "" : ", \(shown)"))
    }
}
