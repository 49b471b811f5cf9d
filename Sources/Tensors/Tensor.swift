import Foundation

/// A dense Float32 tensor, row-major, of any rank (rank 0 is a scalar).
///
/// Storage is a Swift array so value semantics come for free; hot loops
/// reach it through `withUnsafeBufferPointer` so copy-on-write never
/// happens inside a loop.
public struct Tensor: Sendable, Equatable {
    public private(set) var shape: [Int]
    public var scalars: [Float]

    /// The largest tensor Lectern will allocate: 2^30 values (4 GiB).
    /// Bigger requests are almost always a typo in a shape, and failing
    /// with a message beats being killed by the kernel.
    public static let maxElements = 1 << 30

    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        precondition(Tensor.product(shape) == scalars.count,
                     "shape \(shape) needs \(Tensor.product(shape)) values, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor filled with one value; throws when the shape is invalid or too large.
    public init(repeating value: Float, shape: [Int]) throws(TensorError) {
        let n = try Tensor.checkedCount(shape)
        try MemoryBudget.reserve(shape, count: n)
        self.init(shape: shape, scalars: [Float](repeating: value, count: n))
    }

    public init(zeros shape: [Int]) throws(TensorError) {
        try self.init(repeating: 0, shape: shape)
    }

    public init(scalar: Float) {
        self.init(shape: [], scalars: [scalar])
    }

    /// A vector from values.
    public init(_ values: [Float]) {
        self.init(shape: [values.count], scalars: values)
    }

    public var rank: Int { shape.count }
    public var count: Int { scalars.count }
    public var isScalar: Bool { shape.isEmpty }

    /// The only value of a one-element tensor.
    public var scalarValue: Float? { scalars.count == 1 ? scalars[0] : nil }

    /// Row-major strides in elements.
    public var strides: [Int] { Tensor.strides(for: shape) }

    public static func strides(for shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            s[i] = acc
            acc = saturatingMultiply(acc, shape[i])
        }
        return s
    }

    /// The element count, exact whenever it fits in an Int. An empty tensor may
    /// have huge other axes ((0, 10^12, 10^12) is legal and holds nothing), so
    /// partial products saturate instead of trapping.
    static func product(_ shape: [Int]) -> Int { shape.reduce(1, saturatingMultiply) }

    static func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
        let (m, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : m
    }

    /// The element count of `shape`, or an error naming why the shape is unusable.
    /// Overflow-safe: a shape like [10^6, 10^6, 10^6] is rejected, not wrapped.
    /// A shape with a zero axis holds nothing whatever its other axes, in any order.
    public static func checkedCount(_ shape: [Int]) throws(TensorError) -> Int {
        if shape.contains(where: { $0 < 0 }) { throw .invalidShape(shape, "dimensions must not be negative") }
        if shape.contains(0) { return 0 }
        var n = 1
        for d in shape {
            let (m, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow || m > maxElements { throw .tooLarge(shape) }
            n = m
        }
        return n
    }
}

public enum TensorError: Error, Equatable, CustomStringConvertible {
    /// Two operands whose shapes do not fit together; both shapes are shown.
    case shapeMismatch(op: String, [Int], [Int])
    case invalidShape([Int], String)
    case tooLarge([Int])
    case axisOutOfRange(axis: Int, rank: Int)
    case indexOutOfRange(index: Int, size: Int, axis: Int)
    case invalidArgument(String)
    /// A tensor that would take the process past `MemoryBudget.limit`.
    case overBudget([Int], bytes: Int, held: Int, limit: Int)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, a, b):
            return "shape mismatch in \(op): \(Tensor.describe(a)) and \(Tensor.describe(b))"
        case let .invalidShape(s, why):
            return "invalid shape \(Tensor.describe(s)): \(why)"
        case let .tooLarge(s):
            let n = s.map(Double.init).reduce(1, *)
            return "a tensor of shape \(Tensor.describe(s)) would hold \(Tensor.formatCount(n)) values; "
                + "the limit is \(Tensor.formatCount(Double(Tensor.maxElements))) (4 GiB)"
        case let .axisOutOfRange(axis, rank):
            return "axis \(axis) is out of range for a tensor of rank \(rank)"
        case let .indexOutOfRange(index, size, axis):
            return "index \(index) is out of range for axis \(axis) of size \(size)"
        case let .invalidArgument(msg):
            return msg
        case let .overBudget(s, bytes, held, limit):
            return "this tensor of shape \(Tensor.describe(s)) needs \(MemoryBudget.describe(bytes)); with the "
                + "\(MemoryBudget.describe(held)) already held it would pass the memory budget of "
                + "\(MemoryBudget.describe(limit)) (set LECTERN_MEMORY_LIMIT or --memory-limit)"
        }
    }
}

extension Tensor {
    /// Shapes print as `(2, 3)`, scalars as `()`.
    public static func describe(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]))" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    static func formatCount(_ n: Double) -> String {
        n >= 1e6 ? String(format: "%.3g", n) : String(Int(n))
    }
}

// Helpers shared by the operations in this module.
extension Tensor {
    /// A fresh tensor whose storage `fill` writes in full. The count is checked
    /// first, so an absurd shape becomes `.tooLarge` instead of an allocation crash,
    /// and the buffer is never zeroed only to be overwritten.
    static func make(
        _ shape: [Int], fill: (UnsafeMutableBufferPointer<Float>) -> Void
    ) throws(TensorError) -> Tensor {
        let n = try checkedCount(shape)
        try MemoryBudget.reserve(shape, count: n)
        let values = [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
            fill(buffer)
            initialized = n
        }
        return Tensor(shape: shape, scalars: values)
    }

    /// `axis` as an index into a shape of `rank` axes; negative counts from the end.
    static func normalizeAxis(_ axis: Int, rank: Int) throws(TensorError) -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else { throw .axisOutOfRange(axis: axis, rank: rank) }
        return a
    }
}
