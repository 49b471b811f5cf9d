import Foundation
import PackagePlugin

/// Fingerprints the code behind memoized results: every Swift file of the
/// compute modules and of Lab goes into a table compiled into Lab, so a
/// change to any of them changes the cache keys of the results it computes.
@main struct EngineFingerprint: BuildToolPlugin {
    static let modules = ["Tensors", "NeuralNet", "Datasets", "Visualizations", "Embedding", "Lab"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let sources = context.package.directoryURL.appending(path: "Sources")
        var inputs: [URL] = []
        for case let module as SourceModuleTarget in try context.package.targets(named: Self.modules) {
            inputs += module.sourceFiles(withSuffix: "swift").map { $0.url }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EngineSources.swift")
        return [.buildCommand(displayName: "Fingerprinting the engine's sources",
                              executable: try context.tool(named: "EngineFingerprinter").url,
                              arguments: [output.path, sources.path] + inputs.map(\.path),
                              inputFiles: inputs, outputFiles: [output])]
    }
}
