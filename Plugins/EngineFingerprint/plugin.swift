import Foundation
import PackagePlugin

/// Fingerprints code at build time. Applied to Lab, it hashes every Swift
/// file of the compute modules and of Lab into `EngineSources`, so a change
/// to any of them changes the memo keys of the results it computes; applied
/// to Notebook, it hashes Notebook and Figures into `PageSources`, so a
/// change to how pages are made changes the page cache's keys.
///
/// The digests come from coreutils' `sha256sum` through `/bin/sh`: a tool
/// target of our own would be compiled with whatever flags the build uses
/// (the fuzz build's sanitizers broke its link), and linking swift-crypto
/// into one would compile BoringSSL a second time.
@main struct EngineFingerprint: BuildToolPlugin {
    static let modules = [
        "Lab": (["Tensors", "NeuralNet", "Datasets", "Visualizations", "Embedding", "Lab"], "EngineSources"),
        "Notebook": (["Notebook", "Figures"], "PageSources"),
    ]

    /// Writes `enum TYPE { static let digests: [String: String] = [...] }`
    /// with paths relative to Sources/, replacing the file only when it changes.
    static let script = """
        out="$1"; type="$2"; root="$3"; shift 3
        { echo "// Generated at build time by the EngineFingerprint plugin; not committed."
          echo "enum $type {"
          echo "    /// SHA-256 of each source file fingerprinted, keyed by its path under Sources/."
          echo "    static let digests: [String: String] = ["
          sha256sum -- "$@" | sort -k 2 | while read -r digest path; do
            echo "        \\"${path#"$root"/}\\": \\"$digest\\","
          done
          echo "    ]"
          echo "}"
        } > "$out.tmp" || exit 1
        if cmp -s "$out.tmp" "$out"; then rm -f "$out.tmp"; touch "$out"; else mv "$out.tmp" "$out"; fi
        """

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let (names, table) = Self.modules[target.name] else { return [] }
        let sources = context.package.directoryURL.appending(path: "Sources")
        var inputs: [URL] = []
        for case let module as SourceModuleTarget in try context.package.targets(named: names) {
            inputs += module.sourceFiles(withSuffix: "swift").map { $0.url }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: table + ".swift")
        return [.buildCommand(displayName: "Fingerprinting the sources of \(names.joined(separator: ", "))",
                              executable: URL(fileURLWithPath: "/bin/sh"),
                              arguments: ["-c", Self.script, "sh", output.path, table, sources.path] + inputs.map { $0.path },
                              inputFiles: inputs, outputFiles: [output])]
    }
}
