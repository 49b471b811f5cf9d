import ArgumentParser
import Foundation
import Notebook

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a course: lectern.yml, a first lesson that renders, and a .gitignore.",
        discussion: "Nothing is overwritten: if any of the files exists, nothing is written and the exit status is 2.")

    @Argument(help: "The course folder (made if missing).")
    var folder: String = "."

    func run() throws {
        let url = URL(fileURLWithPath: folder)
        let written: [String]
        do { written = try CourseTemplate.create(at: url) } catch let e as CourseTemplate.Conflict {
            throw ValidationError(e.description)
        }
        for path in written { print("wrote \(folder == "." ? path : (folder as NSString).appendingPathComponent(path))") }
        let cd = folder == "." ? "" : "cd \(folder) && "
        print("next: \(cd)lectern preview --open   (or lectern render, lectern check)")
    }
}
