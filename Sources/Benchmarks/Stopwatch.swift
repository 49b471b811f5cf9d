import Dispatch

/// Wall-clock timing for the benchmarks.
///
/// Medians, not means: on a shared machine one run in ten is slowed by a
/// neighbour, and the median ignores it where a mean would not.
enum Stopwatch {
    /// Seconds `body` takes, on the monotonic clock (wall-clock time can jump).
    static func seconds<E: Error>(_ body: () throws(E) -> Void) throws(E) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    }

    /// The median seconds of `repeats` runs of `body`, after `warmUps` untimed
    /// ones that fault in pages and spin up the BLAS threads.
    static func median<E: Error>(repeats: Int, warmUps: Int = 1, _ body: () throws(E) -> Void) throws(E) -> Double {
        for _ in 0..<warmUps { try body() }
        var times: [Double] = []
        for _ in 0..<max(1, repeats) { times.append(try seconds(body)) }
        return median(times)
    }

    /// The middle value, or the mean of the two middle values; 0 for none.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// GFLOP/s for `flops` operations in `seconds` (0 when nothing was timed,
    /// so a report never holds an infinity JSON cannot encode).
    static func gflops(_ flops: Double, seconds: Double) -> Double {
        seconds > 0 ? flops / seconds * 1e-9 : 0
    }
}
