import NeuralNet
import Tensors

/// For every image of a set and every unit of a layer: the unit's largest
/// value on that image and the position where it fired. One pass through
/// the layer serves every unit, so a lesson showing the top patches of many
/// units of one layer runs the network once; `top` then ranks one unit's
/// images in milliseconds.
///
/// A unit is a channel of an image-shaped layer (its maximum over the
/// H×W positions) or one entry of a vector layer (its value, at position
/// (0, 0)). Ties go to the first position in row-major order.
public struct UnitMaxima: Sendable {
    public let layer: Int
    public let layerName: String
    public let units: Int
    /// The layer's map size (1×1 for a vector layer).
    public let height: Int
    public let width: Int
    public let count: Int
    /// (count, units): the maxima, and where each sits (row · width + column).
    let values: [Float]
    let places: [Int32]

    /// One image's response: its index in the set, the unit's maximum on it,
    /// and the map position of that maximum.
    public struct Hit: Sendable, Equatable {
        public let image: Int
        public let value: Float
        public let row: Int
        public let column: Int
    }

    public init(network: Network, images: Tensor, layer: Int, checkpoint: (() throws -> Void)? = nil) throws {
        let scan = try LayerScan(network: network, layer: layer)
        let n = try scan.count(images)
        let (units, positions) = (scan.units, scan.positions)
        guard positions <= Int(Int32.max) else { throw NetworkError("\(scan.name)'s maps are too large to rank") }
        var values = [Float](repeating: 0, count: n * units)
        var places = [Int32](repeating: 0, count: n * units)
        try values.withUnsafeMutableBufferPointer { best in
            try places.withUnsafeMutableBufferPointer { at in
                try scan.run(images, checkpoint: checkpoint) { first, size, out in
                    for i in 0..<(size * units) {
                        let map = UnsafeBufferPointer(rebasing: out[(i * positions)..<((i + 1) * positions)])
                        // Branch-free: ReLU maps are half zeros, and a branch on each
                        // value mispredicts. NaN never wins, so a diverged map ranks
                        // last rather than scrambling the order.
                        var top = -Float.infinity, place = 0
                        for p in 0..<positions {
                            let v = map[p], better = v > top
                            top = better ? v : top
                            place = better ? p : place
                        }
                        best[first * units + i] = top
                        at[first * units + i] = Int32(place)
                    }
                }
            }
        }
        self.layer = layer
        layerName = scan.name
        self.units = units
        (height, width) = (scan.height, scan.width)
        count = n
        self.values = values
        self.places = places
    }

    /// The `k` images on which `unit` fires most, strongest first (ties:
    /// the lower image index first); fewer when the set is smaller.
    public func top(unit: Int, k: Int) throws(NetworkError) -> [Hit] {
        try check(unit: unit)
        guard k >= 0 else { throw NetworkError("k must be at least 0, got \(k)") }
        let order = (0..<count).sorted { a, b in
            let (x, y) = (values[a * units + unit], values[b * units + unit])
            return x > y || (x == y && a < b)
        }
        return order.prefix(k).map { i in
            let place = Int(places[i * units + unit])
            return Hit(image: i, value: values[i * units + unit], row: place / width, column: place % width)
        }
    }

    /// How many of `unit`'s top `k` images carry each label: `classes`
    /// counts, labels outside 0..<classes ignored. Some units are
    /// class-specific, others respond to a texture several classes share.
    public func classCounts(unit: Int, labels: [Int], classes: Int, k: Int) throws(NetworkError) -> [Int] {
        guard labels.count == count else {
            throw NetworkError("there are \(count) images but \(labels.count) labels")
        }
        var counts = [Int](repeating: 0, count: max(0, classes))
        for hit in try top(unit: unit, k: k) where labels[hit.image] >= 0 && labels[hit.image] < classes {
            counts[labels[hit.image]] += 1
        }
        return counts
    }

    func check(unit: Int) throws(NetworkError) {
        guard unit >= 0, unit < units else {
            let kind = height * width > 1 || layer < 0 ? "channels" : "units"
            throw NetworkError("\(layerName) has \(units) \(kind), numbered 0 to \(units - 1); there is no unit \(unit)")
        }
    }
}
