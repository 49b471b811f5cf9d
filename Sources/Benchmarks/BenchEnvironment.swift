import Foundation
import Tensors

/// Where the numbers were measured: without the kernels and the thread
/// count, a GFLOP/s figure cannot be compared with another run's.
enum BenchEnvironment {
    static func machine() -> BenchReport.Machine {
        BenchReport.Machine(cpuCount: ProcessInfo.processInfo.activeProcessorCount, cpuModel: cpuModel())
    }

    /// Who chose OpenBLAS's kernels. `LECTERN_BLAS_CORE_CHOSEN` is set by
    /// the command line when it re-executed itself with `OPENBLAS_CORETYPE`
    /// (see `BLASCore`); it holds what OpenBLAS had detected.
    static func openBLAS(environment: [String: String] = ProcessInfo.processInfo.environment) -> BenchReport.OpenBLAS {
        let chosenBy: String, detected: String?
        if let core = environment["LECTERN_BLAS_CORE_CHOSEN"], environment["OPENBLAS_CORETYPE"] != nil {
            (chosenBy, detected) = ("lectern", core)
        } else if environment["OPENBLAS_CORETYPE"] != nil {
            (chosenBy, detected) = ("user", nil)
        } else {
            (chosenBy, detected) = ("openblas", nil)
        }
        return BenchReport.OpenBLAS(core: BLAS.coreName, chosenBy: chosenBy, detectedCore: detected, threads: BLAS.threads)
    }

    /// The first "model name" line of /proc/cpuinfo.
    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown" }
        let model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return model.isEmpty ? "unknown" : model
    }
}

extension BenchReport.OpenBLAS {
    /// "chosen by lectern; OpenBLAS detected Prescott", for the table.
    public var provenance: String {
        switch chosenBy {
        case "lectern": return "chosen by lectern; OpenBLAS detected \(detectedCore ?? "unknown")"
        case "user": return "set by OPENBLAS_CORETYPE"
        default: return "detected by OpenBLAS"
        }
    }
}
