extension PNGEncoder {
    /// Decodes a PNG file's bytes (gray, RGB or RGBA) for `load_image`.
    /// The libpng call lives beside the encoder, the one file that imports CPNG.
    public static func decode(_ bytes: [UInt8]) throws(FigureError) -> Bitmap {
        try decodeForTesting(bytes)
    }
}
