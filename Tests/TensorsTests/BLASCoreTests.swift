import Testing
@testable import Tensors

/// When Lectern re-executes with OPENBLAS_CORETYPE (BLASCore): only when the
/// user did not choose, OpenBLAS fell back, and the CPU has better kernels.
@Suite struct BLASCoreTests {
    static let avx512: Set<String> = ["avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl"]

    @Test(arguments: [
        (avx512.union(["avx512_bf16"]), "Cooperlake"),
        (avx512, "SkylakeX"),
        (Set(["avx", "avx2", "fma"]), "Haswell"),
        (Set(["avx"]), "SandyBridge"),
        (Set(["sse2", "sse3"]), nil),
        (Set(["avx512f", "avx2", "fma"]), "Haswell"),  // AVX-512 without BW/DQ/VL is not SkylakeX
    ] as [(Set<String>, String?)])
    func preferredCore(flags: Set<String>, expected: String?) {
        #expect(BLASCore.preferred(flags: flags) == expected)
    }

    @Test func replacesOnlyAFallbackTheUserDidNotChoose() {
        #expect(BLASCore.replacement(environment: [:], loadedCore: "Prescott", flags: Self.avx512) == "SkylakeX")
        // The user's choice wins, even a poor one.
        #expect(BLASCore.replacement(environment: ["OPENBLAS_CORETYPE": "Prescott"], loadedCore: "Prescott",
                                     flags: Self.avx512) == nil)
        // A real detection is kept.
        #expect(BLASCore.replacement(environment: [:], loadedCore: "Cooperlake", flags: Self.avx512) == nil)
        // Nothing better to offer.
        #expect(BLASCore.replacement(environment: [:], loadedCore: "Prescott", flags: ["sse3"]) == nil)
    }
}
