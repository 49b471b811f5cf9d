import Datasets
import Foundation
import Lab
import Tensors

/// The stages in order, for `render` and `check`: load → parse → collect →
/// execute → (render). `check` is the same without writing pages.
public final class Pipeline {
    public struct Options: Sendable {
        public var unsafe = false
        /// Where lessons may read files and where `.lectern-cache/` lives;
        /// nil finds it from the lessons (see `projectRoot(for:)`).
        public var projectRoot: URL?
        public var useCache = true
        /// The shared second level under `.lectern-cache/` (`--cache-url`); nil: local only.
        public var remote: RemoteCache?
        public init() {}
    }

    /// One lesson's outcome, fresh or from the cache.
    public struct Outcome: Sendable {
        public var path: String
        public var report: LessonReport
        public var html: String?
        public var description: String?
        public var warnings: [String]
        public var diagnostics: [Diagnostic]
        public var cached: Bool
        /// The lesson could not be read or parsed: its page is an error page.
        public var failedToLoad = false
        /// What its figures, tables and equations are labelled, and its
        /// references to labels of other lessons, not yet resolved.
        public var labels: [LabelTarget] = []
        var external: [ProseLinks.External] = []
        /// Whether references to other lessons wait to be resolved (`resolveReferences`).
        public var waitsForCourse: Bool { !external.isEmpty }
    }

    let options: Options
    let builtins: Set<String>
    /// What outside the project changes a page, in its cache key.
    let environment: String

    public convenience init(options: Options = Options()) {
        self.init(options: options, environment: Pipeline.environment())
    }

    init(options: Options, environment: String) {
        self.options = options
        self.builtins = Set(BuiltinRegistry.standard.names)
        self.environment = environment
    }

    /// The data folder (a page made from one folder's files, or from none, is
    /// not the page another folder gives) and how math is typeset.
    static func environment() -> String {
        "data=\(FashionMNIST.defaultDirectory.standardizedFileURL.path)\n" + MathRenderer.availability
    }

