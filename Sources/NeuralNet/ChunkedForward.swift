import Tensors

/// A whole data set through one layer, a chunk at a time, for statistics
/// that reduce each chunk as it goes (unit statistics, top patches): the
/// layer's outputs for 10,000 images can be a gigabyte, a chunk's a few
/// megabytes. One tape serves every chunk, so its buffers are allocated
/// once rather than faulted in afresh for each chunk.
extension Network {
    /// Calls `body(first, count, output)` for inputs first..<first + count
    /// of `x` (N × input shape, or N × inputCount), in order, with layer
    /// `layer`'s output for them laid out (count × that layer's shape).
    /// `output` lives only during the call. Errors thrown by `body` end the
    /// pass and propagate.
    public func forEachChunk(of x: Tensor, through layer: Int, chunk: Int = Network.chunk,
                             _ body: (_ first: Int, _ count: Int, _ output: UnsafeBufferPointer<Float>) throws -> Void) throws {
        try forEachChunk(of: x, tapping: [layer], chunk: chunk) { first, count, outputs in try body(first, count, outputs[0]) }
    }

    /// The same for several layers at once, from one forward pass per chunk:
    /// every layer keeps its own output buffer on the tape, so a probe of
    /// six layers costs one pass through the network, not six.
    /// `outputs[k]` is layer `layers[k]`'s output (-1: the input).
    public func forEachChunk(of x: Tensor, tapping layers: [Int], chunk: Int = Network.chunk,
                             _ body: (_ first: Int, _ count: Int, _ outputs: [UnsafeBufferPointer<Float>]) throws -> Void) throws {
        let n = try checkBatch(x, what: "the input")
        for layer in layers where layer < -1 || layer >= layerCount {
            throw NetworkError("layer index \(layer) is out of range")
        }
        let deepest = layers.max() ?? -1
        let sizes = layers.map { outputShape(ofLayer: $0).reduce(1, *) }, d = inputCount, step = max(1, chunk)
        let tape = Tape(layerCount: layerCount)
        try parameters.withUnsafeBufferPointer { params in
            try x.scalars.withUnsafeBufferPointer { all in
                for first in stride(from: 0, to: n, by: step) {
                    if Interruption.requested { throw NetworkError.stopped }
                    let size = min(step, n - first)
                    tape.forward(self, params: params.baseAddress!, input: all.baseAddress! + first * d,
                                 batch: size, through: deepest, mode: .inference)
                    let outputs = zip(layers, sizes).map { layer, per in
                        UnsafeBufferPointer(start: UnsafePointer(tape.output(of: layer)), count: size * per)
                    }
                    try body(first, size, outputs)
                }
            }
        }
    }
}
