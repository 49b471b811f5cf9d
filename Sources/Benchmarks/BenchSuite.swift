/// How many times each measurement runs. Every figure is a median, taken
/// after a warm-up run that is thrown away.
public struct BenchSettings: Sendable, Equatable {
    public var quick: Bool
    public var gemmRepeats: Int
    public var convRepeats: Int
    public var layerRepeats: Int
    /// Timed training epochs.
    public var trainingRuns: Int
    /// Timed runs of each visualization (saliency, occlusion).
    public var visualizationRepeats: Int
    /// Points of each t-SNE run (one run a size); empty for none.
    public var tsneSizes: [Int]

    public init(quick: Bool, gemmRepeats: Int, convRepeats: Int, layerRepeats: Int, trainingRuns: Int,
                visualizationRepeats: Int = 5, tsneSizes: [Int] = EmbeddingBench.sizes) {
        self.quick = quick
        self.gemmRepeats = gemmRepeats
        self.convRepeats = convRepeats
        self.layerRepeats = layerRepeats
        self.trainingRuns = trainingRuns
        self.visualizationRepeats = visualizationRepeats
        self.tsneSizes = tsneSizes
    }

    /// Under a minute on two cores.
    public static let full = BenchSettings(quick: false, gemmRepeats: 10, convRepeats: 10, layerRepeats: 10, trainingRuns: 3,
                                            visualizationRepeats: 7)
    /// `--quick`: enough to see that everything runs (CI smoke tests), too few for a measurement.
    public static let quick = BenchSettings(quick: true, gemmRepeats: 3, convRepeats: 2, layerRepeats: 2, trainingRuns: 1,
                                             visualizationRepeats: 1)
}

/// Runs every benchmark in turn and gathers the report. Prints nothing:
/// what to show, and where, is the caller's business.
public enum BenchSuite {
    public static func run(_ settings: BenchSettings) throws(BenchError) -> BenchReport {
        // Read before the GEMM benchmark changes the thread count and back.
        let machine = BenchEnvironment.machine()
        let openblas = BenchEnvironment.openBLAS()
        let sgemm = GemmBench.measure(repeats: settings.gemmRepeats)
        var conv: [BenchReport.Conv] = []
        for shape in ConvBench.shapes {
            conv.append(try ConvBench.measure(shape, repeats: settings.convRepeats, sgemmGFLOPS: sgemm.gflops))
        }
        let layers = try TrainingBench.layers(repeats: settings.layerRepeats)
        let visualizations = try VisualizationBench.measure(repeats: settings.visualizationRepeats)
        let tsne = try EmbeddingBench.measure(sizes: settings.tsneSizes)
        let lstm = try LSTMBench.measure(runs: settings.trainingRuns, layerRepeats: settings.layerRepeats,
                                         sgemmGFLOPS: sgemm.gflops)
        // Last: it loads the data set, the largest allocation of the run.
        let training = try TrainingBench.measure(runs: settings.trainingRuns)
        return BenchReport(quick: settings.quick, machine: machine, openblas: openblas, sgemm: sgemm, conv: conv,
                           training: training, layers: layers, visualizations: visualizations,
                           tsne: tsne.isEmpty ? nil : tsne, lstm: lstm, peakMemoryBytes: PeakMemory.bytes)
    }
}
