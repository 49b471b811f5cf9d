import Dispatch
import NeuralNet
import Tensors

/// Moving values between an occlusion plan's stages: the crops a stage
/// reads, and the trunk's output with the last window written in. Both
/// are copies of a few rows per position, shared out over the cores.
extension OcclusionPlan {
    /// The crops a stage reads, (B, C, crop h, crop w): zeros outside the
    /// map, the new values inside the previous window, the base map elsewhere.
    func crop(_ base: Tensor, _ previous: Window, _ stage: Stage) -> Tensor {
        let (channels, height, width) = (stage.input[0], stage.input[1], stage.input[2])
        let (ch, cw) = stage.crop, positions = occluderStarts.count
        let count = base.shape[0] * positions, size = channels * ch * cw
        let values = Self.filled(count: count, size: size) { n, dst in
            let (image, p) = (n / positions, n % positions)
            let top = stage.starts[p].y * stage.stride - stage.padding
            let left = stage.starts[p].x * stage.stride - stage.padding
            let (wy, wx) = previous.starts[p]
            // Crop columns [c0, c1) lie inside the map; of those, [q0, q1) in the window.
            let c0 = min(cw, max(0, -left)), c1 = max(c0, min(cw, width - left))
            let q0 = max(wx, left + c0) - left, q1 = min(wx + previous.w, left + c1) - left
            base.scalars.withUnsafeBufferPointer { source in
                previous.values.withUnsafeBufferPointer { window in
                    for c in 0..<channels {
                        let map = source.baseAddress! + (image * channels + c) * height * width
                        let win = window.baseAddress! + (n * channels + c) * previous.h * previous.w
                        for r in 0..<ch {
                            let line = dst + (c * ch + r) * cw, row = top + r
                            guard row >= 0, row < height else { line.update(repeating: 0, count: cw); continue }
                            // Each value written once: zeros, base, window, base, zeros.
                            let from = map + row * width + left, wr = row - wy
                            let (a, b) = wr >= 0 && wr < previous.h && q1 > q0 ? (q0, q1) : (c1, c1)
                            line.update(repeating: 0, count: c0)
                            (line + c0).update(from: from + c0, count: a - c0)
                            if b > a { (line + a).update(from: win + wr * previous.w + left + a - wx, count: b - a) }
                            (line + b).update(from: from + b, count: c1 - b)
                            (line + c1).update(repeating: 0, count: cw - c1)
                        }
                    }
                }
            }
        }
        return Tensor(shape: [count, channels, ch, cw], scalars: values)
    }

    /// The trunk's output for every position: the base map with the last
    /// stage's window written in, (B, C, H, W).
    func patch(_ trunk: Tensor, _ window: Window) -> Tensor {
        let (channels, height, width) = (trunk.shape[1], trunk.shape[2], trunk.shape[3])
        let positions = occluderStarts.count, count = trunk.shape[0] * positions, plane = height * width
        let values = Self.filled(count: count, size: channels * plane) { n, dst in
            let (image, p) = (n / positions, n % positions)
            let (wy, wx) = window.starts[p]
            trunk.scalars.withUnsafeBufferPointer { source in
                window.values.withUnsafeBufferPointer { values in
                    dst.initialize(from: source.baseAddress! + image * channels * plane, count: channels * plane)
                    for c in 0..<channels {
                        for r in 0..<window.h {
                            let line = dst + c * plane + (wy + r) * width + wx
                            let from = values.baseAddress! + ((n * channels + c) * window.h + r) * window.w
                            for j in 0..<window.w { line[j] = from[j] }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [count, channels, height, width], scalars: values)
    }

    /// `count` blocks of `size` values, block n written by `fill(n, start)`,
    /// the blocks shared out over the cores. Each block is written by one
    /// call, so the result does not depend on how they are shared.
    static func filled(count: Int, size: Int, _ fill: @Sendable (Int, UnsafeMutablePointer<Float>) -> Void) -> [Float] {
        [Float](unsafeUninitializedCapacity: count * size) { buffer, initialized in
            let start = Shared(buffer.baseAddress!)
            let pieces = min(count, 16)
            DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                // Nearly equal shares, none of them past the end.
                for n in (piece * count / pieces)..<((piece + 1) * count / pieces) { fill(n, start.base + n * size) }
            }
            initialized = count * size
        }
    }
}

/// A pointer handed to worker threads that each write their own part of it.
struct Shared<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}
