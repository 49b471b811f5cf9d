// swift-tools-version:6.0
import PackageDescription

// The fuzz targets, kept out of the main package so a normal `swift build`
// never compiles them. Build with `make fuzz-build` (see docs/fuzzing.md):
// every module, the library code included, is compiled with
// `-sanitize=fuzzer`, which is what makes the fuzzing coverage-guided.
let package = Package(
    name: "LecternFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Lectern", path: "..")],
    targets: [
        .target(name: "FuzzHarness", dependencies: [
            .product(name: "Lab", package: "Lectern"),
            .product(name: "Notebook", package: "Lectern"),
            .product(name: "NeuralNet", package: "Lectern"),
        ], path: "Entry"),
        .executableTarget(name: "fuzz-lesson", dependencies: ["FuzzHarness"], path: "Targets/lesson"),
        .executableTarget(name: "fuzz-language", dependencies: ["FuzzHarness"], path: "Targets/language"),
        .executableTarget(name: "fuzz-decoders", dependencies: ["FuzzHarness"], path: "Targets/decoders"),
    ]
)
