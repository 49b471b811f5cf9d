// swift-tools-version:6.0
import PackageDescription

// Module layering follows DESIGN.md: an arrow only points down.
let package = Package(
    name: "Lectern",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lectern", targets: ["lectern"]),
        // For the fuzz package in Fuzz/, which builds them with coverage instrumentation.
        .library(name: "Lab", targets: ["Lab"]),
        .library(name: "Notebook", targets: ["Notebook"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        // `lectern preview`'s HTTP server: no dependencies of its own, so a cold build pays about a minute.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // LAPACK's C interface; Debian's liblapack.so.3 is OpenBLAS's own LAPACK.
        .systemLibrary(name: "CLAPACK", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "Tensors", dependencies: ["CBLAS", "CLAPACK"]),
        .target(name: "NeuralNet", dependencies: ["Tensors", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Datasets", dependencies: ["Tensors", "CZlib", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Visualizations", dependencies: ["NeuralNet", "Tensors"]),
        .target(name: "Embedding", dependencies: ["Tensors"]),
        .target(name: "Benchmarks", dependencies: ["Tensors", "NeuralNet", "Datasets", "Visualizations", "Embedding"]),
        .target(name: "Figures", dependencies: ["Tensors", "CPNG"]),
        .target(name: "Lab", dependencies: ["Tensors", "NeuralNet", "Datasets", "Visualizations", "Embedding", "Figures",
                                           .product(name: "Crypto", package: "swift-crypto")],
                plugins: ["EngineFingerprint"]),
        // The memo keys' engine fingerprint: hashes of the sources that compute results, made at build time.
        .plugin(name: "EngineFingerprint", capability: .buildTool()),
        .target(name: "Notebook", dependencies: [
            "Lab", "Datasets", "CCmark", "Figures",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], plugins: ["EngineFingerprint"]),
        // The preview server: Notebook never sees the server library.
        .target(name: "Preview", dependencies: [
            "Notebook",
            .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        .executableTarget(name: "lectern", dependencies: [
            "Notebook", "Preview", "Lab", "Benchmarks", "Tensors",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets"]),
        .testTarget(name: "VisualizationsTests", dependencies: ["Visualizations"]),
        .testTarget(name: "EmbeddingTests", dependencies: ["Embedding"]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures"], resources: [.copy("Golden")]),
        .testTarget(name: "LabTests", dependencies: ["Lab", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Datasets", "Lab", "NeuralNet"], resources: [.copy("Golden"), .copy("Conformance")]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview"]),
    ]
)
