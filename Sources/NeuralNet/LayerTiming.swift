import Foundation
import Tensors

/// Per-layer timings of one training step, for `lectern bench`: where a
/// step's time goes, measured on the real layers rather than a copy of them.
public struct LayerTiming: Sendable {
    public let name: String
    /// Median seconds of the forward and of the backward pass over the batch
    /// (the backward includes the input gradient, even for the first layer).
    public let forward: Double
    public let backward: Double
}

extension Network {
    /// Times each layer's forward and backward on `batch` random inputs,
    /// `repeats` times after one warm-up, and reports medians.
    public func timeLayers(batch: Int, repeats: Int, seed: UInt64 = 1) throws -> [LayerTiming] {
        let x = try Tensor.uniform(shape: [batch] + inputShape, seed: seed)
        let tape = Tape(layerCount: layerCount)
        var forward = [[Double]](repeating: [], count: layerCount)
        var backward = [[Double]](repeating: [], count: layerCount)
        var grads = [Float](repeating: 0, count: parameterCount)
        let dy = FloatBuffer(), dx = FloatBuffer()
        parameters.withUnsafeBufferPointer { p in
            grads.withUnsafeMutableBufferPointer { g in
                x.scalars.withUnsafeBufferPointer { input in
                    for round in 0...repeats {
                        tape.forward(self, params: p.baseAddress!, input: input.baseAddress!, batch: batch,
                                     through: -1, mode: .training(seed: seed))
                        for (i, layer) in layers.enumerated() {
                            let out = tape.values[i + 1]
                            out.reserve(batch * layer.output.count)
                            let start = DispatchTime.now().uptimeNanoseconds
                            layer.forward(tape.values[i].pointer, out.pointer, batch: batch,
                                          params: p.baseAddress! + offsets[i], memo: tape.memos[i],
                                          mode: .training(seed: seed))
                            let mid = DispatchTime.now().uptimeNanoseconds
                            dy.reserve(batch * layer.output.count)
                            dy.pointer.update(repeating: 1e-3, count: batch * layer.output.count)
                            dx.reserve(batch * layer.input.count)
                            let bstart = DispatchTime.now().uptimeNanoseconds
                            layer.backward(tape.values[i].pointer, out.pointer, dy.pointer, dx.pointer, batch: batch,
                                           params: p.baseAddress! + offsets[i], dparams: g.baseAddress! + offsets[i],
                                           memo: tape.memos[i], rule: .gradient)
                            let end = DispatchTime.now().uptimeNanoseconds
                            guard round > 0 else { continue }
                            forward[i].append(Double(mid - start) * 1e-9)
                            backward[i].append(Double(end - bstart) * 1e-9)
                        }
                    }
                }
            }
        }
        return layers.indices.map { i in
            LayerTiming(name: description.layers[i].name, forward: Network.median(forward[i]),
                        backward: Network.median(backward[i]))
        }
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                                     : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
