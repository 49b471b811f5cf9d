import Foundation
import Testing
@testable import Benchmarks

/// The visualizations section of the report: its keys and its lines, never
/// its speed (timings are `lectern bench`'s business).
@Suite struct VisualizationBenchTests {
    static let sample = BenchReport.Visualization(
        network: TrainingBench.network, runs: 7, saliencyImages: 256, saliencySeconds: 0.081,
        occlusionImages: 16, occlusionPositions: 144, occluderSize: 6, occluderStride: 2, occlusionSeconds: 0.2126)

    static func report() -> BenchReport {
        BenchReport(quick: false, machine: .init(cpuCount: 2, cpuModel: "Test CPU"),
                    openblas: .init(core: "SkylakeX", chosenBy: "openblas", detectedCore: nil, threads: 2),
                    sgemm: .init(gflops: 120, threads: 2, gflops1Thread: 65), visualizations: sample,
                    peakMemoryBytes: 300 << 20)
    }

    @Test func sectionEncodesWithStableKeys() throws {
        let data = try Self.report().json()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let section = try #require(object["visualizations"] as? [String: Any])
        #expect(Set(section.keys) == ["network", "runs", "saliency_images", "saliency_seconds", "occlusion_images",
                                      "occlusion_positions", "occluder_size", "occluder_stride", "occlusion_seconds"])
        #expect(try JSONDecoder().decode(BenchReport.self, from: data) == Self.report())
    }

    @Test func tableShowsBothTimes() {
        let table = Self.report().table()
        #expect(table.contains("saliency, 256 images in one batch"))
        #expect(table.contains("occlusion, 16 images × 144 positions (6×6, stride 2)"))
        #expect(table.contains("0.081 s") && table.contains("0.213 s"))
    }

    @Test func theReferenceOccluderGives144Positions() {
        let positions = (28 - VisualizationBench.occluderSize) / VisualizationBench.occluderStride + 1
        #expect(positions * positions == 144)
    }
}
