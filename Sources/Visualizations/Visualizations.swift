/// The classic methods for looking inside a trained ConvNet, one file each,
/// on top of `NeuralNet`'s forward and backward passes.
public enum Visualizations {}
