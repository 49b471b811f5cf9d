import Foundation

/// Local response normalization across channels, with AlexNet's constants
/// (Krizhevsky et al. 2012, section 3.3): at each position,
/// y_c = x_c / s_c^β with s_c = k + α Σ_{|j−c| ≤ n/2} x_j².
///
/// Legend: x, y (N, C, H, W); s (N, C, H, W) is kept for the backward pass.
struct LRNLayer: Layer {
    static let k: Float = 2, size = 5, alpha: Float = 1e-4, beta: Float = 0.75

    let spec: LayerSpec
    let input: OutputShape
    var output: OutputShape { input }

    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
                 params: UnsafePointer<Float>, memo: LayerMemo, mode: PassMode) {
        let (channels, plane) = (input.channels, input.height * input.width)
        let half = Self.size / 2
        memo.scratch.reserve(batch * input.count)
        let s = memo.scratch.pointer
        for n in 0..<batch {
            let base = n * input.count
            for c in 0..<channels {
                let lo = max(0, c - half), hi = min(channels - 1, c + half)
                for p in 0..<plane {
                    var sum: Float = 0
                    for j in lo...hi { let v = x[base + j * plane + p]; sum += v * v }
                    let i = base + c * plane + p
                    s[i] = Self.k + Self.alpha * sum
                    y[i] = x[i] * powf(s[i], -Self.beta)
                }
            }
        }
    }

    /// dx_i = dy_i s_i^−β − 2αβ x_i Σ_{|c−i| ≤ n/2} dy_c x_c s_c^−β−1
    func backward(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                  _ dx: UnsafeMutablePointer<Float>?, batch: Int, params: UnsafePointer<Float>,
                  dparams: UnsafeMutablePointer<Float>?, memo: LayerMemo, rule: ReLURule) {
        guard let dx else { return }
        let (channels, plane) = (input.channels, input.height * input.width)
        let half = Self.size / 2
        let s = memo.scratch.pointer
        for n in 0..<batch {
            let base = n * input.count
            for c in 0..<channels {
                let lo = max(0, c - half), hi = min(channels - 1, c + half)
                for p in 0..<plane {
                    var cross: Float = 0
                    for j in lo...hi {
                        let o = base + j * plane + p
                        cross += dy[o] * x[o] * powf(s[o], -Self.beta - 1)
                    }
                    let i = base + c * plane + p
                    dx[i] = dy[i] * powf(s[i], -Self.beta) - 2 * Self.alpha * Self.beta * x[i] * cross
                }
            }
        }
    }
}
