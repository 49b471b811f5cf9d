/// Turns arrays of floats (images, feature maps, saliency maps) into bitmaps.
///
/// Inputs are plain Swift arrays so Figures stays independent of Tensors;
/// the caller flattens a tensor row-major.
public enum ImageRenderer {
    /// `values` holds (H, W) for one channel or channels-first (3, H, W) for RGB.
    ///
    /// With `range` nil, values already inside [0, 1] are used as they are
    /// (so a pixel image keeps its absolute brightness) and anything else is
    /// min-max normalised. Non-finite values are ignored by the normalisation
    /// and drawn at the low end (NaN, -inf) or high end (+inf). `cmap` colours
    /// one-channel data; `.gray` keeps it a one-channel bitmap.
    public static func bitmap(values: [Float], channels: Int, height: Int, width: Int,
                              cmap: Colormap = .gray,
                              range: ClosedRange<Float>? = nil) throws(FigureError) -> Bitmap {
        guard channels == 1 || channels == 3 else {
            throw FigureError("an image has 1 channel (H, W) or 3 channels (3, H, W), not \(channels)")
        }
        let count = try Bitmap.byteCount(width: width, height: height, channels: channels)
        guard values.count == count else {
            throw FigureError("a \(channels)x\(height)x\(width) image needs \(count) values, got \(values.count)")
        }
        let (lo, hi) = normalisation(values, range: range)
        let span = Double(hi) - Double(lo)
        func unit(_ v: Float) -> Double {
            if v.isNaN { return 0 }
            if v.isInfinite { return v > 0 ? 1 : 0 }
            if span > 0 { return (Double(v) - Double(lo)) / span }
            return v > lo ? 1 : (v < lo ? 0 : 0.5)  // a constant image is mid-gray
        }
        let area = width * height
        if channels == 3 {
            var pixels = [UInt8](repeating: 0, count: area * 3)
            for c in 0..<3 {
                for i in 0..<area {
                    pixels[i * 3 + c] = byte(unit(values[c * area + i]))
                }
            }
            return Bitmap(unchecked: width, height, 3, pixels)
        }
        if cmap == .gray {
            return Bitmap(unchecked: width, height, 1, values.map { byte(unit($0)) })
        }
        var pixels = [UInt8](repeating: 0, count: area * 3)
        for i in 0..<area {
            let (r, g, b) = cmap.rgb(unit(values[i]))
            pixels[i * 3] = r
            pixels[i * 3 + 1] = g
            pixels[i * 3 + 2] = b
        }
        return Bitmap(unchecked: width, height, 3, pixels)
    }

    /// Each pixel becomes a `factor`-by-`factor` block. Factors below 1 are
    /// treated as 1, and the factor shrinks if the result would pass `Bitmap.maxBytes`.
    public static func upscaled(_ b: Bitmap, factor: Int) -> Bitmap {
        guard b.isConsistent else { return b }
        let f = allowedFactor(factor, width: b.width, height: b.height, channels: b.channels)
        guard f > 1 else { return b }
        let c = b.channels
        let rowBytes = b.width * f * c
        var out = [UInt8](repeating: 0, count: rowBytes * b.height * f)
        b.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<b.height {
                    // Widen one source row, then copy it down f - 1 times.
                    let first = y * f * rowBytes
                    for x in 0..<b.width {
                        let s = (y * b.width + x) * c
                        for k in 0..<f {
                            let d = first + (x * f + k) * c
                            for ch in 0..<c { dst[d + ch] = src[s + ch] }
                        }
                    }
                    for r in 1..<f {
                        let target = first + r * rowBytes
                        for i in 0..<rowBytes { dst[target + i] = dst[first + i] }
                    }
                }
            }
        }
        return Bitmap(unchecked: b.width * f, b.height * f, c, out)
    }

    /// The largest factor up to `requested` (halving) that keeps the result
    /// within `Bitmap.maxBytes`; at least 1.
    static func allowedFactor(_ requested: Int, width: Int, height: Int, channels: Int) -> Int {
        var f = max(1, requested)
        while f > 1 {
            let (w, o1) = width.multipliedReportingOverflow(by: f)
            let (h, o2) = height.multipliedReportingOverflow(by: f)
            if !o1, !o2, (try? Bitmap.byteCount(width: w, height: h, channels: channels)) != nil { break }
            f /= 2
        }
        return f
    }

    /// `map` blended over `base` with opacity `alpha` (clamped to [0, 1];
    /// a map with an alpha channel scales it per pixel). The map is stretched
    /// to the base's size by nearest neighbour, so a coarse occlusion map
    /// shows its true cells. The result is RGB; an inconsistent input comes
    /// back as the base unchanged.
    public static func overlay(map: Bitmap, on base: Bitmap, alpha: Double) -> Bitmap {
        guard map.isConsistent, base.isConsistent else { return base }
        let a = alpha.isNaN ? 0.5 : min(1, max(0, alpha))
        let (w, h) = (base.width, base.height)
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            let my = y * map.height / h
            for x in 0..<w {
                let mx = x * map.width / w
                let under = rgba(base, (y * w + x) * base.channels)
                let over = rgba(map, (my * map.width + mx) * map.channels)
                let k = a * Double(over.3) / 255
                let dst = (y * w + x) * 3
                out[dst] = blend(under.0, over.0, k)
                out[dst + 1] = blend(under.1, over.1, k)
                out[dst + 2] = blend(under.2, over.2, k)
            }
        }
        return Bitmap(unchecked: w, h, 3, out)
    }

    private static func normalisation(_ values: [Float], range: ClosedRange<Float>?) -> (Float, Float) {
        if let range, range.lowerBound.isFinite, range.upperBound.isFinite {
            return (range.lowerBound, range.upperBound)
        }
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        if lo > hi { return (0, 1) }  // nothing finite
        if lo >= 0, hi <= 1 { return (0, 1) }
        return (lo, hi)
    }

    private static func byte(_ t: Double) -> UInt8 {
        UInt8(min(255, max(0, (t * 255).rounded())))
    }

    private static func blend(_ a: UInt8, _ b: UInt8, _ k: Double) -> UInt8 {
        byte((Double(a) * (1 - k) + Double(b) * k) / 255)
    }

    private static func rgba(_ b: Bitmap, _ i: Int) -> (UInt8, UInt8, UInt8, UInt8) {
        switch b.channels {
        case 1: return (b.pixels[i], b.pixels[i], b.pixels[i], 255)
        case 3: return (b.pixels[i], b.pixels[i + 1], b.pixels[i + 2], 255)
        default: return (b.pixels[i], b.pixels[i + 1], b.pixels[i + 2], b.pixels[i + 3])
        }
    }
}
