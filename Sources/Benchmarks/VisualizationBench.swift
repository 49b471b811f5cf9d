import NeuralNet
import Tensors
import Visualizations

/// The attribution methods at the sizes the lessons use them, on the
/// network they train (random weights: the arithmetic is the same):
/// saliency for a batch of images in one backward pass, and occlusion maps,
/// every occluder position of an image in one forward batch.
public enum VisualizationBench {
    public static let saliencyImages = 256
    public static let occlusionImages = 16
    public static let occluderSize = 6
    public static let occluderStride = 2

    /// Median seconds of `repeats` runs of each, after one warm-up.
    public static func measure(repeats: Int) throws(BenchError) -> BenchReport.Visualization {
        let (net, _) = try BenchNetwork.build(TrainingBench.network)
        let side = 28
        let images: Tensor
        do { images = try Tensor.uniform(shape: [saliencyImages, 1, side, side], seed: 5) } catch {
            throw BenchError("cannot make random benchmark images: \(error)")
        }
        let classes = (0..<saliencyImages).map { $0 % 10 }
        let few = Tensor(shape: [occlusionImages, 1, side, side],
                         scalars: Array(images.scalars.prefix(occlusionImages * side * side)))
        let positions = (side - occluderSize) / occluderStride + 1
        do {
            let saliency = try Stopwatch.median(repeats: repeats) { () throws(NetworkError) in
                _ = try Saliency.maps(net, images: images, classes: classes)
            }
            let occlusion = try Stopwatch.median(repeats: repeats) { () throws(NetworkError) in
                _ = try Occlusion.maps(net, images: few, classes: Array(classes.prefix(occlusionImages)),
                                       size: occluderSize, stride: occluderStride)
            }
            return BenchReport.Visualization(network: TrainingBench.network, runs: max(1, repeats),
                                             saliencyImages: saliencyImages, saliencySeconds: saliency.rounded(places: 4),
                                             occlusionImages: occlusionImages, occlusionPositions: positions * positions,
                                             occluderSize: occluderSize, occluderStride: occluderStride,
                                             occlusionSeconds: occlusion.rounded(places: 4))
        } catch {
            throw BenchError("timing the visualizations failed: \(error.message)")
        }
    }
}
