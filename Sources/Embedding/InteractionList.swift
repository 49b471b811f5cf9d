/// The (x, y, mass) terms one leaf's points interact with, in Float,
/// padded with massless terms to a whole number of two four-lane blocks.
///
/// Raw storage, 16-byte aligned for the lanes: appending is the inner loop
/// of the tree walk, and an array's uniqueness check there costs more than
/// the append.
final class InteractionList {
    typealias Lanes = SIMD4<Float>
    private var xs: UnsafeMutablePointer<Float>, ys: UnsafeMutablePointer<Float>, masses: UnsafeMutablePointer<Float>
    private var capacity = 1024
    private(set) var count = 0

    init() {
        xs = Self.allocate(capacity)
        ys = Self.allocate(capacity)
        masses = Self.allocate(capacity)
    }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(byteCount: 4 * count, alignment: 16).bindMemory(to: Float.self, capacity: count)
    }

    deinit {
        xs.deallocate()
        ys.deallocate()
        masses.deallocate()
    }

    func removeAll() { count = 0 }

    @inline(__always) func append(_ x: Double, _ y: Double, _ mass: Double) {
        if count == capacity { grow() }
        xs[count] = Float(x)
        ys[count] = Float(y)
        masses[count] = Float(mass)
        count += 1
    }

    private func grow() {
        func moved(_ old: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
            let new = Self.allocate(2 * capacity)
            new.update(from: old, count: count)
            old.deallocate()
            return new
        }
        xs = moved(xs)
        ys = moved(ys)
        masses = moved(masses)
        capacity *= 2
    }

    func pad() {
        while count % (2 * Lanes.scalarCount) != 0 { append(0, 0, 0) }
    }

    /// Σ m w² (p − t) and Σ m w over the terms t, w = 1 / (1 + |p − t|²).
    /// Two blocks a step with their own sums, written t − p: in this form
    /// LLVM keeps every operation four lanes wide (with p − t, or one block
    /// a step, it splits lanes apart and shuffles them back, half as fast).
    @inline(never)
    func forces(at vx: Lanes, _ vy: Lanes) -> (Double, Double, Double) {
        let one = Lanes(repeating: 1)
        var fx = Lanes(), fy = Lanes(), z = Lanes(), fx2 = Lanes(), fy2 = Lanes(), z2 = Lanes()
        xs.withMemoryRebound(to: Lanes.self, capacity: count / 4) { tx in
            ys.withMemoryRebound(to: Lanes.self, capacity: count / 4) { ty in
                masses.withMemoryRebound(to: Lanes.self, capacity: count / 4) { tm in
                    var b = 0
                    while b + 2 <= count / 4 {
                        let dx = tx[b] - vx, dy = ty[b] - vy
                        let ex = tx[b + 1] - vx, ey = ty[b + 1] - vy
                        let w = one / (one + dx * dx + dy * dy)
                        let v = one / (one + ex * ex + ey * ey)
                        let mw = tm[b] * w, mv = tm[b + 1] * v
                        z += mw
                        z2 += mv
                        let q = mw * w, r = mv * v
                        fx += q * dx
                        fy += q * dy
                        fx2 += r * ex
                        fy2 += r * ey
                        b += 2
                    }
                }
            }
        }
        return (-Self.sum(fx + fx2), -Self.sum(fy + fy2), Self.sum(z + z2))
    }

    @inline(__always) static func sum(_ v: Lanes) -> Double {
        (Double(v[0]) + Double(v[1])) + (Double(v[2]) + Double(v[3]))
    }
}
