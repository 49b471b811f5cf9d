import Tensors

/// One tile's pixels, gray (1) or RGB (3), row-major.
struct Tile {
    var width: Int, height: Int, channels: Int
    var bytes: [UInt8]

    func scaled(_ f: Int) -> Tile {
        guard f > 1 else { return self }
        var out = [UInt8](repeating: 0, count: width * f * height * f * channels)
        for y in 0..<(height * f) {
            for x in 0..<(width * f) {
                for ch in 0..<channels { out[(y * width * f + x) * channels + ch] = bytes[((y / f) * width + x / f) * channels + ch] }
            }
        }
        return Tile(width: width * f, height: height * f, channels: channels, bytes: out)
    }

    /// |v| (the channels' largest), scaled to the tile's own maximum, in
    /// magma over the image dimmed to a third: the projection where it is
    /// strong, the image where it is 0, so the reader sees where it fell.
    static func magnitude(_ v: [Float], over image: Tile) -> Tile {
        let (area, channels) = (image.width * image.height, v.count / max(1, image.width * image.height))
        let m = (0..<area).map { p in (0..<channels).reduce(Float(0)) { max($0, abs(v[$1 * area + p])) } }
        let top = m.reduce(Float(0)) { $1.isFinite ? max($0, $1) : $0 }
        var bytes = [UInt8](repeating: 0, count: area * 3)
        for p in 0..<area {
            let t = top > 0 && m[p].isFinite ? Double(m[p] / top) : 0
            let a = min(1, 3 * t)
            let (r, g, b) = Colormap.magma.rgb(t)
            for (ch, x) in [r, g, b].enumerated() {
                let base = Double(image.channels == 3 ? image.bytes[p * 3 + ch] : image.bytes[p]) / 3
                bytes[p * 3 + ch] = UInt8(max(0, min(255, (a * Double(x) + (1 - a) * base).rounded())))
            }
        }
        return Tile(width: image.width, height: image.height, channels: 3, bytes: bytes)
    }

    /// A filter scaled to its largest |w|: colour for 3 channels (0 is mid
    /// gray), else the channels' mean in coolwarm.
    static func signed(_ v: [Float], channels: Int, height: Int, width: Int) -> Tile {
        let area = height * width
        let top = v.reduce(Float(0)) { $1.isFinite ? max($0, abs($1)) : $0 }
        func unit(_ x: Float) -> Double { top > 0 && x.isFinite ? Double(x / top + 1) / 2 : 0.5 }
        var bytes = [UInt8](repeating: 0, count: area * 3)
        for p in 0..<area {
            if channels == 3 {
                for ch in 0..<3 { bytes[p * 3 + ch] = Pixels.byte(Float(unit(v[ch * area + p]))) }
            } else {
                let mean = (0..<channels).reduce(Float(0)) { $0 + v[$1 * area + p] } / Float(channels)
                (bytes[p * 3], bytes[p * 3 + 1], bytes[p * 3 + 2]) = Colormap.coolwarm.rgb(unit(mean))
            }
        }
        return Tile(width: width, height: height, channels: 3, bytes: bytes)
    }
}

/// Images (or crops of them) as 8-bit tiles: values in [0, 1] as they are,
/// anything else scaled from the set's smallest to its largest value, so
/// the crops of a set look like the set. RGB stays RGB; other channel
/// counts show their mean.
struct Pixels {
    let tensor: Tensor
    let low: Float, high: Float

    init(_ t: Tensor) {
        tensor = t
        let finite = t.scalars.filter(\.isFinite)
        let (lo, hi) = (finite.min() ?? 0, finite.max() ?? 1)
        (low, high) = lo >= 0 && hi <= 1 ? (0, 1) : (lo, hi > lo ? hi : lo + 1)
    }

    init(_ t: Tensor, like other: Pixels) {
        tensor = t
        (low, high) = (other.low, other.high)
    }

    static func byte(_ x: Float) -> UInt8 { UInt8(max(0, min(255, (x * 255).rounded()))) }

    /// Item `i` of the tensor, taken as (C, h, w).
    func tile(_ i: Int, _ c: Int, _ h: Int, _ w: Int) throws(FigureError) -> Tile {
        let area = h * w, start = i * c * area
        guard start + c * area <= tensor.count else { throw FigureError("explorer: a tile outside its tensor") }
        let rgb = c == 3
        var bytes = [UInt8](repeating: 0, count: area * (rgb ? 3 : 1))
        tensor.scalars.withUnsafeBufferPointer { v in
            for p in 0..<area {
                if rgb {
                    for ch in 0..<3 { bytes[p * 3 + ch] = Pixels.byte((v[start + ch * area + p] - low) / (high - low)) }
                } else {
                    var sum = Float(0)
                    for ch in 0..<c { sum += v[start + ch * area + p] }
                    bytes[p] = Pixels.byte((sum / Float(c) - low) / (high - low))
                }
            }
        }
        return Tile(width: w, height: h, channels: rgb ? 3 : 1, bytes: bytes)
    }
}

extension ExplorerFigure.Sheet {
    /// Tiles of one size laid out `columns` a row on a background of `gap`.
    static func make(tiles: [Tile], columns: Int, gap: UInt8 = 255) throws(FigureError) -> Self {
        guard let first = tiles.first else { throw FigureError("explorer: an empty sheet") }
        let channels = tiles.contains { $0.channels == 3 } ? 3 : 1
        var sheet = Self(png: [], columns: max(1, min(columns, tiles.count)), count: tiles.count,
                         tileWidth: first.width, tileHeight: first.height)
        var bitmap = try Bitmap(width: sheet.width, height: sheet.height, channels: channels, fill: gap)
        for (i, t) in tiles.enumerated() {
            guard t.width == first.width, t.height == first.height else { throw FigureError("explorer: tiles of different sizes") }
            let x0 = 1 + (i % sheet.columns) * (t.width + 1), y0 = 1 + (i / sheet.columns) * (t.height + 1)
            for y in 0..<t.height {
                for x in 0..<t.width {
                    let to = ((y0 + y) * sheet.width + x0 + x) * channels
                    for ch in 0..<channels {
                        bitmap.pixels[to + ch] = t.channels == 1 ? t.bytes[y * t.width + x] : t.bytes[(y * t.width + x) * 3 + ch]
                    }
                }
            }
        }
        sheet.png = try PNGEncoder.encode(bitmap)
        return sheet
    }
}
