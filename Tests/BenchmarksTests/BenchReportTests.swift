import Foundation
import Testing
import Tensors
@testable import Benchmarks

/// The report's shape, never its speed: timings are measured by
/// `lectern bench`, not asserted here. Serialized: the GEMM measurement
/// changes OpenBLAS's (process-wide) thread count while it runs.
@Suite(.serialized) struct BenchReportTests {
    /// The quick GEMM measurement on 256² matrices: the same code as the
    /// report's 1024³, a sixty-fourth of the work, so the test stays fast
    /// even on OpenBLAS's generic kernels (no re-execution under `swift test`).
    static func quickReport() -> BenchReport {
        BenchReport(quick: true, machine: BenchEnvironment.machine(), openblas: BenchEnvironment.openBLAS(),
                    sgemm: GemmBench.measure(repeats: BenchSettings.quick.gemmRepeats, size: 256),
                    peakMemoryBytes: PeakMemory.bytes)
    }

    /// A report with made-up numbers, for what does not depend on measuring.
    static func sampleReport() -> BenchReport {
        BenchReport(quick: false, machine: .init(cpuCount: 2, cpuModel: "Test CPU"),
                    openblas: .init(core: "SkylakeX", chosenBy: "lectern", detectedCore: "Prescott", threads: 2),
                    sgemm: .init(gflops: 120, threads: 2, gflops1Thread: 65), peakMemoryBytes: 300 << 20)
    }

    @Test func gemmReportEncodesWithStableKeysAndPositiveNumbers() throws {
        let data = try Self.quickReport().json()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["quick", "machine", "openblas", "sgemm_1024", "conv", "layers", "peak_memory_bytes"])
        let sgemm = try #require(object["sgemm_1024"] as? [String: Any])
        #expect(Set(sgemm.keys) == ["gflops", "gflops_1_thread", "threads"])
        #expect(try #require(sgemm["gflops"] as? Double) > 0)
        #expect(try #require(sgemm["gflops_1_thread"] as? Double) > 0)
        #expect(try #require(sgemm["threads"] as? Int) >= 1)
        let openblas = try #require(object["openblas"] as? [String: Any])
        #expect(try #require(openblas["core"] as? String).isEmpty == false)
        #expect(["lectern", "user", "openblas"].contains(try #require(openblas["chosen_by"] as? String)))
        let machine = try #require(object["machine"] as? [String: Any])
        #expect(try #require(machine["cpu_count"] as? Int) >= 1)
        #expect(try #require(object["peak_memory_bytes"] as? Int) > 1 << 20)
    }

    @Test func gemmRestoresTheThreadCount() {
        let before = BLAS.threads
        _ = GemmBench.measure(repeats: 1, size: 64)
        #expect(BLAS.threads == before)
    }

    @Test func reportRoundTripsThroughJSON() throws {
        var report = Self.sampleReport()
        report.conv = [BenchReport.Conv(shape: "64x1x28x28 -> 32", forwardMs: 1, backwardMs: 2, forwardGflops: 3,
                                        forwardBackwardGflops: 4, forwardFractionOfSgemm: 0.5,
                                        forwardBackwardFractionOfSgemm: 0.25)]
        report.training = BenchReport.Training(network: TrainingBench.network, data: "random", dataNote: "no data",
                                               images: 5_000, batch: 128, optimizer: "adam", learningRate: 1e-3,
                                               runs: 1, secondsPerEpoch: 2, imagesPerSecond: 2_500)
        report.layers = [BenchReport.Layer(name: "conv1", layer: "CONV3-32", forwardMs: 1, backwardMs: 2)]
        let data = try report.json()
        #expect(try JSONDecoder().decode(BenchReport.self, from: data) == report)
        let text = String(decoding: data, as: UTF8.self)
        for key in ["\"forward_backward_fraction_of_sgemm\"", "\"images_per_second\"", "\"data_note\"", "\"backward_ms\""] {
            #expect(text.contains(key))
        }
    }

    @Test func provenanceSaysWhoChoseTheKernels() {
        let lectern = BenchEnvironment.openBLAS(environment: ["OPENBLAS_CORETYPE": "SkylakeX",
                                                              "LECTERN_BLAS_CORE_CHOSEN": "Prescott"])
        #expect(lectern.chosenBy == "lectern")
        #expect(lectern.provenance == "chosen by lectern; OpenBLAS detected Prescott")
        let user = BenchEnvironment.openBLAS(environment: ["OPENBLAS_CORETYPE": "Haswell"])
        #expect(user.chosenBy == "user" && user.detectedCore == nil)
        #expect(BenchEnvironment.openBLAS(environment: [:]).chosenBy == "openblas")
    }

    @Test func tableShowsEverySection() throws {
        var report = Self.sampleReport()
        report.layers = [BenchReport.Layer(name: "conv1", layer: "CONV3-32", forwardMs: 1, backwardMs: 3),
                         BenchReport.Layer(name: "relu1", layer: "RELU", forwardMs: 0, backwardMs: 0)]
        let table = report.table()
        #expect(table.contains("SkylakeX kernels (chosen by lectern; OpenBLAS detected Prescott), 2 threads"))
        #expect(table.contains("sgemm 1024³  120.0 GFLOP/s on 2 threads, 65.0 GFLOP/s on 1"))
        #expect(table.contains("peak memory  300.0 MiB"))
        #expect(table.split(separator: "\n").contains { $0.hasPrefix("conv1") && $0.hasSuffix("100%") })
        #expect(!table.split(separator: "\n").contains { $0.hasSuffix(" ") })
    }

    @Test func groupsThousands() {
        #expect(BenchTable.grouped(0) == "0")
        #expect(BenchTable.grouped(999) == "999")
        #expect(BenchTable.grouped(5_000) == "5,000")
        #expect(BenchTable.grouped(-1_234_567) == "-1,234,567")
    }
}
