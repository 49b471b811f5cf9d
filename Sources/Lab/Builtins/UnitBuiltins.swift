/// What single units and filters of a trained network respond to.
enum UnitBuiltins {
    static let all: [Builtin] = []
}
