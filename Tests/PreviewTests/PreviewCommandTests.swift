import Foundation
import Testing

/// `lectern preview` as a person uses it: the built binary in a scratch
/// project, pages fetched over HTTP, the lesson edited on disk.
@Suite(.serialized) struct PreviewCommandTests {
    /// The `lectern` beside this test binary (`swift build --build-tests`
    /// builds both), or the one LECTERN names.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["LECTERN"] { return URL(fileURLWithPath: path) }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("lectern")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/lectern")
    }

    static func lesson(_ prose: String, block: String = "x = 2 + 3\nexpect x == 5") -> String {
        "---\ntitle: Intro\n---\n# Intro\n\n\(prose)\n\n```experiment\n\(block)\n```\n"
    }

    /// A project folder (an empty lectern.yml marks its root) with one lesson.
    final class Project {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString)")
        var lesson: URL { root.appendingPathComponent("lessons/intro.md") }

        init(_ text: String) throws {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("lessons"),
                                                    withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: root.appendingPathComponent("lectern.yml").path, contents: Data())
            try write(text)
        }

        func write(_ text: String) throws { try text.write(to: lesson, atomically: false, encoding: .utf8) }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    /// A running `lectern preview`; stdout and stderr go to files.
    final class Running {
        let process = Process()
        let log: URL
        let errors: URL

        init(in project: Project, port: UInt16) throws {
            log = project.root.appendingPathComponent("preview.log")
            errors = project.root.appendingPathComponent("preview.err")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.executableURL = PreviewCommandTests.binary
            process.arguments = ["preview", "lessons", "--port", String(port), "--out", "output"]
            process.currentDirectoryURL = project.root
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
        }

        var stderr: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

        /// The exit status, or -1 if it had not stopped after `seconds` (then it is killed,
        /// so a preview that ignores a signal fails the test instead of hanging the suite).
        func finish(seconds: Double = 30) -> Int32 {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            guard !process.isRunning else {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return -1
            }
            return process.terminationStatus
        }

        deinit { if process.isRunning { process.terminate(); _ = finish(seconds: 5) } }
    }

    /// Polls `url` until its body satisfies `done` or `seconds` pass.
    static func wait(for url: String, seconds: Double, until done: (String) -> Bool) async -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let r = await get(url, timeout: 2), r.status == 200, done(r.body) { return r.body }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return nil
    }

    @Test func servesRerendersOnSaveAndStopsCleanly() async throws {
        let project = try Project(Self.lesson("The first draft of the prose."))
        let port = try Listener.freePort()
        let preview = try Running(in: project, port: port)
        let page = "http://127.0.0.1:\(port)/intro.html"

        let served = await Self.wait(for: page, seconds: 60) { $0.contains("first draft") }
        let first = try #require(served, "the page is served: \(preview.stderr)")
        #expect(first.contains("/__lectern/changes"), "the served page carries the reload script")
        let written = try String(contentsOf: project.root.appendingPathComponent("output/intro.html"), encoding: .utf8)
        #expect(written.contains("first draft") && !written.contains("__lectern"), "output/ never gets the script")
        let index = await get("http://127.0.0.1:\(port)/")
        #expect(index?.status == 200 && index?.body.contains("Intro") == true)
        let outside = await get("http://127.0.0.1:\(port)/../lectern.yml")
        #expect(outside?.status != 200, "only the course's pages are served")

        // The version the tab was served; the long poll answers "reload" once the page changes.
        let since = try #require(first.firstMatch(of: /since = (\d+)/).map { Int($0.1)! })
        try project.write(Self.lesson("The second draft of the prose."))
        let second = await Self.wait(for: page, seconds: 2) { $0.contains("second draft") }
        #expect(second != nil, "the edit is served within 2 s")
        let poll = await get("http://127.0.0.1:\(port)/__lectern/changes?page=intro.html&since=\(since)")
        #expect(poll?.body.contains("\"reload\":true") == true)

        // A block error shows on the page, located.
        try project.write(Self.lesson("Broken.", block: "y = nosuch(1)"))
        let broken = await Self.wait(for: page, seconds: 10) { $0.contains("Broken.") }
        #expect(broken?.contains("lessons/intro.md:9:5</span> <strong>error:</strong> unknown function") == true)

        // A lesson that does not load gets an error page with file:line:column.
        try project.write("---\ntitle: T\nseeed: 4\n---\n# T\n")
        let failed = await Self.wait(for: page, seconds: 10) { $0.contains("did not load") }
        #expect(failed?.contains("intro.md:3:1: error: unknown front matter key") == true, "\(failed ?? "nothing")")

        // Output of its own in the project (this log) does not keep it busy.
        try await Task.sleep(for: .milliseconds(300))
        let log = try String(contentsOf: preview.log, encoding: .utf8)
        try await Task.sleep(for: .milliseconds(500))
        #expect(try String(contentsOf: preview.log, encoding: .utf8) == log, "quiet when nothing changed")

        preview.process.terminate()  // SIGTERM
        #expect(preview.finish() == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent("output").path)
            .filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func portInUseIsAClearErrorWithStatus2() throws {
        let project = try Project(Self.lesson("Text."))
        let taken = try Listener()
        let preview = try Running(in: project, port: taken.port)
        #expect(preview.finish() == 2)
        #expect(preview.stderr.contains("error: port \(taken.port) is in use on 127.0.0.1; pass --port"), "\(preview.stderr)")
    }

    @Test func sigintWhileIdleExitsZero() async throws {
        let project = try Project(Self.lesson("Text."))
        let port = try Listener.freePort()
        let preview = try Running(in: project, port: port)
        _ = await Self.wait(for: "http://127.0.0.1:\(port)/intro.html", seconds: 60) { $0.contains("Text.") }
        preview.process.interrupt()
        #expect(preview.finish() == 0)
    }

    /// A signal during a render: the first lets it finish, a second abandons
    /// it; either way the status is 0 and no page is left half written.
    @Test(arguments: [1, 2]) func signalDuringARenderLeavesNoPartialPage(signals: Int) async throws {
        let project = try Project(Self.lesson("Slow.", block: "n = len([x * x for x in arange(200000)])"))
        let port = try Listener.freePort()
        let preview = try Running(in: project, port: port)
        try await Task.sleep(for: .milliseconds(300))
        for _ in 0..<signals {
            preview.process.interrupt()
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(preview.finish() == 0)
        let output = project.root.appendingPathComponent("output")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        #expect(!files.contains { $0.contains(".tmp-") }, "\(files)")
        if files.contains("intro.html") {
            let page = try String(contentsOf: output.appendingPathComponent("intro.html"), encoding: .utf8)
            #expect(page.hasSuffix("</html>\n") || page.hasSuffix("</html>"), "a whole page or none")
        }
        if signals == 1 { #expect(files.contains("intro.html"), "the render in progress finished") }
    }
}
