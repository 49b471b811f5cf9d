import Tensors

/// The batch axis: built-ins that take one item or a batch (N×...) run the
/// batch and answer in the form they were given, one item or N.
extension Tensor {
    /// A batch of one holding this item.
    var asBatch: Tensor { Tensor(shape: [1] + shape, scalars: scalars) }

    /// The item of a batch of one: the first axis dropped.
    var droppingBatch: Tensor { Tensor(shape: Array(shape.dropFirst()), scalars: scalars) }
}

/// Results shaped for one image or a batch.
enum Batch {
    /// `.image` (C×H×W) for one image, `.images` (N×C×H×W) for a batch.
    static func imageField(_ t: Tensor, single: Bool) -> (name: String, value: Value) {
        single ? ("image", .tensor(t.droppingBatch)) : ("images", .tensor(t))
    }

    /// One number per image: a number for one image, a tensor for a batch.
    static func perImage(_ xs: [Float], single: Bool) -> Value {
        single && xs.count == 1 ? .number(Double(xs[0])) : .tensor(Tensor(xs))
    }

    /// A steps × N history with the final values appended: a curve of
    /// steps + 1 values (the start first, the result last) for one image,
    /// N × (steps + 1) for a batch, so `plot(arange(...), r.loss)` draws it.
    static func curve(_ history: Tensor, final: [Float], single: Bool) -> Value {
        let steps = history.shape[0], n = history.shape.count > 1 ? history.shape[1] : 1
        var out = [Float](repeating: 0, count: n * (steps + 1))
        for e in 0..<n {
            for s in 0..<steps { out[e * (steps + 1) + s] = history.scalars[s * n + e] }
            out[e * (steps + 1) + steps] = final[e]
        }
        return .tensor(single && n == 1 ? Tensor(out) : Tensor(shape: [n, steps + 1], scalars: out))
    }
}
