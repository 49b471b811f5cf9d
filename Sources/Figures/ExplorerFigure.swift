import Tensors

/// The Deep Visualization Toolbox as a figure: everything the page needs to
/// answer a reader's clicks, as PNG sprite sheets (8-bit, so activations are
/// quantised to 256 levels of their image's largest value) and a few
/// numbers. `ExplorerPage.swift` turns it into HTML with a small script.
///
/// A layer has, for each image, a sheet of every unit's activation map; for
/// each image, a sheet of every unit's deconvnet projection (one a row);
/// one sheet of every unit's top patches (a row a unit); and, for the first
/// layer, one of its filters (one a row).
public struct ExplorerFigure: Sendable, Equatable {
    /// Equal tiles in a PNG, `columns` a row, row-major, with a 1-pixel gap
    /// around each: tile i's top-left pixel is at
    /// (1 + (i % columns) · (tileWidth + 1), 1 + (i / columns) · (tileHeight + 1)).
    public struct Sheet: Sendable, Equatable {
        public var png: [UInt8]
        public var columns: Int
        public var count: Int
        public var tileWidth: Int
        public var tileHeight: Int

        public init(png: [UInt8], columns: Int, count: Int, tileWidth: Int, tileHeight: Int) {
            (self.png, self.columns, self.count, self.tileWidth, self.tileHeight) = (png, columns, count, tileWidth, tileHeight)
        }

        public var rows: Int { (count + columns - 1) / max(columns, 1) }
        public var width: Int { columns * (tileWidth + 1) + 1 }
        public var height: Int { rows * (tileHeight + 1) + 1 }
    }

    public struct Layer: Sendable, Equatable {
        public var name: String
        public var units: Int
        /// One a picked image: every unit's map.
        public var activations: [Sheet]
        /// [image][unit]: the unit's largest value on the image.
        public var peaks: [[Float]]
        /// Every unit's top patches, a row a unit.
        public var patches: Sheet
        /// One a picked image: every unit's |projection|, a row a unit.
        public var projections: [Sheet]
        /// The filters, a row a unit, for the first layer.
        public var filters: Sheet?

        public init(name: String, units: Int, activations: [Sheet], peaks: [[Float]], patches: Sheet,
                    projections: [Sheet], filters: Sheet?) {
            (self.name, self.units, self.activations, self.peaks) = (name, units, activations, peaks)
            (self.patches, self.projections, self.filters) = (patches, projections, filters)
        }
    }

    /// One a picked image, a single tile each.
    public var images: [Sheet]
    public var labels: [String]
    public var layers: [Layer]
    /// What the top patches were chosen from, for the panel: "10,000 images".
    public var pool: String

    public init(images: [Sheet], labels: [String], layers: [Layer], pool: String) {
        (self.images, self.labels, self.layers, self.pool) = (images, labels, layers, pool)
    }

    /// Whether every count agrees and every sheet is a PNG of its stated
    /// size: what a stored figure must satisfy before a page shows it.
    public var isConsistent: Bool {
        let n = images.count
        guard n > 0, labels.count == n, !layers.isEmpty else { return false }
        func fits(_ s: Sheet, count: Int? = nil) -> Bool {
            s.columns >= 1 && s.count >= 1 && s.tileWidth >= 1 && s.tileHeight >= 1
                && (count == nil || s.count == count!) && ExplorerFigure.pngSize(s.png).map { $0 == (s.width, s.height) } == true
        }
        guard images.allSatisfy({ fits($0, count: 1) }) else { return false }
        return layers.allSatisfy { l in
            l.units >= 1 && l.activations.count == n && l.projections.count == n && l.peaks.count == n
                && l.peaks.allSatisfy { $0.count == l.units }
                && l.activations.allSatisfy { fits($0, count: l.units) }
                && l.projections.allSatisfy { fits($0, count: l.units) && $0.columns == 1 }
                && fits(l.patches) && l.patches.count % l.units == 0 && l.patches.columns == l.patches.count / l.units
                && (l.filters.map { fits($0, count: l.units) && $0.columns == 1 } ?? true)
        }
    }

    /// The width and height in a PNG's header, or nil when it is not a PNG.
    static func pngSize(_ bytes: [UInt8]) -> (Int, Int)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func word(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }
}

// MARK: - Making the sheets

