import Foundation

/// What a tab shows for a lesson that failed to load (its front matter or
/// its bytes), where `lectern render` writes no page: the errors, located as
/// the terminal prints them.
enum ErrorPage {
    static func html(title: String, diagnostics: [String]) -> String {
        let items = diagnostics.map { "<li><code>\(escape($0))</code></li>" }.joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>error: \(escape(title))</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem}
        .lectern-load-error{border-left:4px solid #b00020;background:#fdecee;padding:.75rem 1rem}
        code{white-space:pre-wrap}</style></head>
        <body><main><h1>\(escape(title)) did not load</h1>
        <div class="lectern-load-error" role="alert"><ul>
        \(items)
        </ul></div>
        <p>Fix the lesson and save it: this page reloads by itself.</p></main></body></html>
        """
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
