import NeuralNet
import Tensors

/// What an input is optimized for: a number per image, computed from the
/// outputs of some of the network's layers, to be made as small as possible
/// (a quantity to raise, like a class score, enters with a minus sign).
///
/// The objective says which layers it reads and, given their outputs for a
/// batch, each image's value and the gradient at each of those outputs; the
/// network's own backward pass carries the gradients to the pixels, in one
/// pass however many layers are read (`Network.inputGradient(_:layers:)`).
/// Images never interact, so a batch is N problems solved side by side.
public protocol InputObjective: Sendable {
    /// Layer indices whose outputs `evaluate` reads, in the order it gets them.
    var layers: [Int] { get }
    /// Names of the parts the value is a weighted sum of, for their own
    /// curves (style and content loss); empty when the value is one thing.
    var componentNames: [String] { get }
    /// The outputs of `layers` for a batch of N (each N × the layer's shape).
    func evaluate(_ outputs: [Tensor]) -> ObjectiveValue
}

extension InputObjective {
    public var componentNames: [String] { [] }
}

/// An objective's value on a batch and its gradients at the layers it reads.
public struct ObjectiveValue: Sendable {
    /// One value per image.
    public var loss: [Float]
    /// One entry per `componentNames`, each one value per image.
    public var components: [[Float]]
    /// ∂loss/∂output, one tensor per layer read, shaped as the output.
    public var seeds: [Tensor]

    public init(loss: [Float], components: [[Float]] = [], seeds: [Tensor]) {
        self.loss = loss
        self.components = components
        self.seeds = seeds
    }
}

extension Network {
    /// The objective's value at the batch x, and its gradient with respect
    /// to x (same shape), from one forward and one backward pass.
    public func objectiveGradient(_ x: Tensor, _ objective: any InputObjective) throws(NetworkError)
        -> (value: ObjectiveValue, gradient: Tensor) {
        var value = ObjectiveValue(loss: [], seeds: [])
        let (_, gradient) = try inputGradient(x, layers: objective.layers) { outputs in
            value = objective.evaluate(outputs)
            return value.seeds
        }
        return (value, gradient)
    }

    /// The objective's value at the batch x: a forward pass only.
    public func objectiveValue(_ x: Tensor, _ objective: any InputObjective) throws(NetworkError) -> ObjectiveValue {
        var outputs: [Tensor] = []
        let deepest = objective.layers.max() ?? -1
        let full = try forward(x, through: deepest)
        // One pass to the deepest layer; shallower layers read are rerun (cheap, and rare outside style).
        for layer in objective.layers {
            outputs.append(layer == deepest ? full : try forward(x, through: layer))
        }
        return objective.evaluate(outputs)
    }
}
