import Testing
@testable import Visualizations

/// The occlusion windows' parallel filler writes every block exactly once,
/// for every count of blocks.
@Suite struct OcclusionWindowsFillTests {
    @Test func everyBlockOnce() {
        for count in 0...300 {
            let values = OcclusionPlan.filled(count: count, size: 3) { n, dst in
                for j in 0..<3 { dst[j] = Float(n) }
            }
            #expect(values == (0..<count).flatMap { n in [Float](repeating: Float(n), count: 3) }, "count \(count)")
        }
    }
}
