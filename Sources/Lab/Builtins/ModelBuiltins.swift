import NeuralNet

/// Building and counting networks (sections 6 and 7).
enum ModelBuiltins {
    static let all: [Builtin] = [
        Builtin("cnn(description: string, seed = seed)", "a network from its description, e.g. \"INPUT 28x28x1 -> CONV3-32 -> RELU -> FC-10\"; seed= draws its initial weights", memo: .identity) { args, context in
            let text = try args.string("description")
            let seed = try args.seed(context)
            do throws(DescriptionError) {
                return .object(ModelValue(description: try NetworkDescription.parse(text), seed: seed))
            } catch {
                throw located(error, args, "description")
            }
        },
        Builtin("summary(net: model, title: string = none, caption: string = none)", "a table of the network's layers with memory, parameters and MACs; totals as fields") { args, _ in
            let model = try args.model()
            let title = try args.optionalString("title"), caption = try args.optionalString("caption")
            do throws(DescriptionError) {
                return .object(SummaryValue(source: model.description.source, summary: try model.description.summary(), title: title, caption: caption))
            } catch {
                throw LabError("the network's shapes do not work out: \(error.message) (column \(error.column) of the description)",
                               at: args.location("net"))
            }
        },
        Builtin("receptive_field(net: model, layer: string)", "the input patch a unit of a layer sees: .size, .stride, .offset") { args, _ in
            let model = try args.model()
            let layer = try args.string("layer")
            let rf = try args.run(at: "layer") { try model.description.receptiveField(layer: layer) }
            return .record(Record([("size", .number(Double(rf.size))), ("stride", .number(Double(rf.stride))),
                                   ("offset", .number(Double(rf.offset)))]))
        },
    ]

    /// An error in a description string points at its column in the file
    /// when the string is written in place, else says the column in words.
    static func located(_ e: DescriptionError, _ args: Arguments, _ name: String) -> LabError {
        if let at = args.location(name, stringColumn: e.column) {
            return LabError("in the network description: \(e.message)", at: at)
        }
        return LabError("in the network description, column \(e.column): \(e.message)", at: args.location(name))
    }
}
