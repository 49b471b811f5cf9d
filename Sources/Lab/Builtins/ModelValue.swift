import NeuralNet

/// A network made by `cnn`. For now a description; training adds weights.
public struct ModelValue: LabObject {
    public let description: NetworkDescription

    public var typeName: String { "model" }
    public var fieldNames: [String] { ["layers", "description"] }

    public func field(_ name: String) -> Value? {
        switch name {
        case "layers": return .list(description.layers.map { .string($0.name) })
        case "description": return .string(description.source)
        default: return nil
        }
    }

    public var display: Output {
        let layers = description.layers.map { "\($0.name) \($0.kind.token)" }.joined(separator: "\n")
        return .text(description.input.token + "\n" + layers, caption: "model, \(description.layers.count) layers")
    }

    public var contentKey: String { "model:" + description.source }
}

/// `summary(net)`: a table with one row a layer, and the totals as fields.
struct SummaryValue: LabObject {
    let summary: NetworkSummary
    var title: String?
    var caption: String?

    var typeName: String { "table" }
    var fieldNames: [String] { ["params", "weights", "biases", "activations", "macs", "flops", "rows"] }

    func field(_ name: String) -> Value? {
        switch name {
        case "params": return .number(Double(summary.params))
        case "weights": return .number(Double(summary.weights))
        case "biases": return .number(Double(summary.biases))
        case "activations": return .number(Double(summary.activations))
        case "macs": return .number(Double(summary.macs))
        case "flops": return .number(Double(summary.flops))
        case "rows":
            return .list(summary.rows.map { r in
                .record(Record([
                    ("name", .string(r.name)), ("layer", .string(r.layer)), ("output", .string(r.output.description)),
                    ("activations", .number(Double(r.activations))), ("weights", .number(Double(r.weights))),
                    ("biases", .number(Double(r.biases))), ("params", .number(Double(r.params))),
                    ("macs", .number(Double(r.macs))),
                ]))
            })
        default: return nil
        }
    }

    var display: Output {
        func n(_ x: Int) -> TableValue.Cell { TableValue.Cell(ValueFormat.plain(Double(x)), number: Double(x)) }
        let rows = summary.rows.map { r in
            [TableValue.Cell(r.name), TableValue.Cell(r.layer), TableValue.Cell(r.output.description),
             n(r.activations), n(r.params), n(r.macs)]
        }
        let footer = [TableValue.Cell("total"), TableValue.Cell(""), TableValue.Cell(""),
                      n(summary.activations), n(summary.params), n(summary.macs)]
        return .table(TableValue(columns: ["name", "layer", "output", "activations", "params", "MACs"],
                                 rows: rows, title: title, caption: caption, footer: footer))
    }

    var contentKey: String { "summary:\(summary.params):\(summary.macs):\(summary.activations)" }
}
