import NeuralNet
import Tensors

/// Occlusion without recomputing what the occluder cannot reach.
///
/// A network's convolution and pooling layers, up to its first FC or
/// SOFTMAX (its trunk), are local: covering a square changes each layer's
/// output only inside a window that grows with the receptive field (8×8 of
/// conv1's 28×28 maps for a 6×6 square, 7×7 of conv2's 14×14). So each
/// window layer, with the element-wise layers after it, runs as a small
/// network of its own on crops: the new values inside the previous stage's
/// window, the unoccluded image's values around them, and zeros where the
/// crop leaves the map (the layer's padding, made explicit). The rest of
/// the network then runs on the trunk's output with the last window patched
/// in. Each stage is one batched `forward` over every position of every
/// image. The result is what occluding whole images gives, for about a
/// third of the multiply-adds on the lessons' network (1.3 of 4.2 million
/// a position).
///
/// Legend: B = images × positions; a window is (B, C, h, w) values with a
/// top-left corner per position, inside its map.
struct OcclusionPlan {
    struct Stage {
        /// The stage's layers on a crop, padding 0.
        let network: Network
        let first: Int
        /// (C, H, W) of the map the stage reads, and of the map it writes.
        let input: [Int], output: [Int]
        let stride: Int, padding: Int
        let window: (h: Int, w: Int)
        let crop: (h: Int, w: Int)
        let starts: [(y: Int, x: Int)]
    }

    struct Window {
        var values: [Float]
        let channels: Int, h: Int, w: Int
        let starts: [(y: Int, x: Int)]
    }

    let stages: [Stage]
    /// The layers after the trunk; nil when the trunk is the whole network.
    let head: Network?
    let trunkEnd: Int
    let occluder: Int
    let occluderStarts: [(y: Int, x: Int)]

    /// nil when the network has no trunk to save work in (its first layer is
    /// an FC layer): then whole occluded images are the only way.
    init?(_ network: Network, size: Int, stride: Int, rows: Int, columns: Int) {
        let layers = network.description.layers
        var end = -1
        while end + 1 < layers.count, Self.isLocal(layers[end + 1].kind) { end += 1 }
        guard end >= 0 else { return nil }
        occluder = size
        occluderStarts = (0..<(rows * columns)).map { ($0 / columns * stride, $0 % columns * stride) }
        var previous = (h: size, w: size, starts: occluderStarts)
        var stages: [Stage] = []
        var i = 0
        while i <= end {
            var j = i + 1
            while j <= end, Self.window(layers[j].kind) == nil { j += 1 }
            let window = Self.window(layers[i].kind) ?? (kernel: 1, stride: 1, padding: 0)
            let input = network.outputShape(ofLayer: i - 1), output = network.outputShape(ofLayer: j - 1)
            let rowsAt = Self.windows(previous.starts.map(\.y), size: previous.h, window, extent: output[1])
            let colsAt = Self.windows(previous.starts.map(\.x), size: previous.w, window, extent: output[2])
            let crop = ((rowsAt.size - 1) * window.stride + window.kernel,
                        (colsAt.size - 1) * window.stride + window.kernel)
            var tokens = layers[i..<j].map(\.kind.token)
            if case let .conv(k, f, s, _) = layers[i].kind {
                tokens[0] = LayerKind.conv(kernel: k, filters: f, stride: s, padding: 0).token
            }
            guard let part = Self.network("INPUT \(crop.0)x\(crop.1)x\(input[0]) -> " + tokens.joined(separator: " -> "),
                                          from: network, layers: i..<j) else { return nil }
            let starts = Array(zip(rowsAt.starts, colsAt.starts))
            stages.append(Stage(network: part, first: i, input: input, output: output, stride: window.stride,
                                padding: window.padding, window: (rowsAt.size, colsAt.size), crop: crop, starts: starts))
            previous = (rowsAt.size, colsAt.size, starts)
            i = j
        }
        if end + 1 < layers.count {
            let shape = network.outputShape(ofLayer: end)
            let text = "INPUT \(shape[1])x\(shape[2])x\(shape[0]) -> "
                + layers[(end + 1)...].map(\.kind.token).joined(separator: " -> ")
            guard let head = Self.network(text, from: network, layers: (end + 1)..<layers.count) else { return nil }
            self.head = head
        } else {
            head = nil
        }
        self.stages = stages
        trunkEnd = end
    }

