/// An 8-bit image, interleaved and row-major: pixel (x, y) channel c is at
/// `pixels[(y * width + x) * channels + c]`.
///
/// `channels` is 1 (gray), 3 (RGB) or 4 (RGBA). The initializers check that
/// the pixel count matches; `pixels` stays mutable for in-place edits, so
/// consumers (the PNG encoder) check again rather than trust it.
public struct Bitmap: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let channels: Int
    public var pixels: [UInt8]

    /// The largest bitmap accepted: 2^28 bytes (256 MiB). Anything bigger in a
    /// lesson is a mistaken shape or upscale factor, and a page could not
    /// carry it as a data URI anyway.
    public static let maxBytes = 1 << 28

    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws(FigureError) {
        let count = try Bitmap.byteCount(width: width, height: height, channels: channels)
        guard pixels.count == count else {
            throw FigureError("a \(width)x\(height) bitmap with \(channels) channel(s) needs \(count) bytes, got \(pixels.count)")
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// A bitmap filled with one byte value in every channel.
    public init(width: Int, height: Int, channels: Int, fill: UInt8 = 0) throws(FigureError) {
        let count = try Bitmap.byteCount(width: width, height: height, channels: channels)
        try self.init(width: width, height: height, channels: channels,
                      pixels: [UInt8](repeating: fill, count: count))
    }

    /// For code inside the module that has already computed a consistent size.
    init(unchecked width: Int, _ height: Int, _ channels: Int, _ pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// Whether `pixels` still matches the dimensions (it is a public `var`).
    var isConsistent: Bool {
        (try? Bitmap.byteCount(width: width, height: height, channels: channels)) == pixels.count
    }

    static func byteCount(width: Int, height: Int, channels: Int) throws(FigureError) -> Int {
        guard channels == 1 || channels == 3 || channels == 4 else {
            throw FigureError("a bitmap has 1 (gray), 3 (RGB) or 4 (RGBA) channels, not \(channels)")
        }
        guard width > 0, height > 0 else {
            throw FigureError("a bitmap needs a positive size, got \(width)x\(height)")
        }
        let (area, o1) = width.multipliedReportingOverflow(by: height)
        let (bytes, o2) = area.multipliedReportingOverflow(by: channels)
        guard !o1, !o2, bytes <= maxBytes else {
            throw FigureError("a \(width)x\(height) bitmap is too large (limit \(maxBytes >> 20) MiB)")
        }
        return bytes
    }
}
