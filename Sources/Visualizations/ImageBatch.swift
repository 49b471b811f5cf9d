import NeuralNet
import Tensors

/// A batch of images checked against the network a method explains, and the
/// class or unit each image is explained for. Every method takes N×C×H×W
/// (one image is a batch of one) and works on chunks of it, so memory stays
/// bounded however many images a lesson passes.
struct ImageBatch {
    let count: Int, channels: Int, height: Int, width: Int

    /// Images per forward and backward pass: the size `Network.forward` uses,
    /// large enough for the GEMMs to run near their best.
    static let chunk = 256

    init(_ x: Tensor, network: Network) throws(NetworkError) {
        let shape = network.inputShape
        guard shape.count == 3 else {
            throw NetworkError("this method explains images, but the network's input is a vector of \(network.inputCount) values")
        }
        guard x.rank == 4, Array(x.shape.dropFirst()) == shape else {
            let wanted = "(N, " + shape.map(String.init).joined(separator: ", ") + ")"
            throw NetworkError("the images must be a batch \(wanted) for this network, got \(Tensor.describe(x.shape))")
        }
        (count, channels, height, width) = (x.shape[0], shape[0], shape[1], shape[2])
    }

    var imageSize: Int { channels * height * width }
    var plane: Int { height * width }

    /// Images lo..<hi as their own batch.
    func slice(_ x: Tensor, _ range: Range<Int>) -> Tensor {
        if range == 0..<count { return x }
        return Tensor(shape: [range.count, channels, height, width],
                      scalars: Array(x.scalars[(range.lowerBound * imageSize)..<(range.upperBound * imageSize)]))
    }

    /// Checks one class per image against the `outputs` scores there are.
    func check(classes: [Int], outputs: Int) throws(NetworkError) {
        guard classes.count == count else {
            throw NetworkError("there are \(count) image\(count == 1 ? "" : "s") but \(classes.count) class"
                               + "\(classes.count == 1 ? "" : "es"); give one class per image")
        }
        if let bad = classes.first(where: { $0 < 0 || $0 >= outputs }) {
            throw NetworkError("class \(bad) does not exist: the network scores \(outputs) classes, numbered 0 to \(outputs - 1)")
        }
    }
}

extension Array where Element == Float {
    /// For each of `count` blocks of `channels` planes, the largest |value|
    /// across channels at every pixel: N×C×P → N×P.
    func channelMaxAbs(count: Int, channels: Int, plane: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count * plane)
        withUnsafeBufferPointer { g in
            out.withUnsafeMutableBufferPointer { m in
                for n in 0..<count {
                    let dst = m.baseAddress! + n * plane
                    for c in 0..<channels {
                        let src = g.baseAddress! + (n * channels + c) * plane
                        for i in 0..<plane { dst[i] = Swift.max(dst[i], Swift.abs(src[i])) }
                    }
                }
            }
        }
        return out
    }
}
