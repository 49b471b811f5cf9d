import CPNG

/// PNG bytes from a `Bitmap`, through libpng's simplified API.
///
/// This is the only file in Figures that touches libpng. The simplified API
/// reports errors through `png_image.warning_or_error` instead of longjmp,
/// which Swift cannot survive; C memory is freed before every return.
/// Output is deterministic: the simplified writer adds no time chunk.
public enum PNGEncoder {
    public static func encode(_ bitmap: Bitmap) throws(FigureError) -> [UInt8] {
        guard bitmap.isConsistent else {
            throw FigureError("bitmap pixels do not match its \(bitmap.width)x\(bitmap.height)x\(bitmap.channels) size")
        }
        var image = newImage(width: bitmap.width, height: bitmap.height, channels: bitmap.channels)
        defer { png_image_free(&image) }

        // First pass asks for the size, second pass writes into our buffer.
        var size = 0
        let sized = bitmap.pixels.withUnsafeBytes { raw in
            png_image_write_to_memory(&image, nil, &size, 0, raw.baseAddress, 0, nil)
        }
        guard sized != 0, size > 0 else {
            throw FigureError("libpng could not size the image: \(message(of: &image))")
        }
        var out = [UInt8](repeating: 0, count: size)
        let written = out.withUnsafeMutableBytes { dst in
            bitmap.pixels.withUnsafeBytes { src in
                png_image_write_to_memory(&image, dst.baseAddress, &size, 0, src.baseAddress, 0, nil)
            }
        }
        guard written != 0 else {
            throw FigureError("libpng could not encode the image: \(message(of: &image))")
        }
        return Array(out.prefix(size))
    }

    /// Decodes PNG bytes into a bitmap with the channel count the file
    /// declares (gray, RGB or RGBA; gray+alpha and palettes come back as
    /// RGB(A), 16-bit samples as 8-bit). `load_image` reads files through it
    /// and tests round-trip through it. The declared
    /// size is checked against `Bitmap.maxBytes` before anything is allocated.
    public static func decode(_ bytes: [UInt8]) throws(FigureError) -> Bitmap {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let result: Result<Bitmap, FigureError> = bytes.withUnsafeBytes { raw in
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count) != 0 else {
                return .failure(FigureError("not a readable PNG: \(message(of: &image))"))
            }
            let channels: Int
            switch image.format & (colorFlag | alphaFlag) {
            case 0: channels = 1
            case colorFlag: channels = 3
            default: channels = 4
            }
            image.format = channels == 1 ? 0 : (channels == 3 ? colorFlag : colorFlag | alphaFlag)
            let width = Int(image.width), height = Int(image.height)
            guard let count = try? Bitmap.byteCount(width: width, height: height, channels: channels) else {
                return .failure(FigureError("PNG is too large to decode: \(width)x\(height)"))
            }
            var pixels = [UInt8](repeating: 0, count: count)
            let ok = pixels.withUnsafeMutableBytes { dst in
                png_image_finish_read(&image, nil, dst.baseAddress, 0, nil)
            }
            guard ok != 0 else {
                return .failure(FigureError("could not decode PNG: \(message(of: &image))"))
            }
            return .success(Bitmap(unchecked: width, height, channels, pixels))
        }
        return try result.get()
    }

    // PNG_FORMAT_FLAG_COLOR and PNG_FORMAT_FLAG_ALPHA from png.h.
    private static let colorFlag: UInt32 = 0x02
    private static let alphaFlag: UInt32 = 0x01

    private static func newImage(width: Int, height: Int, channels: Int) -> png_image {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        switch channels {
        case 1: image.format = 0
        case 3: image.format = colorFlag
        default: image.format = colorFlag | alphaFlag
        }
        return image
    }

    /// libpng's message is a fixed 64-byte C array inside the struct.
    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return bytes.isEmpty ? "unknown error" : String(decoding: bytes, as: UTF8.self)
        }
    }
}
