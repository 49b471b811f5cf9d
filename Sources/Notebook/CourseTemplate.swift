import Foundation

/// What `lectern init` writes: a course with one lesson that renders and
/// passes its check without the data set, and the files a repository of
/// lessons wants. Existing files are never overwritten.
public enum CourseTemplate {
    public struct Conflict: Error, CustomStringConvertible {
        public let paths: [String]
        public var description: String {
            "\(paths.joined(separator: ", ")) already exist\(paths.count == 1 ? "s" : ""); lectern init writes only into a new course"
        }
    }

    /// The files, by path relative to the course folder.
    public static let files: [(path: String, contents: String)] = [
        ("lectern.yml", """
            # The root of a Lectern course: lessons read files only inside this
            # folder, and .lectern-cache/ (memoized results) lives beside this file.
            # title: names the course in every page's title and on the index.
            title: A first course

            """),
        (".gitignore", """
            # Made by lectern render and lectern check; both are rebuilt from the lessons.
            .lectern-cache/
            output/

            """),
        ("lessons/01-first-lesson.md", firstLesson),
    ]

    /// Writes the course into `folder` (made if missing); refuses, before
    /// writing anything, when any of its files is already there.
    public static func create(at folder: URL) throws -> [String] {
        let taken = files.map(\.path).filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        guard taken.isEmpty else { throw Conflict(paths: taken) }
        for (path, contents) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(Array(contents.utf8), to: url)
        }
        return files.map(\.path)
    }

    static let firstLesson = """
        ---
        title: A first lesson
        description: One small network, trained at nine learning rates; every number on this page is computed when the page is built, and checked.
        seed: 1
        ---

        # A first lesson

        This page is a Lectern lesson: Markdown, with *experiment* blocks that
        run when the page is built. Run `lectern preview --open`, edit this
        file, and the page follows as you save; `lectern check` tells you
        whether every number written in the prose still comes out of the
        experiments.

        ## How fast should a network learn?

        The target is a bump and a dip on $[-3, 3]$,
        $f(x) = e^{-2(x-1)^2} - 0.8\\,e^{-3(x+1)^2}$, sampled at 400 points.
        One small network, `INPUT 1 -> FC-16 -> TANH -> FC-1`, is trained on it
        for 100 epochs of Adam at nine learning rates from $10^{-4}$ to 1,
        each time from the same starting weights.

        ```experiment id=sweep
        x = linspace(-3, 3, count=400)
        X = reshape(x, [-1, 1])
        f = exp(-2 * (x - 1)^2) - 0.8 * exp(-3 * (x + 1)^2)
        data = dataset(X, f)
        rates = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1]
        fit = fn(lr) => train(cnn("INPUT 1 -> FC-16 -> TANH -> FC-1", seed=1), data,
                              epochs=100, batch=40, lr=lr, loss="mse", seed=1)
        nets = [fit(lr) for lr in rates]
        loss = tensor([evaluate(net, data).loss for net in nets])
        best = argmin(loss)
        plot(rates, loss, xscale="log", yscale="log", xlabel="learning rate", ylabel="mean squared error",
             title="The error after 100 epochs, at each learning rate",
             caption="Each point is the same network trained for the same 100 epochs; only the learning rate differs.")
        plot(x, stack([f, reshape(predict(nets[best], X), [-1]), reshape(predict(nets[0], X), [-1])]),
             labels=["target", "best rate", "smallest rate"], xlabel="x", ylabel="f(x)",
             title="The best network and the slowest one against the target")
        expect loss[best] < loss[0] / 10
        expect loss[best] < loss[-1]
        ```

        Too small a rate barely moves in 100 epochs: at $10^{-4}$ the error is
        `= loss[0] ~ 0.16 ± 10%`. The error falls as the rate grows, down to
        `= loss[best] ~ 0.00042 ± 10%` at `= rates[best]`, about
        `= loss[0] / loss[best] ~ 370 ± 10%` times smaller; at a rate of 1 the
        steps overshoot and the error is back up to `= loss[-1] ~ 0.0058 ± 10%`.

        Each `~` number above is a *claim*: `lectern check` recomputes it and
        fails when it no longer holds (here within 10%). To write a new one,
        put a placeholder, `` `= loss[3] ~ ?2` ``, and run `lectern check --fix`:
        it writes the computed value to two significant digits. `lectern check
        --show` lists every value the page shows, with its line.

        """
}
