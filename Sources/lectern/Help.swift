import ArgumentParser
import Foundation
import Lab

struct Help: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe the built-ins of the experiment language, from their declarations.",
        discussion: "`lectern help builtins` lists every built-in with its defaults; `lectern help NAME` shows one.")

    @ArgumentParser.Argument(help: "'builtins', the name of a built-in, or a subcommand.")
    var topic: String = "builtins"

    @Flag(help: "With 'builtins': print docs/builtins.md, the generated reference.")
    var markdown = false

    func run() throws {
        let registry = BuiltinRegistry.standard
        if topic == "builtins" {
            print(markdown ? BuiltinReference.markdown(registry) : BuiltinReference.list(registry), terminator: "")
            return
        }
        if let command = Lectern.configuration.subcommands.first(where: { $0._commandName == topic }) {
            print(Lectern.helpMessage(for: command))
            return
        }
        guard let b = registry[topic] else {
            var message = "no built-in named '\(topic)'"
            if let s = Suggest.closest(to: topic, among: registry.names) { message += "; did you mean '\(s)'?" }
            FileHandle.standardError.write(Data("error: \(message) ('lectern help builtins' lists them all)\n".utf8))
            throw ExitCode(2)
        }
        print(BuiltinReference.text(b))
    }
}
