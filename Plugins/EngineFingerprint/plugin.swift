import Foundation
import PackagePlugin

/// Fingerprints code at build time. Applied to Lab, it hashes every Swift
/// file of the compute modules and of Lab into `EngineSources`, so a change
/// to any of them changes the memo keys of the results it computes; applied
/// to Notebook, it hashes Notebook and Figures into `PageSources`, so a
/// change to how pages are made changes the page cache's keys.
@main struct EngineFingerprint: BuildToolPlugin {
    static let modules = [
        "Lab": (["Tensors", "NeuralNet", "Datasets", "Visualizations", "Embedding", "Lab"], "EngineSources"),
        "Notebook": (["Notebook", "Figures"], "PageSources"),
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let (names, table) = Self.modules[target.name] else { return [] }
        let sources = context.package.directoryURL.appending(path: "Sources")
        var inputs: [URL] = []
        for case let module as SourceModuleTarget in try context.package.targets(named: names) {
            inputs += module.sourceFiles(withSuffix: "swift").map { $0.url }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: table + ".swift")
        return [.buildCommand(displayName: "Fingerprinting the sources of \(names.joined(separator: ", "))",
                              executable: try context.tool(named: "EngineFingerprinter").url,
                              arguments: [output.path, table, sources.path] + inputs.map { $0.path },
                              inputFiles: inputs, outputFiles: [output])]
    }
}
