import Tensors

/// Draws a layer's starting weights from its seed, so a network built twice
/// from the same seed starts from the same bytes.
enum Initializer {
    static func fill(_ weights: UnsafeMutablePointer<Float>, count: Int, fanIn: Int, fanOut: Int,
                     scheme: InitScheme, seed: UInt64) {
        let stream = RandomStream(seed: seed)
        switch scheme {
        case .he:
            let std = (2 / Double(max(fanIn, 1))).squareRoot()
            for i in 0..<count {
                weights[i] = Float(std) * stream.normal(at: UInt64(i))
            }
        case .glorot:
            let limit = Float((6 / Double(max(fanIn + fanOut, 1))).squareRoot())
            for i in 0..<count {
                weights[i] = limit * (2 * stream.uniform(at: UInt64(i)) - 1)
            }
        }
    }
}
