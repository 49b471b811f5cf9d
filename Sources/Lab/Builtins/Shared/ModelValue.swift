import NeuralNet
import Tensors

/// A network made by `cnn`, `train` or `with_weights`.
///
/// `cnn` only describes a network and says which seed draws its weights:
/// counting VGG-16's 138 million parameters must not allocate them. The
/// weights exist once something needs them (`network()`), and a trained or
/// edited model carries its own.
public struct ModelValue: LabObject {
    public let description: NetworkDescription
    let initSeed: UInt64
    let trained: Network?
    let history: TrainingHistory?
    /// What made this model, as text: the cache key of anything computed from it.
    public let key: String

    /// The largest network whose weights Lectern will hold: 2^28 parameters (1 GiB).
    static let maxParameters = 1 << 28

    init(description: NetworkDescription, seed: UInt64) {
        self.description = description
        initSeed = seed
        trained = nil
        history = nil
        key = "cnn(\(description.source))@\(seed)"
    }

    /// A described network as stored: `key` is what made it.
    init(description: NetworkDescription, seed: UInt64, key: String) {
        self.description = description
        initSeed = seed
        trained = nil
        history = nil
        self.key = key
    }

    init(network: Network, history: TrainingHistory?, key: String) {
        description = network.description
        initSeed = 0
        trained = network
        self.history = history
        self.key = key
    }

    /// The same model known by another name (what made it).
    func named(_ key: String) -> ModelValue {
        if let trained { return ModelValue(network: trained, history: history, key: key) }
        return ModelValue(description: description, seed: initSeed, key: key)
    }

    /// The network with its weights; an error for networks too large to hold.
    func network(at location: SourceLocation) throws -> Network {
        if let trained { return trained }
        let params = (try? description.summary().params) ?? Int.max
        guard params <= ModelValue.maxParameters else {
            throw LabError("this network has \(params) parameters; Lectern holds at most \(ModelValue.maxParameters) "
                           + "(1 GiB) in weights, so it can be counted with summary() but not run", at: location)
        }
        return Network(description, seed: initSeed)
    }

    public var typeName: String { "model" }
    public var fieldNames: [String] { ["layers", "description", "history"] }

    public func field(_ name: String) -> Value? {
        switch name {
        case "layers": return .list(description.layers.map { .string($0.name) })
        case "description": return .string(description.source)
        case "history": return history.map { .record(ModelValue.record($0)) } ?? Value.none
        default: return nil
        }
    }

    /// `.history` as a lesson sees it: per-step and per-epoch curves as tensors.
    static func record(_ h: TrainingHistory) -> Record {
        func t(_ xs: [Double]) -> Value { .tensor(Tensor(xs.map(Float.init))) }
        return Record([("loss", t(h.stepLoss)), ("accuracy", t(h.stepAccuracy)),
                       ("epoch_loss", t(h.epochLoss)), ("epoch_accuracy", t(h.epochAccuracy)),
                       ("validation_loss", t(h.validationLoss)), ("validation_accuracy", t(h.validationAccuracy)),
                       ("steps", .number(Double(h.stepLoss.count))), ("epochs", .number(Double(h.epochLoss.count)))])
    }

    public var display: Output {
        let layers = description.layers.map { "\($0.name) \($0.kind.token)" }.joined(separator: "\n")
        var caption = "model, \(description.layers.count) layers"
        if let h = history, let acc = h.epochAccuracy.last {
            caption += String(format: ", trained %d epochs (last epoch's training accuracy %.4f)", h.epochAccuracy.count, acc)
        }
        return .text(description.input.token + "\n" + layers, caption: caption)
    }

    public var contentKey: String { "model:" + key }
}

/// `summary(net)`: a table with one row a layer, and the totals as fields.
struct SummaryValue: LabObject {
    /// What was summarized, so a stored summary can be made again.
    let source: String
    let summary: NetworkSummary
    var title: String?
    var caption: String?

    public var typeName: String { "table" }
    public var fieldNames: [String] { ["params", "weights", "biases", "activations", "macs", "flops", "rows"] }

    public func field(_ name: String) -> Value? {
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

    public var display: Output {
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

    public var contentKey: String { "summary:\(summary.params):\(summary.macs):\(summary.activations)" }
}
