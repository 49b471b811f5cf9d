/// Colour maps for one-channel data (images, activation maps, heatmaps).
///
/// The perceptual maps are this module's own control points, chosen by eye
/// to follow the familiar look (viridis: violet-blue-green-yellow; magma:
/// black-purple-rose-cream), with lightness rising monotonically so larger
/// values always read as brighter. Between control points colours are
/// interpolated linearly in sRGB, which is close enough at this spacing.
public enum Colormap: String, CaseIterable, Sendable {
    /// Plain grayscale, black to white.
    case gray
    /// Perceptually uniform, blue-violet to yellow; the default for data.
    case viridis
    /// Perceptually uniform, black through purple and rose to cream.
    case magma
    /// Diverging, blue through light gray to red: for signed values centred on 0.
    case coolwarm
    /// Black through red and yellow to white: saliency and attribution maps.
    case hot

    /// The colour for `t` in [0, 1]; values outside are clamped, NaN maps to 0.
    public func rgb(_ t: Double) -> (UInt8, UInt8, UInt8) {
        let t = t.isNaN ? 0 : min(1, max(0, t))
        let stops = controlPoints
        let scaled = t * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(scaled))
        let f = scaled - Double(i)
        let (a, b) = (stops[i], stops[i + 1])
        return (mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f))
    }

    /// Evenly spaced stops as 0xRRGGBB.
    private var controlPoints: [UInt32] {
        switch self {
        case .gray:
            return [0x000000, 0xFFFFFF]
        case .viridis:
            return [0x440154, 0x472D7B, 0x3B518B, 0x2C718E, 0x21908C,
                    0x27AD81, 0x5CC863, 0xAADC32, 0xFDE725]
        case .magma:
            return [0x000004, 0x1D1147, 0x51127C, 0x822681, 0xB63679,
                    0xE65164, 0xFB8861, 0xFEC488, 0xFCFDBF]
        case .coolwarm:
            return [0x3B4CC0, 0x6282EA, 0x8DB0FE, 0xB8D0F9, 0xDDDDDD,
                    0xF5C4AD, 0xF49A7B, 0xDE604D, 0xB40426]
        case .hot:
            return [0x0B0000, 0x5C0000, 0xAE0000, 0xFF0A00, 0xFF5C00,
                    0xFFAE00, 0xFFFF0D, 0xFFFF86, 0xFFFFFF]
        }
    }

    private func mix(_ a: UInt32, _ b: UInt32, _ f: Double) -> UInt8 {
        let x = Double(a & 0xFF), y = Double(b & 0xFF)
        return UInt8(min(255, max(0, (x + (y - x) * f).rounded())))
    }
}
