/// The attractive half of the gradient over a sparse P, four entries at a
/// time in Float.
///
/// Each point is gathered as one 16-byte load of (x, y) split in two Floats
/// each, hi = Float(x) and lo = Float(x − hi): the loop is bound by these
/// gathers, and a difference taken as (hiⱼ − hiᵢ) + (loⱼ − loᵢ) keeps its
/// precision when two points are far closer to each other than to the
/// origin (near-duplicate images), where Float(xⱼ) − Float(xᵢ) would not.
enum Attraction {
    typealias Lanes = SIMD4<Float>

    /// g += scale · Σⱼ pᵢⱼ wᵢⱼ (yᵢ − yⱼ), row by row.
    static func add(_ y: Embedding2D, p: SparseMatrix, scale: Double, into g: Embedding2D) {
        let split = Buffer<Lanes>(repeating: Lanes(), count: y.count)
        for i in 0..<y.count {
            let hx = Float(y.x[i]), hy = Float(y.y[i])
            split[i] = Lanes(hx, hy, Float(y.x[i] - Double(hx)), Float(y.y[i] - Double(hy)))
        }
        Chunks.forEach(y.count, size: 256) { range in
            let starts = p.rowStart.pointer, columns = p.columns.pointer, values = p.floatValues.pointer
            for i in range {
                let (ax, ay) = row(split[i], split.pointer, columns + starts[i], values + starts[i], starts[i + 1] - starts[i])
                g.x[i] += scale * ax
                g.y[i] += scale * ay
            }
        }
    }

    /// Σ p w (yᵢ − yⱼ) over one row's `count` entries, written yⱼ − yᵢ and negated at the end.
    @inline(never)
    private static func row(_ point: Lanes, _ split: UnsafePointer<Lanes>, _ columns: UnsafePointer<Int32>,
                            _ values: UnsafePointer<Float>, _ count: Int) -> (Double, Double) {
        let hx = Lanes(repeating: point[0]), hy = Lanes(repeating: point[1])
        let lx = Lanes(repeating: point[2]), ly = Lanes(repeating: point[3])
        let one = Lanes(repeating: 1)
        var ax = Lanes(), ay = Lanes()
        var e = 0
        while e + 4 <= count {
            let a = split[Int(columns[e])], b = split[Int(columns[e + 1])]
            let c = split[Int(columns[e + 2])], d = split[Int(columns[e + 3])]
            let dx = (Lanes(a[0], b[0], c[0], d[0]) - hx) + (Lanes(a[2], b[2], c[2], d[2]) - lx)
            let dy = (Lanes(a[1], b[1], c[1], d[1]) - hy) + (Lanes(a[3], b[3], c[3], d[3]) - ly)
            let q = UnsafeRawPointer(values + e).loadUnaligned(as: Lanes.self) / (one + dx * dx + dy * dy)
            ax += q * dx
            ay += q * dy
            e += 4
        }
        var sx = InteractionList.sum(ax), sy = InteractionList.sum(ay)
        while e < count {
            let t = split[Int(columns[e])]
            let dx = Double((t[0] - point[0]) + (t[2] - point[2])), dy = Double((t[1] - point[1]) + (t[3] - point[3]))
            let q = Double(values[e]) / (1 + dx * dx + dy * dy)
            sx += q * dx
            sy += q * dy
            e += 1
        }
        return (-sx, -sy)
    }
}
