#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The most resident memory the process has held so far (its max RSS).
///
/// A high-water mark, so reading it at the end of `lectern bench` gives the
/// peak of everything the run did, data set included.
public enum PeakMemory {
    public static var bytes: Int {
        var usage = rusage()
        // Linux counts ru_maxrss in KiB; macOS in bytes. Glibc imports
        // RUSAGE_SELF as an enum case where getrusage wants its raw value.
        #if os(Linux)
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)
        #endif
    }
}
