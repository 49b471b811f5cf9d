import Tensors

/// Batches of images as N images of C planes of H × W, for the priors,
/// the blur and the jitter, which all work plane by plane.
enum PlaneLayout {
    /// N × C × H × W → (N, C, H, W); N × D (a vector input) → (N, 1, 1, D).
    static func dims(_ x: Tensor) -> (count: Int, planes: Int, height: Int, width: Int) {
        switch x.rank {
        case 4: return (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        case 3: return (x.shape[0], 1, x.shape[1], x.shape[2])
        case 2: return (x.shape[0], 1, 1, x.shape[1])
        default: return (1, 1, 1, x.count)
        }
    }
}
