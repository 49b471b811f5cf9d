import Foundation

/// The script that makes an open tab follow the files: it long-polls
/// `/__lectern/changes` and reloads when the server says its page changed.
/// It is added to pages as they are served, never to the files in the
/// output folder, which stay the bytes `lectern render` writes.
enum ReloadScript {
    static let changesPath = "/__lectern/changes"

    static func tag(page: String, version: Int, boot: String) -> String {
        """
        <script>/* lectern preview */(function () {
          var page = \(json(page)), since = \(version), boot = \(json(boot));
          function poll() {
            fetch("\(changesPath)?page=" + encodeURIComponent(page) + "&since=" + since, {cache: "no-store"})
              .then(function (r) { return r.json(); })
              .then(function (c) {
                if (c.reload || c.boot !== boot) { location.reload(); return; }
                since = c.version; poll();
              })
              .catch(function () { setTimeout(poll, 1000); });
          }
          poll();
        })();</script>
        """
    }

    /// The page with the script before its last `</body>` (or at its end).
    static func inject(_ html: String, page: String, version: Int, boot: String) -> String {
        let script = tag(page: page, version: version, boot: boot)
        guard let end = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) else { return html + script }
        return html.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: script + "\n")
    }

    private static func json(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        // `</script>` inside a string literal would end the script element.
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
    }
}
