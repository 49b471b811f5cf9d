import Foundation
import Lab

/// Markdown images that point at files in the project become data URIs, so
/// a page stays one self-contained file.
enum ImageEmbedder {
    enum Result: Equatable {
        /// Not a local image file: linked as written (after URL filtering).
        case link(String)
        case file(dataURI: String, file: URL)
        /// Not embedded, with why; `keep` is what the page links to instead,
        /// `watch` a missing file whose arrival should invalidate the page.
        case problem(String, keep: String, watch: URL?)
    }

    static let types = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
                        "svg": "image/svg+xml", "webp": "image/webp"]
    static let maxBytes = 16 << 20

    static func embed(_ url: String, lessonDirectory: URL, projectRoot: URL) -> Result {
        guard !url.contains(":"), !url.hasPrefix("/"), !url.hasPrefix("#"), !url.isEmpty,
              let type = types[(url as NSString).pathExtension.lowercased()] else {
            return .link(url)
        }
        let path = url.removingPercentEncoding ?? url
        guard let file = ProjectFiles(root: projectRoot).resolve(path, from: lessonDirectory) else {
            return .problem("image '\(url)' is outside the project; it is not embedded", keep: "", watch: nil)
        }
        guard let data = try? Data(contentsOf: file) else {
            return .problem("image '\(url)' not found; the page links to it instead of embedding it", keep: url, watch: file)
        }
        guard data.count <= maxBytes else {
            return .problem("image '\(url)' is larger than 16 MiB; the page links to it instead of embedding it", keep: url, watch: file)
        }
        return .file(dataURI: "data:\(type);base64," + data.base64EncodedString(), file: file)
    }
}
