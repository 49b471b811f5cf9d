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
        let n = try checkBatch(x, what: "the input")
        guard layer >= -1, layer < layerCount else { throw NetworkError("layer index \(layer) is out of range") }
        let per = outputShape(ofLayer: layer).reduce(1, *), d = inputCount, step = max(1, chunk)
        let tape = Tape(layerCount: layerCount)
        try parameters.withUnsafeBufferPointer { params in
            try x.scalars.withUnsafeBufferPointer { all in
                for first in stride(from: 0, to: n, by: step) {
                    let size = min(step, n - first)
                    tape.forward(self, params: params.baseAddress!, input: all.baseAddress! + first * d,
                                 batch: size, through: layer, mode: .inference)
                    try body(first, size, UnsafeBufferPointer(start: tape.output(of: layer), count: size * per))
                }
            }
        }
    }
}
