import Foundation
import NeuralNet
import Tensors
import Visualizations

/// What the built-ins that optimize or attack an input share beyond the
/// common argument readers (ArgumentReaders.swift): the batch limit, the
/// optimizer's settings, checked, and the predictions on their results.
enum OptimizationArguments {
    /// The most images one optimizing call takes: all of them go through the
    /// network together at every step, so memory grows with the batch.
    static let maxBatch = 256

    /// The settings every gradient-descent built-in takes: steps=, lr=, seed=, and momentum= when it has one.
    static func optimizer(_ args: Arguments, _ context: CallContext, momentum: Bool = true) throws -> InputOptimizer {
        var o = InputOptimizer()
        o.steps = try args.int("steps", min: 1, max: 100_000)
        o.learningRate = Float(try args.finiteNumber("lr", .positive))
        if momentum {
            o.momentum = Float(try args.finiteNumber("momentum", .nonNegative))
            guard o.momentum < 1 else {
                throw LabError("\(args.builtin): 'momentum' must be below 1, got \(o.momentum)", at: args.location("momentum"))
            }
        }
        o.seed = try args.seed(context)
        return o
    }

    /// Each image's class probabilities (N × classes) and its most probable class.
    static func predictions(_ network: Network, _ x: Tensor) throws -> (probabilities: Tensor, classes: [Int]) {
        let scores = try network.forward(x, through: network.scoreLayer)
        let d = scores.count / max(x.shape[0], 1)
        var p = [Float](), best = [Int]()
        for e in 0..<x.shape[0] {
            let row = Array(scores.scalars[(e * d)..<((e + 1) * d)])
            let top = row.max() ?? 0
            let exps = row.map { Foundation.exp(Double($0 - top)) }
            let total = exps.reduce(0, +)
            p += exps.map { Float($0 / total) }
            best.append(row.firstIndex(of: top) ?? 0)
        }
        return (Tensor(shape: [x.shape[0], d], scalars: p), best)
    }
}
