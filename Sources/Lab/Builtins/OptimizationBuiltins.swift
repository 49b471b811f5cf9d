/// Built-ins that optimize the input (issue 6): class models, inversion,
/// DeepDream, style transfer, adversarial and fooling images.
enum OptimizationBuiltins {
    static let all: [Builtin] = []
}
