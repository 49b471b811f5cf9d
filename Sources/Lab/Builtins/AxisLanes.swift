import Tensors

/// A tensor read as lanes along one axis, for the built-ins that work on
/// whole lanes at once (sorting, order statistics, running sums): with
/// `axis` the tensor is (outer, n, inner) and lane (o, i) is the n values
/// x[o, :, i]; without it, the flattened tensor is one lane.
///
/// It lives beside the built-ins that use it rather than in `Shared/`,
/// whose files are part of every memoized result's engine fingerprint:
/// these functions are cheap and memoize nothing.
struct AxisLanes {
    let outer: Int, n: Int, inner: Int
    /// The normalized axis, or nil for the flattened tensor.
    let axis: Int?
    let shape: [Int]

    /// `axis` counts from the end when negative; an axis the tensor does not
    /// have is an error naming the argument.
    init(_ t: Tensor, axis: Int?, _ args: Arguments, name: String = "axis") throws {
        shape = t.shape
        guard let axis else {
            (outer, n, inner, self.axis) = (1, t.count, 1, nil)
            return
        }
        let a = axis < 0 ? axis + t.rank : axis
        guard a >= 0, a < t.rank else {
            let range = t.rank == 0 ? "a single number has no axes; leave axis= out"
                : "this tensor of shape \(Tensor.describe(t.shape)) has axes 0 to \(t.rank - 1) (or -1 to -\(t.rank))"
            throw LabError("\(args.builtin): '\(name)' is \(axis), but \(range)", at: args.location(name))
        }
        self.axis = a
        outer = t.shape[..<a].reduce(1, *)
        n = t.shape[a]
        inner = t.shape[(a + 1)...].reduce(1, *)
    }

    /// `axis=` of a built-in whose default is an axis (the last, for
    /// sorting): a whole number, or `axis=none` written in the call for
    /// the flattened tensor.
    static func axis(_ args: Arguments, _ name: String = "axis") throws -> Int? {
        args.writtenNone.contains(name) ? nil : try args.int(name)
    }

    var lanes: Int { outer * inner }

    /// Where lane `lane`'s k-th value sits in the flat tensor.
    @inline(__always) func offset(lane: Int, _ k: Int) -> Int {
        let o = lane / inner, i = lane % inner
        return (o * n + k) * inner + i
    }

    /// The shape of one result per lane: the axis removed (a number when flattened).
    var reducedShape: [Int] {
        guard let axis else { return [] }
        var s = shape
        s.remove(at: axis)
        return s
    }

    /// Lane `lane`'s values, in Double.
    func values(_ x: [Float], lane: Int) -> [Double] {
        (0..<n).map { Double(x[offset(lane: lane, $0)]) }
    }

    /// One value per lane, computed from each lane's values, in the reduced shape.
    func reduce(_ t: Tensor, _ f: ([Double]) -> Double) -> Tensor {
        let x = t.scalars
        let out = (0..<lanes).map { Float(f(values(x, lane: $0))) }
        return Tensor(shape: reducedShape, scalars: out)
    }

    /// Each lane replaced by `f` of its values (`f` returns `width` values),
    /// the axis resized to `width`; flattened tensors give a vector.
    func map(_ t: Tensor, width: Int, _ f: ([Double]) -> [Double]) -> Tensor {
        let x = t.scalars
        var out = [Float](repeating: 0, count: lanes * width)
        let resized = AxisLanes(outer: outer, n: width, inner: inner, axis: axis, shape: shape)
        for lane in 0..<lanes {
            let result = f(values(x, lane: lane))
            for k in 0..<width { out[resized.offset(lane: lane, k)] = Float(result[k]) }
        }
        var s = axis == nil ? [width] : shape
        if let axis { s[axis] = width }
        return Tensor(shape: s, scalars: out)
    }

    private init(outer: Int, n: Int, inner: Int, axis: Int?, shape: [Int]) {
        (self.outer, self.n, self.inner, self.axis, self.shape) = (outer, n, inner, axis, shape)
    }
}
