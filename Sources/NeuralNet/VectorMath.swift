/// exp, sigmoid and tanh for the recurrent layers' gates, as straight-line
/// arithmetic and bit operations that the compiler vectorizes over a row:
/// `expf`/`tanhf` calls cost more there than the GEMMs (five per unit and
/// step). The same arithmetic on every machine and thread count, so results
/// stay the same bytes.
///
/// exp is Cody–Waite range reduction (x = k·ln 2 + r, |r| ≤ ln 2 / 2) and a
/// degree-6 Taylor polynomial for e^r, scaled by 2^k through the exponent
/// bits: a few ulp. k is rounded by adding 1.5·2²³, which leaves it in the
/// low bits of the sum, because a float-to-int conversion would trap on
/// overflow and keep the loop scalar. sigmoid and tanh are built on it and
/// are exact to about 1e-7 absolute (tanh of a tiny x loses its relative
/// accuracy, not its absolute one, which is what a gate needs).
enum VectorMath {
    private static let shifter: Float = 12_582_912  // 1.5 · 2²³

    @inline(__always) static func exp(_ x: Float) -> Float {
        // Past these e^x overflows or underflows Float; clamping keeps 2^k representable.
        let v = Swift.min(Swift.max(x, -87), 88)
        let shifted = v * 1.442_695_04 + shifter
        let k = shifted - shifter
        // ln 2 in two parts, so k·ln2hi is exact and r keeps its low bits.
        let r = v - k * 0.693_145_751_953_125 - k * 1.428_606_765_330_187e-6
        var p: Float = 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let scale = Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) &<< 23)
        return p * scale
    }

    @inline(__always) static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    /// 1 − 2 / (e^{2x} + 1), which saturates cleanly to ±1.
    @inline(__always) static func tanh(_ x: Float) -> Float { 1 - 2 / (exp(x + x) + 1) }

    static func sigmoid(_ p: UnsafeMutablePointer<Float>, count: Int) {
        for j in 0..<count { p[j] = sigmoid(p[j]) }
    }

    static func tanh(_ p: UnsafeMutablePointer<Float>, count: Int) {
        for j in 0..<count { p[j] = tanh(p[j]) }
    }
}
