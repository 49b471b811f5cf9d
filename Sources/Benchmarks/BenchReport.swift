import Foundation

/// What `lectern bench` measured, as it is written to JSON.
///
/// The keys are spelled out (snake_case) rather than derived from the
/// property names, so renaming a property never silently renames a key that
/// scripts comparing runs depend on. Times are medians; rates derive from them.
public struct BenchReport: Codable, Sendable, Equatable {
    /// Whether the run used `--quick`'s few repeats (a smoke test, not a measurement).
    public var quick: Bool
    public var machine: Machine
    public var openblas: OpenBLAS
    public var sgemm: Gemm
    public var conv: [Conv]
    /// Absent when the run did not train.
    public var training: Training?
    /// One epoch of an LSTM classifier; absent when not run.
    public var lstm: LSTM?
    /// The reference network's layers at the training batch size.
    public var layers: [Layer]
    /// Saliency and occlusion on the reference network; absent when not run.
    public var visualizations: Visualization?
    /// t-SNE of Fashion-MNIST test images, one entry a size; absent when not run.
    public var tsne: [TSNERun]?
    public var peakMemoryBytes: Int

    public init(quick: Bool, machine: Machine, openblas: OpenBLAS, sgemm: Gemm, conv: [Conv] = [],
                training: Training? = nil, layers: [Layer] = [], visualizations: Visualization? = nil,
                tsne: [TSNERun]? = nil, lstm: LSTM? = nil, peakMemoryBytes: Int) {
        self.quick = quick
        self.machine = machine
        self.openblas = openblas
        self.sgemm = sgemm
        self.conv = conv
        self.training = training
        self.layers = layers
        self.visualizations = visualizations
        self.tsne = tsne
        self.lstm = lstm
        self.peakMemoryBytes = peakMemoryBytes
    }

    enum CodingKeys: String, CodingKey {
        case quick, machine, openblas, conv, training, layers, visualizations, tsne, lstm
        case sgemm = "sgemm_1024"
        case peakMemoryBytes = "peak_memory_bytes"
    }

    /// The report as indented JSON. Keys are sorted: Foundation on Linux
    /// does not keep their declaration order, and two runs should diff cleanly.
    public func json() throws(BenchError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { return try encoder.encode(self) } catch {
            throw BenchError("cannot encode the benchmark report as JSON: \(error)")
        }
    }
}

extension BenchReport {
    public struct Machine: Codable, Sendable, Equatable {
        public var cpuCount: Int
        /// /proc/cpuinfo's "model name" ("unknown" where there is none).
        public var cpuModel: String

        enum CodingKeys: String, CodingKey {
            case cpuCount = "cpu_count", cpuModel = "cpu_model"
        }
    }

    public struct OpenBLAS: Codable, Sendable, Equatable {
        /// The kernels in use (`SkylakeX`, `Haswell`, `Prescott`...).
        public var core: String
        /// `lectern` (it re-executed with OPENBLAS_CORETYPE), `user` (the
        /// variable was set before Lectern started) or `openblas` (its own detection).
        public var chosenBy: String
        /// What OpenBLAS detected before Lectern overrode it; only for `lectern`.
        public var detectedCore: String?
        /// OpenBLAS's worker threads at the start of the run.
        public var threads: Int

        enum CodingKeys: String, CodingKey {
            case core, threads
            case chosenBy = "chosen_by", detectedCore = "detected_core"
        }
    }

    /// Single-precision GEMM at 1024×1024×1024: the ceiling the convolutions are measured against.
    public struct Gemm: Codable, Sendable, Equatable {
        public var gflops: Double
        /// The thread count `gflops` ran with (OpenBLAS's default).
        public var threads: Int
        public var gflops1Thread: Double

        enum CodingKeys: String, CodingKey {
            case gflops, threads
            case gflops1Thread = "gflops_1_thread"
        }
    }

    /// One 3×3 convolution layer (stride 1, padding 1) over a batch.
    public struct Conv: Codable, Sendable, Equatable {
        /// `64x1x28x28 -> 32`: the input batch (N×C×H×W) and the filters.
        public var shape: String
        public var forwardMs: Double
        /// Weight, bias and input gradients.
        public var backwardMs: Double
        public var forwardGflops: Double
        public var forwardBackwardGflops: Double
        /// The GFLOP/s above over `sgemm_1024.gflops`.
        public var forwardFractionOfSgemm: Double
        public var forwardBackwardFractionOfSgemm: Double

