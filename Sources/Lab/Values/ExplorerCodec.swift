import Figures

/// An explorer figure as bytes: its sheets (PNG bytes and their geometry),
/// labels, peaks and pool text. The script is not stored: the page adds the
/// build's own, so a stored figure carries data only. Reading checks that
/// every count agrees and every sheet is a PNG of its stated size
/// (`ExplorerFigure.isConsistent`) before the figure reaches a page.
extension ValueCodec {
    static func writeExplorer(_ e: ExplorerFigure, _ w: inout ByteWriter) {
        func sheet(_ s: ExplorerFigure.Sheet) {
            w.blob(s.png); w.count(s.columns); w.count(s.count); w.count(s.tileWidth); w.count(s.tileHeight)
        }
        func sheets(_ xs: [ExplorerFigure.Sheet]) { w.count(xs.count); xs.forEach(sheet) }
        sheets(e.images)
        w.strings(e.labels)
        w.string(e.pool)
        w.count(e.layers.count)
        for l in e.layers {
            w.string(l.name)
            w.count(l.units)
            sheets(l.activations)
            w.count(l.peaks.count)
            for p in l.peaks { w.count(p.count); for x in p { w.word(UInt64(x.bitPattern)) } }
            sheet(l.patches)
            sheets(l.projections)
            if let f = l.filters { w.tag("1"); sheet(f) } else { w.tag("0") }
        }
    }

    static func readExplorer(_ r: inout ByteReader) -> ExplorerFigure? {
        func sheet() -> ExplorerFigure.Sheet? {
            guard let png = r.blob(), let c = r.natural(limit: 1 << 20), let n = r.natural(limit: 1 << 20),
                  let tw = r.natural(limit: 1 << 16), let th = r.natural(limit: 1 << 16) else { return nil }
            return ExplorerFigure.Sheet(png: png, columns: c, count: n, tileWidth: tw, tileHeight: th)
        }
        func sheets() -> [ExplorerFigure.Sheet]? {
            guard let n = r.count() else { return nil }
            var out: [ExplorerFigure.Sheet] = []
            for _ in 0..<n {
                guard let s = sheet() else { return nil }
                out.append(s)
            }
            return out
        }
        guard let images = sheets(), let labels = r.strings(), let pool = r.string(), let n = r.count() else { return nil }
        var layers: [ExplorerFigure.Layer] = []
        for _ in 0..<n {
            guard let name = r.string(), let units = r.natural(limit: 1 << 20), let activations = sheets(),
                  let pn = r.count() else { return nil }
            var peaks: [[Float]] = []
            for _ in 0..<pn {
                guard let m = r.count() else { return nil }
                var row: [Float] = []
                for _ in 0..<m {
                    guard let bits = r.word(), bits <= UInt64(UInt32.max) else { return nil }
                    row.append(Float(bitPattern: UInt32(bits)))
                }
                peaks.append(row)
            }
            guard let patches = sheet(), let projections = sheets(), let has = r.tag() else { return nil }
            var filters: ExplorerFigure.Sheet?
            switch has {
            case "1":
                guard let f = sheet() else { return nil }
                filters = f
            case "0": break
            default: return nil
            }
            layers.append(ExplorerFigure.Layer(name: name, units: units, activations: activations, peaks: peaks,
                                               patches: patches, projections: projections, filters: filters))
        }
        let e = ExplorerFigure(images: images, labels: labels, layers: layers, pool: pool)
        return e.isConsistent ? e : nil
    }
}
