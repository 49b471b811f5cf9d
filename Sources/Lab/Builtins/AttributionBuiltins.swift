/// Which pixels a decision rests on: saliency, guided backprop, the
/// deconvnet, occlusion, and heat maps to show them.
enum AttributionBuiltins {
    static let all: [Builtin] = []
}
