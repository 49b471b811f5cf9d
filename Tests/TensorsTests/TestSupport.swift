import Testing
@testable import Tensors

/// Builders and reference implementations shared by the tests. The references
/// are deliberately naive (multi-index loops), so they check the fast paths.

func tensor(_ shape: [Int], _ values: [Float]) -> Tensor {
    Tensor(shape: shape, scalars: values)
}

/// 0, 1, 2, ... in the given shape.
func iota(_ shape: [Int]) -> Tensor {
    let n = shape.reduce(1, *)
    return Tensor(shape: shape, scalars: (0..<n).map(Float.init))
}

func random(_ shape: [Int], seed: UInt64) -> Tensor {
    // Cannot fail for the small shapes used in tests.
    (try? Tensor.uniform(shape: shape, seed: seed, low: -1, high: 1)) ?? Tensor(scalar: .nan)
}

func close(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in
        (x.isNaN && y.isNaN) || x == y || Swift.abs(x - y) <= tolerance * Swift.max(1, Swift.abs(y))
    }
}

/// Row-major multi-index of a flat position.
func unravel(_ flat: Int, _ shape: [Int]) -> [Int] {
    var rest = flat
    var index = [Int](repeating: 0, count: shape.count)
    for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] > 0 {
        index[d] = rest % shape[d]
        rest /= shape[d]
    }
    return index
}

func flatIndex(_ index: [Int], _ shape: [Int]) -> Int {
    zip(index, Tensor.strides(for: shape)).reduce(0) { $0 + $1.0 * $1.1 }
}

/// The value of `t` at an index of a broadcast shape.
func broadcastValue(_ t: Tensor, at index: [Int]) -> Float {
    let pad = index.count - t.rank
    let own = (0..<t.rank).map { t.shape[$0] == 1 ? 0 : index[$0 + pad] }
    return t.scalars[flatIndex(own, t.shape)]
}

/// Matrix product by the textbook triple loop on rank-2 arrays.
func naiveMatmul(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
    var c = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var s: Double = 0
            for p in 0..<k { s += Double(a[i * k + p]) * Double(b[p * n + j]) }
            c[i * n + j] = Float(s)
        }
    }
    return c
}

/// Runs `body` and returns the TensorError it threw, or nil.
/// (Closures do not infer typed throws, hence the cast.)
func tensorError(_ body: () throws -> Tensor) -> TensorError? {
    do {
        _ = try body()
        return nil
    } catch let error as TensorError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}