extension ExplorerFigure {
    /// The figure from tensors: `images` (N, C, H, W); for each layer its
    /// activations (N, units, h, w), top patches (units, k, C, s, s),
    /// projections (units, N, C, H, W) and filters (units, C, kh, kw) or nil.
    public struct LayerData {
        public var name: String
        public var activations: Tensor
        public var patches: Tensor
        public var projections: Tensor
        public var filters: Tensor?

        public init(name: String, activations: Tensor, patches: Tensor, projections: Tensor, filters: Tensor?) {
            (self.name, self.activations, self.patches, self.projections, self.filters) = (name, activations, patches, projections, filters)
        }
    }

    public init(images: Tensor, labels: [String], layers: [LayerData], pool: String) throws(FigureError) {
        guard images.rank == 4, images.shape[0] >= 1 else { throw FigureError("the explorer needs images as (N, C, H, W)") }
        guard labels.count == images.shape[0] else {
            throw FigureError("\(labels.count) labels for \(images.shape[0]) images")
        }
        let (n, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        let pictures = Pixels(images)
        var sheets: [Sheet] = []
        for i in 0..<n { sheets.append(try Sheet.make(tiles: [try pictures.tile(i, c, h, w)], columns: 1)) }
        var out: [Layer] = []
        for l in layers {
            let a = l.activations
            guard a.rank == 4, a.shape[0] == n else { throw FigureError("\(l.name): activations must be (N, units, h, w)") }
            let (units, mh, mw) = (a.shape[1], a.shape[2], a.shape[3])
            // Small maps (a vector layer's 1×1) are blown up to at least 8 pixels a side.
            let f = max(1, (8 + max(mh, mw) - 1) / max(mh, mw))
            let columns = units <= 16 ? units : units <= 64 ? 8 : 16
            var activations: [Sheet] = [], peaks: [[Float]] = [], projections: [Sheet] = []
            for i in 0..<n {
                let plane = mh * mw, base = i * units * plane
                let values = Array(a.scalars[base..<(base + units * plane)])
                let top = values.reduce(Float(0)) { $1.isFinite ? max($0, $1) : $0 }
                var tiles: [Tile] = []
                for u in 0..<units {
                    let map = values[(u * plane)..<((u + 1) * plane)]
                    // Square-root scale: a layer's strongest value would leave every other map near black.
                    tiles.append(Tile(width: mw, height: mh, channels: 1,
                                      bytes: map.map { top > 0 && $0.isFinite ? Pixels.byte((max(0, $0) / top).squareRoot()) : 0 }).scaled(f))
                }
                peaks.append((0..<units).map { u in values[(u * plane)..<((u + 1) * plane)].max() ?? 0 })
                activations.append(try Sheet.make(tiles: tiles, columns: columns, gap: 96))

                let p = l.projections
                guard p.rank == 5, p.shape[0] == units, p.shape[1] == n else {
                    throw FigureError("\(l.name): projections must be (units, N, C, H, W)")
                }
                let (pc, ph, pw) = (p.shape[2], p.shape[3], p.shape[4]), size = pc * ph * pw
                guard pc == c, ph == h, pw == w else { throw FigureError("\(l.name): projections must be the images' size") }
                let picture = try pictures.tile(i, c, h, w)
                var shown: [Tile] = []
                for u in 0..<units {
                    let start = (u * n + i) * size
                    shown.append(Tile.magnitude(Array(p.scalars[start..<(start + size)]), over: picture))
                }
                projections.append(try Sheet.make(tiles: shown, columns: 1))
            }
            let t = l.patches
            guard t.rank == 5, t.shape[0] == units, t.shape[2] == c else { throw FigureError("\(l.name): patches must be (units, k, C, s, s)") }
            let (k, s) = (t.shape[1], t.shape[3])
            let crops = Pixels(t, like: pictures)
            var patchTiles: [Tile] = []
            for j in 0..<(units * k) { patchTiles.append(try crops.tile(j, c, s, s)) }
            var filters: Sheet?
            if let fw = l.filters {
                let (fc, kh, kw) = (fw.shape[1], fw.shape[2], fw.shape[3]), size = fc * kh * kw
                filters = try Sheet.make(tiles: (0..<units).map { u in
                    Tile.signed(Array(fw.scalars[(u * size)..<((u + 1) * size)]), channels: fc, height: kh, width: kw)
                }, columns: 1)
            }
            out.append(Layer(name: l.name, units: units, activations: activations, peaks: peaks,
                             patches: try Sheet.make(tiles: patchTiles, columns: k, gap: 200), projections: projections, filters: filters))
        }
        self.init(images: sheets, labels: labels, layers: out, pool: pool)
    }
}