        enum CodingKeys: String, CodingKey {
            case shape
            case forwardMs = "forward_ms", backwardMs = "backward_ms"
            case forwardGflops = "forward_gflops", forwardBackwardGflops = "forward_backward_gflops"
            case forwardFractionOfSgemm = "forward_fraction_of_sgemm"
            case forwardBackwardFractionOfSgemm = "forward_backward_fraction_of_sgemm"
        }
    }

    /// One epoch of `Network.trained` on the reference network.
    public struct Training: Codable, Sendable, Equatable {
        public var network: String
        /// `fashion-mnist`, or `random` when the data set is missing.
        public var data: String
        /// Why the data is random, when it is.
        public var dataNote: String?
        public var images: Int
        public var batch: Int
        public var optimizer: String
        public var learningRate: Double
        /// Epochs timed; the figures below are their median.
        public var runs: Int
        public var secondsPerEpoch: Double
        public var imagesPerSecond: Double

        enum CodingKeys: String, CodingKey {
            case network, data, images, batch, optimizer, runs
            case dataNote = "data_note", learningRate = "learning_rate"
            case secondsPerEpoch = "seconds_per_epoch", imagesPerSecond = "images_per_second"
        }
    }

    /// One epoch of `Network.trained` on `LSTMBench.network`, and its LSTM
    /// layer's GEMM FLOPs over the layer's forward and backward time.
    public struct LSTM: Codable, Sendable, Equatable {
        public var network: String
        public var batch: Int
        public var sequences: Int
        public var optimizer: String
        public var runs: Int
        public var secondsPerEpoch: Double
        public var sequencesPerSecond: Double
        public var layerForwardMs: Double
        public var layerBackwardMs: Double
        /// GEMM FLOPs over the whole layer's time (gates and cell included).
        public var layerGflops: Double
        public var fractionOfSgemm: Double

        enum CodingKeys: String, CodingKey {
            case network, batch, sequences, optimizer, runs
            case secondsPerEpoch = "seconds_per_epoch", sequencesPerSecond = "sequences_per_second"
            case layerForwardMs = "layer_forward_ms", layerBackwardMs = "layer_backward_ms"
            case layerGflops = "layer_gflops", fractionOfSgemm = "fraction_of_sgemm"
        }
    }

    /// One layer of the reference network: where a training step's time goes.
    public struct Layer: Codable, Sendable, Equatable {
        /// `conv1`, `relu1`, ...
        public var name: String
        /// The layer's token (`CONV3-32`).
        public var layer: String
        public var forwardMs: Double
        public var backwardMs: Double

        enum CodingKeys: String, CodingKey {
            case name, layer
            case forwardMs = "forward_ms", backwardMs = "backward_ms"
        }
    }
}

extension BenchReport {
    /// Saliency and occlusion as a lesson runs them, on the training network.
    public struct Visualization: Codable, Sendable, Equatable {
        public var network: String
        /// Runs timed; the seconds are their median.
        public var runs: Int
        /// Saliency maps of this many images, in one backward pass.
        public var saliencyImages: Int
        public var saliencySeconds: Double
        /// Occlusion maps of this many images, each image's positions in one batch.
        public var occlusionImages: Int
        /// Occluder positions per image.
        public var occlusionPositions: Int
        public var occluderSize: Int
        public var occluderStride: Int
        public var occlusionSeconds: Double

        public init(network: String, runs: Int, saliencyImages: Int, saliencySeconds: Double, occlusionImages: Int,
                    occlusionPositions: Int, occluderSize: Int, occluderStride: Int, occlusionSeconds: Double) {
            self.network = network
            self.runs = runs
            self.saliencyImages = saliencyImages
            self.saliencySeconds = saliencySeconds
            self.occlusionImages = occlusionImages
            self.occlusionPositions = occlusionPositions
            self.occluderSize = occluderSize
            self.occluderStride = occluderStride
            self.occlusionSeconds = occlusionSeconds
        }

        enum CodingKeys: String, CodingKey {
            case network, runs
            case saliencyImages = "saliency_images", saliencySeconds = "saliency_seconds"
            case occlusionImages = "occlusion_images", occlusionPositions = "occlusion_positions"
            case occluderSize = "occluder_size", occluderStride = "occluder_stride"
            case occlusionSeconds = "occlusion_seconds"
        }
    }
}

extension Double {
    /// Rounded to `places` decimals, so the JSON shows the digits that mean
    /// something (timings on a shared machine do not have twelve).
    func rounded(places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
