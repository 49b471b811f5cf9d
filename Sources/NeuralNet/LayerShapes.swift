/// The arithmetic of one layer: the shape it gives for an input shape and
/// what it costs. Every product is checked, since sizes come from user
/// text; an overflow or an empty output is an error at the layer's column.
///
/// Shapes are one input's (no batch): `x` is H×W×C for an image, n for a vector.
extension LayerSpec {
    /// What the layer makes of `input`. `producer` names the layer that made
    /// `input` (nil for the network's input), for the message when a CONV or
    /// POOL layer is handed a vector.
    func outputShape(for input: OutputShape,
                     producer: String?) throws(DescriptionError) -> OutputShape {
        let source = producer.map { "\($0) gives" } ?? "the input is"
        switch kind {
        case .conv, .maxPool, .avgPool:
            guard !input.isVector, !input.isSequence else {
                throw fail("\(label) needs an image, but \(source) \(input.noun)")
            }
            guard let window = kind.window else { return input }
            let height = try slide(input.height, window, on: input)
            let width = try slide(input.width, window, on: input)
            var channels = input.channels
            if case let .conv(_, filters, _, _) = kind { channels = filters }
            let output = OutputShape(height: height, width: width, channels: channels)
            guard height.multipliedOrNil(by: width)?.multipliedOrNil(by: channels) != nil else {
                throw fail("\(label) gives a \(output) output, too large to count")
            }
            return output
        case let .fc(outputs):
            guard !input.isSequence else {
                throw fail("\(label) needs a vector or an image, but \(source) \(input.noun); add LAST before it to keep the last step")
            }
            return .vector(outputs)
        case .lrn, .softmax:
            // Both would mix values across steps, which a sequence's layout does not mean.
            guard !input.isSequence else {
                throw fail("\(label) needs a vector or an image, but \(source) \(input.noun); add LAST before it to keep the last step")
            }
            return input
        case .relu, .tanh, .sigmoid, .dropout:
            return input
        case .rnn, .lstm, .last:
            guard input.isSequence else {
                throw fail("\(label) needs a sequence (INPUT SEQ-TxF or a recurrent layer), but \(source) \(input.noun)")
            }
            guard let (units, _) = kind.recurrence else { return .vector(input.features) }
            guard input.steps.multipliedOrNil(by: units) != nil else {
                throw fail("\(label) gives a \(input.steps)-step sequence of \(units) values, too large to count")
            }
            return .sequence(steps: input.steps, features: units)
        }
    }

    /// Weights, biases and multiply-accumulates for one input:
    /// CONV k·k·Cin·n weights, n biases, Hout·Wout·n·k·k·Cin MACs;
    /// FC in·out weights, out biases, in·out MACs; RNN-n (G = 1) and
    /// LSTM-n (G = 4 gates) G·n·(F + n) weights, G·n biases, T times the
    /// weights in MACs; the rest none.
    func costs(input: OutputShape,
               output: OutputShape) throws(DescriptionError) -> (weights: Int, biases: Int, macs: Int) {
        switch kind {
        case let .conv(k, filters, _, _):
            let perOutput = k.multipliedOrNil(by: k)?.multipliedOrNil(by: input.channels)
            guard let perOutput, let weights = perOutput.multipliedOrNil(by: filters) else {
                throw fail("\(label) has too many weights to count")
            }
            guard let macs = output.count.multipliedOrNil(by: perOutput) else {
                throw fail("\(label) needs too many multiply-accumulates to count")
            }
            return (weights, filters, macs)
        case let .fc(outputs):
            guard let weights = input.count.multipliedOrNil(by: outputs) else {
                throw fail("\(label) has too many weights to count (\(input.count) inputs × \(outputs) outputs)")
            }
            return (weights, outputs, weights)
        case let .rnn(units), let .lstm(units):
            // Per step: every gate's units read the step's F values and the
            // previous step's units; the weights are shared by all T steps.
            let gates = kind.recurrence?.gates ?? 1
            guard let rows = units.multipliedOrNil(by: gates),
                  let perStep = input.features.addingOrNil(units)?.multipliedOrNil(by: rows) else {
                throw fail("\(label) has too many weights to count")
            }
            guard let macs = perStep.multipliedOrNil(by: input.steps) else {
                throw fail("\(label) needs too many multiply-accumulates to count")
            }
            return (perStep, rows, macs)
        case .maxPool, .avgPool, .relu, .tanh, .sigmoid, .dropout, .lrn, .softmax, .last:
            return (0, 0, 0)
        }
    }

    /// Output length along one axis: floor((n + 2p − k) / s) + 1.
    private func slide(_ size: Int, _ window: (kernel: Int, stride: Int, padding: Int),
                       on input: OutputShape) throws(DescriptionError) -> Int {
        // The parser never makes these; a hand-built LayerSpec might.
        guard window.kernel >= 1, window.stride >= 1, window.padding >= 0 else {
            throw fail("\(label) needs a kernel and a stride of at least 1 and no negative padding")
        }
        guard let padded = window.padding.multipliedOrNil(by: 2)?.addingOrNil(size) else {
            throw fail("\(label) pads its input beyond what can be counted")
        }
        // Checked before dividing: Swift's division truncates toward zero,
        // so a negative span would wrongly give one output.
        guard padded >= window.kernel else {
            throw fail("\(label) on a \(input.spatial) input gives an empty output")
        }
        return (padded - window.kernel) / window.stride + 1
    }

    private func fail(_ message: String) -> DescriptionError {
        DescriptionError(column: column, message: message)
    }
}
