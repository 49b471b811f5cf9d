import Foundation
import Tensors

/// Re-executes the command with `OPENBLAS_CORETYPE` set when OpenBLAS fell
/// back to generic kernels on a CPU that has better ones (see `BLASCore`).
/// `LECTERN_BLAS_CORE_CHOSEN` marks the second run, so it happens once.
enum NativeKernels {
    static func ensure() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["LECTERN_BLAS_CORE_CHOSEN"] == nil,
              let core = BLASCore.replacement(environment: environment, loadedCore: BLAS.coreName,
                                              flags: BLASCore.cpuFlags()) else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        setenv("LECTERN_BLAS_CORE_CHOSEN", BLAS.coreName, 1)
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        execv("/proc/self/exe", &argv)
        // execv returns only on failure; the generic kernels still give right answers.
        unsetenv("OPENBLAS_CORETYPE")
    }
}
