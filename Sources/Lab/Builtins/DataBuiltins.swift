import Figures
import Foundation
import Tensors

/// Reading data from the project. Paths are relative to the lesson and may
/// not leave the project (`Session.resolve`).
enum DataBuiltins {
    static let all: [Builtin] = [loadImage]

    /// Larger files are not lesson images; refuse before reading them whole.
    static let maxImageBytes = 64 << 20

    static let loadImage = Builtin("load_image(path)",
                                   "a PNG file as a (C, H, W) tensor in [0, 1] (C is 1 for gray, 3 for colour)") { args, _ in
        let path = try args.string("path")
        let url = try args.session.resolve(path: path, at: args.location("path"))
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard let size = attributes?[.size] as? Int else {
            throw LabError("load_image: no file at '\(path)'", at: args.location("path"))
        }
        guard size <= maxImageBytes else {
            throw LabError("load_image: '\(path)' is \(size / 1_048_576) MiB; images may be at most 64 MiB", at: args.location("path"))
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LabError("load_image: cannot read '\(path)'", at: args.location("path"))
        }
        let bitmap: Bitmap
        do throws(FigureError) { bitmap = try PNGEncoder.decode([UInt8](data)) } catch {
            throw LabError("load_image: '\(path)' is not a PNG file we can read (\(error.message))", at: args.location("path"))
        }
        // Alpha is dropped: lessons work on gray or RGB images.
        let c = bitmap.channels == 1 ? 1 : 3
        let plane = bitmap.width * bitmap.height
        var values = [Float](repeating: 0, count: c * plane)
        for p in 0..<plane {
            for ch in 0..<c { values[ch * plane + p] = Float(bitmap.pixels[p * bitmap.channels + ch]) / 255 }
        }
        return .tensor(Tensor(shape: [c, bitmap.height, bitmap.width], scalars: values))
    }
}
