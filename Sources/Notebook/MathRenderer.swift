import Foundation
import Lab

/// Typesets formulas to MathML at build time with KaTeX (Debian's `katex`
/// package), one node process per page rather than per formula. Without
/// node or KaTeX the TeX source is shown and a warning printed once.
struct MathRenderer {
    struct Result: Sendable {
        var html: [String]
        var warnings: [Diagnostic]
    }

    /// Where Debian and npm put the module; `LECTERN_KATEX` overrides.
    static var katexModule: String? {
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["LECTERN_KATEX"], "/usr/share/nodejs/katex", "/usr/lib/nodejs/katex",
                          "/usr/local/lib/node_modules/katex", "/usr/lib/node_modules/katex"].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/package.json") }
    }

    static var node: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["node", "nodejs"] {
                let p = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }

    /// What typesetting this machine does, for the page cache's key: a page
    /// typeset without KaTeX, or by another KaTeX, is not the page this
    /// machine would make now.
    static var availability: String {
        guard let node, let module = katexModule else { return "math=tex-source" }
        let package = FileManager.default.contents(atPath: module + "/package.json")
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        return "math=katex \(package?["version"] as? String ?? "?") at \(module) by \(node)"
    }

    /// Reads a JSON list of [tex, display] pairs, writes a list of
    /// {html} or {error}; errors are per formula so one typo spoils nothing else.
    static let script = """
    const katex = require(process.argv[1]);
    let input = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', d => input += d);
    process.stdin.on('end', () => {
      const out = JSON.parse(input).map(([tex, display]) => {
        try { return {html: katex.renderToString(tex, {displayMode: display, output: 'mathml', throwOnError: true, strict: 'ignore'})}; }
        catch (e) { return {error: String(e.message || e)}; }
      });
      process.stdout.write(JSON.stringify(out));
    });
    """

    static func fallback(_ f: MathProtector.Formula) -> String {
        let cls = f.display ? "math-tex display" : "math-tex"
        return "<code class=\"\(cls)\">\(HTML.escape(f.tex))</code>"
    }

    /// HTML for each formula, in order; formulas found in code are not typeset.
    static func render(_ formulas: [MathProtector.Formula], file: String) -> Result {
        let used = formulas.indices.filter { formulas[$0].used }
        let typeset = typeset(used.map { formulas[$0] }, file: file)
        var html = [String](repeating: "", count: formulas.count)
        for (k, i) in used.enumerated() { html[i] = typeset.html[k] }
        return Result(html: html, warnings: typeset.warnings)
    }

    private static func typeset(_ formulas: [MathProtector.Formula], file: String) -> Result {
        guard !formulas.isEmpty else { return Result(html: [], warnings: []) }
        let here = SourceLocation(line: formulas[0].location.line, column: formulas[0].location.column)
        guard let node, let module = katexModule else {
            return Result(html: formulas.map(fallback), warnings: [
                Diagnostic(file: file, location: here, severity: .warning,
                           message: "KaTeX not found (install Debian's 'katex' package); math is shown as TeX source"),
            ])
        }
        let payload = formulas.map { [$0.tex, $0.display] as [Any] }
        guard let input = try? JSONSerialization.data(withJSONObject: payload) else {
            return Result(html: formulas.map(fallback), warnings: [])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = ["-e", script, module]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            return Result(html: formulas.map(fallback), warnings: [
                Diagnostic(file: file, location: here, severity: .warning, message: "could not start node for KaTeX: \(error)"),
            ])
        }
        // Write and read concurrently so a large page cannot deadlock on full pipes.
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let list = try? JSONSerialization.jsonObject(with: output) as? [[String: String]], list.count == formulas.count else {
            let why = String(decoding: errors, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "no output"
            return Result(html: formulas.map(fallback), warnings: [
                Diagnostic(file: file, location: here, severity: .warning, message: "KaTeX failed (\(why)); math is shown as TeX source"),
            ])
        }
        var html: [String] = []
        var warnings: [Diagnostic] = []
        for (f, item) in zip(formulas, list) {
            if let h = item["html"] {
                html.append(h)
            } else {
                html.append(fallback(f).replacingOccurrences(of: "class=\"math-tex", with: "class=\"math-tex math-error"))
                warnings.append(Diagnostic(file: file, location: f.location, severity: .warning,
                                           message: "math: \(item["error"] ?? "KaTeX could not typeset this formula")"))
            }
        }
        return Result(html: html, warnings: warnings)
    }
}