    /// Layers whose output at a position depends only on a neighbourhood of it.
    static func isLocal(_ kind: LayerKind) -> Bool {
        switch kind {
        case .conv, .maxPool, .avgPool, .relu, .tanh, .sigmoid, .dropout, .lrn: true
        case .fc, .softmax, .rnn, .lstm, .last: false
        }
    }

    /// Kernel, stride and padding of a layer that slides a window over its input.
    static func window(_ kind: LayerKind) -> (kernel: Int, stride: Int, padding: Int)? {
        switch kind {
        case let .conv(k, _, s, p): (k, s, p)
        case let .maxPool(k, s), let .avgPool(k, s): (k, s, 0)
        default: nil
        }
    }

    /// For each position's changed span [a, a + size) of a layer's input, the
    /// outputs that read it: o·s − p ≤ a + size − 1 and o·s − p + k − 1 ≥ a.
    /// Every position gets a window of the largest span's length, moved to
    /// lie inside the map: extra outputs are computed, never wrong.
    static func windows(_ starts: [Int], size: Int, _ w: (kernel: Int, stride: Int, padding: Int),
                        extent: Int) -> (size: Int, starts: [Int]) {
        func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
        let spans = starts.map { a in
            (max(0, -floorDiv(-(a + w.padding - w.kernel + 1), w.stride)),
             min(extent - 1, floorDiv(a + size - 1 + w.padding, w.stride)))
        }
        let length = min(extent, max(1, spans.map { $0.1 - $0.0 + 1 }.max() ?? 1))
        return (length, spans.map { min($0.0, extent - length) })
    }

    /// Layers `range` of `network` as a network of their own reading `text`'s input.
    static func network(_ text: String, from network: Network, layers range: Range<Int>) -> Network? {
        guard let description = try? NetworkDescription.parse(text) else { return nil }
        let lo = network.parameterRange(ofLayer: range.lowerBound).lowerBound
        let hi = network.parameterRange(ofLayer: range.upperBound - 1).upperBound
        return try? Network(description, parameters: Array(network.parameters[lo..<hi]))
    }

    /// Values per occluder position the largest stage holds, for sizing batches.
    var valuesPerPosition: Int {
        let crops = stages.map { $0.input[0] * $0.crop.h * $0.crop.w }.max() ?? 0
        return max(crops, (stages.last?.output.reduce(1, *)) ?? 0)
    }

    /// The network's last-layer outputs for images x (G, C, H, W) occluded
    /// at every position: (G · positions, outputs), position-major per image.
    func outputs(_ network: Network, images x: Tensor, fill: Float) throws(NetworkError) -> [Float] {
        let (count, channels) = (x.shape[0], x.shape[1])
        let b = count * occluderStarts.count
        var previous = Window(values: [Float](repeating: fill, count: b * channels * occluder * occluder),
                              channels: channels, h: occluder, w: occluder, starts: occluderStarts)
        for stage in stages {
            let base = stage.first == 0 ? x : try network.forward(x, through: stage.first - 1)
            let crops = crop(base, previous, stage)
            let out = try stage.network.forward(crops)
            previous = Window(values: out.scalars, channels: stage.output[0], h: stage.window.h, w: stage.window.w,
                              starts: stage.starts)
        }
        let trunk = try network.forward(x, through: trunkEnd)
        let patched = patch(trunk, previous)
        return try head?.forward(patched).scalars ?? patched.scalars
    }
}
