import Datasets
import Tensors

/// What makes `dataset(x, y)` a regression dataset (LESSON-FORMAT 9.5): y of
/// shape (N, k), or (N,) holding any non-integer. Kept out of
/// `DataBuiltins` so the labelled path there stays as it was.
enum RegressionData {
    /// The targets as (N, k) when `labels` holds real-valued targets; nil
    /// when it holds class numbers (then the labelled path checks them).
    static func targets(_ args: Arguments, count n: Int) throws -> Tensor? {
        let y = try args.tensor("labels")
        let isTable = y.rank == 2
        guard isTable || (y.rank == 1 && y.scalars.contains { $0 != $0.rounded() }) else { return nil }
        guard y.shape[0] == n else {
            throw LabError("dataset: there \(n == 1 ? "is 1 input" : "are \(n) inputs") but \(y.shape[0]) "
                           + (y.shape[0] == 1 ? "target" : "targets"), at: args.location("labels"))
        }
        guard y.count > 0 else { throw LabError("dataset: the targets are empty", at: args.location("labels")) }
        if let i = y.scalars.firstIndex(where: { !$0.isFinite }) {
            throw LabError("dataset: target \(i) is not a finite number", at: args.location("labels"))
        }
        guard !args.has("classes") else {
            throw LabError("dataset: real-valued targets make a regression dataset, which has no classes",
                           at: args.location("classes"))
        }
        return isTable ? y : Tensor(shape: [n, 1], scalars: y.scalars)
    }

    /// A regression dataset named by its content, apart from any labelled
    /// dataset of the same numbers.
    static func dataset(_ inputs: Tensor, _ targets: Tensor) -> LabeledImages {
        var hash = Fingerprint()
        hash.combine("regression")
        for t in [inputs, targets] {
            hash.combine(t.rank)
            for d in t.shape { hash.combine(d) }
            t.scalars.withUnsafeBytes { hash.combine(bytes: $0) }
        }
        return LabeledImages(images: inputs, targets: targets, fingerprint: "tensors/" + hash.hex)
    }
}