    /// Lesson files named by the paths: folders give their `.md` files in name order.
    public static func discover(_ paths: [String]) throws -> [URL] {
        var out: [URL] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                throw PipelineError("no such file or folder: \(p)")
            }
            if isDir.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: p)
                    .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") && $0.lowercased() != "readme.md" }.sorted()
                out += names.map { URL(fileURLWithPath: p).appendingPathComponent($0) }
            } else {
                out.append(URL(fileURLWithPath: p))
            }
        }
        return out
    }

    /// The page each lesson is written to. Pages share one folder, so two
    /// lessons with the same file name, or one named like the index, would
    /// overwrite each other: refused before anything runs.
    public static func pageNames(_ urls: [URL]) throws -> [String] {
        var taken: [String: URL] = [:]
        return try urls.map { url in
            let name = url.deletingPathExtension().lastPathComponent + ".html"
            if name == "index.html" {
                throw PipelineError("\(displayPath(url)) would be written as index.html, which is the course index; rename the lesson")
            }
            if let other = taken[name] {
                throw PipelineError("\(displayPath(other)) and \(displayPath(url)) would both be written as \(name); rename one of them")
            }
            taken[name] = url
            return name
        }
    }

    /// The project a lesson belongs to: the nearest folder above it with a
    /// `lectern.yml` or `.git`; else the parent of a `lessons/` folder; else
    /// the lesson's own folder.
    public static func projectRoot(for lesson: URL) -> URL {
        let start = lesson.standardizedFileURL.deletingLastPathComponent()
        var dir = start
        while true {
            for marker in ["lectern.yml", ".git"] where FileManager.default.fileExists(atPath: dir.appendingPathComponent(marker).path) {
                return dir
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return start.lastPathComponent == "lessons" ? start.deletingLastPathComponent() : start
    }

    public static func relative(_ url: URL) -> String { displayPath(url) }

    /// A lesson's path as its report names it: relative to its project.
    public static func reportPath(_ url: URL, root: URL?) -> String {
        displayPath(url, root: root ?? projectRoot(for: url))
    }

    /// A lesson's path in diagnostics and on its page: relative to the
    /// project, so a page neither depends on nor reveals where the project
    /// sits on disk.
    static func displayPath(_ url: URL, root: URL) -> String {
        let p = url.standardizedFileURL.path
        let r = root.standardizedFileURL.path
        let prefix = r.hasSuffix("/") ? r : r + "/"
        return p.hasPrefix(prefix) ? String(p.dropFirst(prefix.count)) : displayPath(url)
    }

    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let p = url.standardizedFileURL.path
        return p.hasPrefix(cwd + "/") ? String(p.dropFirst(cwd.count + 1)) : p
    }

    /// Everything besides the lesson's bytes that made its page: the options,
    /// the environment, and the memory budget (which can decide whether a
    /// lesson runs at all).
    func pageKey(_ source: LessonSource) -> String {
        PageCache.key(source: source, options: (options.unsafe ? "unsafe" : "safe") + "\n" + pageContext)
    }

    /// The environment and the memory budget, which blocks' keys share.
    var pageContext: String { environment + "\nmemory=\(MemoryBudget.limit)" }

    /// Runs one lesson; `render` also builds its HTML article.
    public func run(_ url: URL, render: Bool) -> Outcome {
        let root = options.projectRoot ?? Pipeline.projectRoot(for: url)
        let path = Pipeline.displayPath(url, root: root)
        let cache = pageCache(root: root)
        let source: LessonSource
        do { source = try load(url, path: path, root: root) } catch { return failed(url, path, error) }
        let key = pageKey(source)
        if let (entry, origin) = cache?.lookupWithOrigin(path: path, key: key), !render || entry.html != nil {
            return Outcome(path: path, report: entry.report.served(from: origin), html: entry.html,
                           description: source.frontMatter.description,
                           warnings: entry.warnings, diagnostics: entry.diagnostics ?? [], cached: true,
                           labels: entry.labels ?? [], external: entry.external ?? [])
        }
        let parsed: ParsedLesson
        do { parsed = try ParseStage().run(source) } catch { return failed(url, path, error) }
        Activity.shared.begin(lesson: path)
        let (tree, cells) = CollectStage(source: source).run(parsed.tree)
        var stage = ExecuteStage(projectRoot: root, cache: cache)
        stage.blocks = cache.map { BlockStore(directory: $0.directory.appendingPathComponent("blocks"), remote: $0.remote) }
        stage.context = pageContext
        var lesson = stage.run(source, parsed: parsed, tree: tree, cells: cells)
        // Labels and citations need the blocks' outputs (restored or fresh) and the bibliography.
        let (bibliography, bibliographyErrors, bibliographyFiles) = Bibliography.load(for: source, root: root)
        lesson.diagnostics += bibliographyErrors
        ReferenceStage(bibliography: bibliography).run(&lesson)
        var warnings: [Diagnostic] = []
        var html: String?
        var inputs = lesson.inputs + bibliographyFiles
        if render {
            let math = MathRenderer.render(lesson.formulas, file: path)
            let stage = RenderStage(unsafe: options.unsafe, builtins: builtins, projectRoot: root)
            let (article, w, embedded) = stage.run(lesson, math: math.html)
            warnings = math.warnings + w
            html = article
            inputs += embedded
        }
        var report = LessonReport(lesson)
        if let cache { report.cache?.memos = cache.tally.use.memos }
        let errors = lesson.blocks.flatMap(\.run.diagnostics) + lesson.inlines.filter { $0.claim == nil }.compactMap(\.diagnostic)
            + lesson.diagnostics.filter { $0.severity == .error }
        let labels = lesson.prose.labels.targets, external = lesson.prose.external
        // `render` says what `check` says of figures without a caption, in the same WARN lines.
        let said = warnings.map(\.rendered) + (render ? report.warningLines : [])
        cache?.store(path: path, entry: .init(key: key, inputs: PageCache.hashes(of: inputs), html: html,
                                                report: report, warnings: said,
                                                diagnostics: errors, labels: labels, external: external))
        return Outcome(path: path, report: report, html: html, description: source.frontMatter.description,
                       warnings: said, diagnostics: errors, cached: false,
                       labels: labels, external: external)
    }

    /// The lesson's cache: one per lesson run, so its tally is the lesson's.
    func pageCache(root: URL) -> PageCache? {
        options.useCache ? PageCache(directory: root.appendingPathComponent(".lectern-cache"), remote: options.remote) : nil
    }

    /// Reads a lesson as a project file: one that is, or links to, a file
    /// outside the project is refused, as any other file a lesson reads would be.
    private func load(_ url: URL, path: String, root: URL) throws(Diagnostic) -> LessonSource {
        if ProjectFiles(root: root).inside(url) == nil {
            let link = url.standardizedFileURL.path.hasPrefix(root.standardizedFileURL.path + "/")
            throw Diagnostic(file: path, location: SourceLocation(line: 1, column: 1),
                             message: link ? "the lesson is a symbolic link to a file outside the project; lessons must be files inside it"
                                           : "the lesson is outside the project; lessons must be files inside it")
        }
        do { return try LessonSource.load(url: url, displayPath: path) } catch {
            throw error as? Diagnostic ?? Diagnostic(file: path, location: SourceLocation(line: 1, column: 1), message: "\(error)")
        }
    }

    /// A lesson that never reached the stages: titled by its file name, so
    /// its error page and index entry still say which lesson it is.
    private func failed(_ url: URL, _ path: String, _ d: Diagnostic) -> Outcome {
        let title = url.deletingPathExtension().lastPathComponent
        return Outcome(path: path, report: LessonReport(failedToLoad: path, title: title, d), html: nil, description: nil,
                       warnings: [], diagnostics: [d], cached: false, failedToLoad: true)
    }

    /// Renders lessons into `out`: one page each plus `index.html`.
    public func render(_ urls: [URL], to out: URL, jobs: Int = 1,
                       progress: (Outcome, URL, Bool) -> Void) throws -> [Outcome] {
        try render(urls, to: out, jobs: jobs, runner: { run($0, render: true) }, progress: progress)
    }

    /// Runs `work` on each item with up to `jobs` at a time, handing each
    /// result to `done` (one at a time, as each finishes); the results come
    /// back in the items' order. Lessons share nothing but the caches, whose
    /// entries are written atomically and computed once under a lock.
    public static func concurrently<T, R>(_ items: [T], jobs: Int, _ work: (T) -> R, done: (Int, R) -> Void) -> [R] {
        guard jobs > 1, items.count > 1 else {
            return items.enumerated().map { i, item in let r = work(item); done(i, r); return r }
        }
        return withoutActuallyEscaping(work) { work in
            withoutActuallyEscaping(done) { done in
                let queue = WorkQueue(items, work: work, done: done)
                DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in queue.drain() }
                return queue.results.map { $0! }
            }
        }
    }

    /// The course a set of lessons belongs to: every lesson in their
    /// folders, in file-name order, so rendering one lesson keeps the index
    /// and every page's neighbours whole.
    public static func course(of urls: [URL]) -> [URL] {
        var folders: [String] = []
        for u in urls {
            let f = u.standardizedFileURL.deletingLastPathComponent().path
            if !folders.contains(f) { folders.append(f) }
        }
        var out: [URL] = []
        for f in folders {
            for u in (try? discover([f])) ?? [] where !out.contains(where: { $0.standardizedFileURL == u.standardizedFileURL }) {
                out.append(u)
            }
        }
        for u in urls where !out.contains(where: { $0.standardizedFileURL == u.standardizedFileURL }) { out.append(u) }
        return out
    }

    /// Each page is written as soon as its lesson has run, so a run that
    /// dies later keeps the pages it finished; the pager's links need the
    /// neighbours' titles before they run, so those are read up front. The
    /// index lists the whole course: a lesson this run did not render shows
    /// the tally its cached page has, if the cache holds this code's page.
    func render(_ urls: [URL], to out: URL, jobs: Int = 1, runner: (URL) -> Outcome,
                progress: (Outcome, URL, Bool) -> Void) throws -> [Outcome] {
        let course = Pipeline.course(of: urls)
        let names = try Pipeline.pageNames(course)
        let titles = course.map(title(of:))
        let site = self.site(course, titles: titles, names: names)
        let running = Set(urls.map(\.standardizedFileURL))
        let run = course.indices.filter { running.contains(course[$0].standardizedFileURL) }
        var failure: Error?
        func write(_ o: Outcome, _ i: Int) {
            let target = out.appendingPathComponent(names[i])
            // A lesson that did not load still gets a page: the index links to
            // it, and an older page must not stay behind looking current.
            let article = o.html ?? Pipeline.errorArticle(title: o.report.title, o.diagnostics)
            let page = PageTemplate.page(
                title: o.report.title, description: o.description, article: article, tally: o.report.tally,
                course: site, position: i)
            do { progress(o, target, try AtomicFile.writeIfChanged(Array(page.utf8), to: target)) } catch { failure = failure ?? error }
        }
        // A page that refers to another lesson's labels waits until every
        // lesson has run, so the numbers it shows are this run's.
        var outcomes = Pipeline.concurrently(run, jobs: jobs, { runner(course[$0]) }) { k, o in
            if !o.waitsForCourse { write(o, run[k]) }
        }
        let waiting = outcomes.indices.filter { outcomes[$0].waitsForCourse }
        outcomes = resolveReferences(outcomes, of: run.map { course[$0] }, course: course)
        for k in waiting { write(outcomes[k], run[k]) }
        if let failure { throw failure }
        var entries: [IndexPage.Entry] = []
        for (i, url) in course.enumerated() {
            if let k = run.firstIndex(of: i) {
                let o = outcomes[k]
                entries.append(.init(title: o.report.title, href: names[i], description: o.description, tally: o.report.tally))
            } else {
                let cached = cachedOutcome(url)
                entries.append(.init(title: titles[i], href: names[i], description: cached?.description, tally: cached?.report.tally))
            }
        }
        try AtomicFile.writeIfChanged(Array(IndexPage.html(entries, course: site).utf8), to: out.appendingPathComponent("index.html"))
        return outcomes
    }

    /// `outcomes` of `urls` (as `run` gave them) with their references to
    /// other lessons' labels resolved against the course (`course`: every
    /// lesson beside them, by default): a link, or an error in the report.
    public func resolveReferences(_ outcomes: [Outcome], of urls: [URL], course: [URL]? = nil) -> [Outcome] {
        guard outcomes.contains(where: \.waitsForCourse) else { return outcomes }
        var ran: [String: Outcome] = [:]
        for o in outcomes { ran[o.path] = o }
        let wanted = Set(outcomes.flatMap { $0.external.map(\.label) })
        let labels = courseLabels(course ?? Pipeline.course(of: urls), ran: ran, wanted: wanted)
        return outcomes.map(labels.finish)
    }

    /// Every lesson's labels: from this run, else from the lesson's cached
    /// run, else, for a lesson whose source mentions a wanted label, from
    /// running it (its blocks are mostly restored from their snapshots).
    func courseLabels(_ course: [URL], ran: [String: Outcome], wanted: Set<String>) -> CourseLabels {
        let names = (try? Pipeline.pageNames(course)) ?? course.map { $0.deletingPathExtension().lastPathComponent + ".html" }
        var lessons: [CourseLabels.Lesson] = []
        for (i, url) in course.enumerated() {
            let root = options.projectRoot ?? Pipeline.projectRoot(for: url)
            let path = Pipeline.displayPath(url, root: root)
            var targets: [LabelTarget] = []
            if let o = ran[path] {
                targets = o.labels
            } else if let cached = cachedLabels(url) {
                targets = cached
            } else if let text = try? String(contentsOf: url, encoding: .utf8), wanted.contains(where: text.contains) {
                targets = run(url, render: false).labels
            }
            lessons.append(.init(path: path, page: names[i], number: CourseLabels.number(of: url, position: i), targets: targets))
        }
        return CourseLabels(lessons: lessons)
    }

    /// A lesson's labels from its cached run (a page or a check), if current.
    func cachedLabels(_ url: URL) -> [LabelTarget]? {
        guard options.useCache else { return nil }
        let root = options.projectRoot ?? Pipeline.projectRoot(for: url)
        let path = Pipeline.displayPath(url, root: root)
        guard let source = try? load(url, path: path, root: root),
              let entry = PageCache(directory: root.appendingPathComponent(".lectern-cache")).lookup(path: path, key: pageKey(source))
        else { return nil }
        return entry.labels
    }

    /// The course every page shows around its lesson: the name from the
    /// project's `lectern.yml`, the introduction from the first lessons
    /// folder's `README.md`, and every lesson's title and page.
    func site(_ course: [URL], titles: [String], names: [String]) -> Course {
        guard let first = course.first else { return Course() }
        let root = options.projectRoot ?? Pipeline.projectRoot(for: first)
        var site = Course(title: Course.title(root: root),
                          introduction: Course.introduction(folder: first.standardizedFileURL.deletingLastPathComponent()),
                          lessons: zip(titles, names).map { PageTemplate.Link(title: $0, href: $1) })
        site.search = course.indices.map { i in
            let source = try? load(course[i], path: Pipeline.displayPath(course[i], root: root), root: root)
            let parsed = source.flatMap { try? ParseStage().run($0) }
            return SearchIndex.Entry(title: titles[i], href: names[i], description: source?.frontMatter.description,
                                     headings: parsed.map(SearchIndex.headings) ?? [])
        }
        return site
    }

    /// A lesson's outcome from the page cache alone, without running it.
    func cachedOutcome(_ url: URL) -> Outcome? {
        guard options.useCache else { return nil }
        let root = options.projectRoot ?? Pipeline.projectRoot(for: url)
        let path = Pipeline.displayPath(url, root: root)
        guard let source = try? load(url, path: path, root: root),
              let (entry, origin) = pageCache(root: root)?.lookupWithOrigin(path: path, key: pageKey(source)),
              entry.html != nil else { return nil }
        return Outcome(path: path, report: entry.report.served(from: origin), html: entry.html, description: source.frontMatter.description,
                       warnings: entry.warnings, diagnostics: entry.diagnostics ?? [], cached: true)
    }

    /// The title `run` will give a lesson, without running it: front matter,
    /// else the first heading, else the file name.
    func title(of url: URL) -> String {
        let root = options.projectRoot ?? Pipeline.projectRoot(for: url)
        guard let source = try? load(url, path: Pipeline.displayPath(url, root: root), root: root) else {
            return url.deletingPathExtension().lastPathComponent
        }
        if let t = source.frontMatter.title { return t }
        return (try? ParseStage().run(source).title) ?? url.deletingPathExtension().lastPathComponent
    }

    /// `render`'s exit status, the same as `check`'s: 1 when a block failed,
    /// a claim did not reproduce or a lesson did not load, else 0.
    public static func exitStatus(_ outcomes: [Outcome]) -> Int32 {
        outcomes.allSatisfy(\.report.tally.isGreen) ? 0 : 1
    }

    static func errorArticle(title: String, _ diagnostics: [Diagnostic]) -> String {
        "<h1 id=\"\(HTML.slug(title))\">\(HTML.escape(title))</h1>\n"
            + "<p>This lesson could not be rendered.</p>\n"
            + diagnostics.map(CellHTML.errorBox).joined()
    }
}

public struct PipelineError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

/// The items of `Pipeline.concurrently`, handed out one at a time under a
/// lock; `done` runs under the same lock, so it needs no locking of its own.
private final class WorkQueue<T, R>: @unchecked Sendable {
    // @unchecked: `next` and `results` are only touched while `lock` is held.
    private let lock = NSLock()
    private let items: [T]
    private let work: (T) -> R
    private let done: (Int, R) -> Void
    private var next = 0
    var results: [R?]

    init(_ items: [T], work: @escaping (T) -> R, done: @escaping (Int, R) -> Void) {
        self.items = items
        self.work = work
        self.done = done
        results = Array(repeating: nil, count: items.count)
    }

    func drain() {
        while true {
            let i: Int? = lock.withLock {
                guard next < items.count else { return nil }
                defer { next += 1 }
                return next
            }
            guard let i else { return }
            let r = work(items[i])
            lock.withLock {
                results[i] = r
                done(i, r)
            }
        }
    }
}
