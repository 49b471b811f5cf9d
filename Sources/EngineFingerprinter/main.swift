import Foundation

// Writes the SHA-256 of every source file that can change a memoized
// result, so the cache keys of a build change with its code and nobody has
// to remember to bump a version. Usage: EngineFingerprinter OUTPUT TYPE ROOT FILE...
// (TYPE names the generated enum; ROOT is stripped from the recorded paths).
//
// The digests come from coreutils' sha256sum (shasum on macOS): linking
// swift-crypto into a build tool would compile BoringSSL a second time, for
// the host, in every clean build.
let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: EngineFingerprinter OUTPUT TYPE ROOT FILE...\n".utf8))
    exit(2)
}
let output = arguments[1]
let typeName = arguments[2]
let root = arguments[3].hasSuffix("/") ? arguments[3] : arguments[3] + "/"
let files = arguments.dropFirst(4).sorted()

func digests(of files: [String]) -> [String: String] {
    let candidates = [("/usr/bin/sha256sum", [String]()), ("/usr/bin/shasum", ["-a", "256"])]
    guard let (tool, flags) = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.0) }) else {
        FileHandle.standardError.write(Data("EngineFingerprinter: neither sha256sum nor shasum is installed\n".utf8))
        exit(1)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = flags + ["--"] + files
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch {
        FileHandle.standardError.write(Data("EngineFingerprinter: cannot run \(tool): \(error)\n".utf8))
        exit(1)
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { exit(1) }
    var out: [String: String] = [:]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
        // "<64 hex digits>  <path>"
        let digest = String(line.prefix(64))
        let path = String(line.dropFirst(66))
        out[path] = digest
    }
    guard out.count == files.count else {
        FileHandle.standardError.write(Data("EngineFingerprinter: \(tool) hashed \(out.count) of \(files.count) files\n".utf8))
        exit(1)
    }
    return out
}

let table = digests(of: files)
let lines = files.map { path -> String in
    let name = path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    return "        \"\(name)\": \"\(table[path]!)\","
}
let text = """
// Generated at build time by the EngineFingerprint plugin; not committed.
enum \(typeName) {
    /// SHA-256 of each source file fingerprinted, keyed by its path under Sources/.
    static let digests: [String: String] = [
\(lines.joined(separator: "\n"))
    ]
}

"""
let url = URL(fileURLWithPath: output)
if (try? String(contentsOf: url, encoding: .utf8)) != text {
    try text.write(to: url, atomically: true, encoding: .utf8)
}
