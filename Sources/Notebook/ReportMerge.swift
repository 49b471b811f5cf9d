import Foundation

/// `lectern report merge`: the shards' `--json` reports as the one report a
/// single run of the whole course writes. Lessons are in course order when
/// the course is given (`expected`), else in path order, which is the order
/// of a single run over one folder.
public enum ReportMerge {
    public static func merge(_ reports: [(name: String, report: CheckReport)], expected: [String]?) throws(PipelineError) -> CheckReport {
        var seen: [String: String] = [:]
        var lessons: [LessonReport] = []
        for (name, report) in reports {
            for lesson in report.lessons {
                if let other = seen[lesson.path] {
                    throw PipelineError("\(lesson.path) is in two reports, \(other) and \(name): a lesson belongs to one shard")
                }
                seen[lesson.path] = name
                lessons.append(lesson)
            }
        }
        if let expected {
            let missing = expected.filter { seen[$0] == nil }
            if !missing.isEmpty {
                throw PipelineError("no report has \(missing.joined(separator: ", ")): a shard did not run or its report is missing")
            }
            let extra = Set(seen.keys).subtracting(expected).sorted()
            if !extra.isEmpty {
                throw PipelineError("\(extra.joined(separator: ", ")) \(extra.count == 1 ? "is" : "are") not among the expected lessons")
            }
            let order = Dictionary(uniqueKeysWithValues: expected.enumerated().map { ($1, $0) })
            lessons.sort { order[$0.path]! < order[$1.path]! }
        } else {
            lessons.sort { $0.path < $1.path }
        }
        return CheckReport(lessons)
    }

    /// What `--timings` records: the time each lesson took when it last ran.
    public static func timings(_ report: CheckReport) -> [String: Double] {
        Dictionary(report.lessons.map { ($0.path, $0.seconds) }, uniquingKeysWith: { a, _ in a })
    }
}
