import Foundation
import Notebook

/// Renders the course the way `lectern render` does and tells the site what
/// changed. Every render is of the whole course: the page cache knows each
/// lesson's bytes and every file it read, so the lessons a save did not touch
/// are cache hits and only the changed one runs its blocks again.
final class Rebuilder {
    let paths: [String]
    let output: URL
    let site: Site
    let pipeline: Pipeline
    let report: (Pipeline.Outcome, URL, Bool) -> Void
    private(set) var lessons: [URL]

    init(paths: [String], output: URL, options: Pipeline.Options, site: Site,
         report: @escaping (Pipeline.Outcome, URL, Bool) -> Void) throws {
        self.paths = paths
        self.output = output
        self.site = site
        self.pipeline = Pipeline(options: options)
        self.report = report
        lessons = try Pipeline.discover(paths)
    }

    /// Renders, writes the pages that changed and index.html, and publishes
    /// them; lessons are found again first, so new and removed ones count.
    /// Reports, and returns true, only for what ran or changed: a save of a
    /// file no lesson reads (a log beside the lessons, say) is all cache hits
    /// and stays quiet, so the preview's own output cannot keep it busy.
    @discardableResult
    func render() throws -> Bool {
        lessons = try Pipeline.discover(paths)
        let indexURL = output.appendingPathComponent("index.html")
        let oldIndex = FileManager.default.contents(atPath: indexURL.path)
        var pages: [String: Site.Page] = [:]
        var changed = Set<String>()
        var news = false
        let before = site.currentVersion
        _ = try pipeline.render(lessons, to: output) { outcome, target, wrote in
            let name = target.lastPathComponent
            let page: Site.Page = outcome.html != nil
                ? .file : .failed(title: outcome.path, diagnostics: outcome.diagnostics.map(\.rendered))
            pages[name] = page
            if wrote { changed.insert(name) }
            // A lesson that fails to load is never cached: it is news only when its errors change.
            if wrote || (outcome.html != nil && !outcome.cached) || site.page(name)?.0 != page {
                news = true
                report(outcome, target, wrote)
            }
        }
        if FileManager.default.contents(atPath: indexURL.path) != oldIndex { changed.insert("index.html") }
        pages["index.html"] = .file
        site.publish(pages: pages, changed: changed)
        return news || site.currentVersion != before
    }

    /// The folders to watch: each lesson's project and the folders named on
    /// the command line (where new lessons appear), none inside another.
    func watchedFolders(projectRoot: URL?) -> [URL] {
        var folders = lessons.map { projectRoot ?? Pipeline.projectRoot(for: $0) }
        for p in paths {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue {
                folders.append(URL(fileURLWithPath: p))
            } else {
                folders.append(URL(fileURLWithPath: p).deletingLastPathComponent())
            }
        }
        let unique = Set(folders.map { $0.standardizedFileURL.path })
        return unique.filter { path in !unique.contains { path != $0 && path.hasPrefix($0 + "/") } }
            .sorted().map { URL(fileURLWithPath: $0) }
    }
}
