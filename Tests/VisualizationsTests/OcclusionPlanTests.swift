import NeuralNet
import Tensors
import Testing
@testable import Visualizations

/// Recomputing only the windows the occluder reaches must give what
/// occluding whole images gives, on every kind of local layer, stride,
/// padding and occluder placement, including occluders at the borders
/// where the windows are clamped into the maps.
@Suite struct OcclusionPlanTests {
    static let cases: [(network: String, size: Int, stride: Int)] = [
        ("INPUT 12x12x1 -> CONV3-4 -> RELU -> POOL2 -> CONV3-5 -> RELU -> POOL2 -> FC-6 -> RELU -> FC-3 -> SOFTMAX", 4, 2),
        ("INPUT 12x12x1 -> CONV3-4 -> RELU -> POOL2 -> CONV3-5 -> RELU -> POOL2 -> FC-3 -> SOFTMAX", 1, 1),
        ("INPUT 19x15x3 -> CONV5-4/2/2 -> TANH -> POOL3/2 -> CONV3-3/1/0 -> SIGMOID -> FC-4 -> SOFTMAX", 3, 2),
        ("INPUT 10x10x2 -> RELU -> CONV3-3/1/0 -> LRN -> AVGPOOL2 -> DROPOUT-0.5 -> CONV2-4 -> FC-3 -> SOFTMAX", 5, 3),
        ("INPUT 9x9x1 -> CONV3-2/3/0 -> RELU -> CONV1-3 -> FC-2 -> SOFTMAX", 2, 1),
        ("INPUT 8x8x1 -> CONV3-3 -> RELU -> POOL2 -> CONV3-2", 3, 1),
        ("INPUT 6x6x1 -> CONV3-2 -> RELU -> FC-2 -> SOFTMAX", 6, 1),
        ("INPUT 12x12x1 -> CONV3-2 -> POOL2/3 -> FC-2 -> SOFTMAX", 2, 2),
    ]

    @Test(arguments: 0..<cases.count)
    func windowsMatchWholeImages(_ index: Int) throws {
        let (text, size, stride) = Self.cases[index]
        let net = Network(try NetworkDescription.parse(text), seed: UInt64(index + 1))
        let shape = net.inputShape
        let x = try Tensor.uniform(shape: [3] + shape, seed: UInt64(index + 10), low: -1, high: 1)
        let classes = [0, 1, 1]
        let fast = try Occlusion.maps(net, images: x, classes: classes, size: size, stride: stride, fill: 0.5, windows: true)
        let slow = try Occlusion.maps(net, images: x, classes: classes, size: size, stride: stride, fill: 0.5, windows: false)
        #expect(fast.probability.shape == slow.probability.shape)
        #expect(TinyNetworks.close(fast.probability.scalars, slow.probability.scalars, tolerance: 1e-5), "\(text)")
        #expect(fast.predicted == slow.predicted, "\(text)")
    }

    @Test func thePlanRecomputesOnlyWindows() throws {
        // The lessons' network with a 6×6 occluder at stride 2: conv1's window is
        // 8×8 of 28×28, pool1's 5×5 of 14×14, conv2's 7×7, pool2's 4×4 of 7×7.
        let text = "INPUT 28x28x1 -> CONV3-32 -> RELU -> POOL2 -> CONV3-64 -> RELU -> POOL2 -> FC-128 -> RELU -> FC-10 -> SOFTMAX"
        let net = Network(try NetworkDescription.parse(text), seed: 1)
        let plan = try #require(OcclusionPlan(net, size: 6, stride: 2, rows: 12, columns: 12))
        #expect(plan.stages.map { [$0.window.h, $0.window.w] } == [[8, 8], [5, 5], [7, 7], [4, 4]])
        #expect(plan.stages.map { [$0.crop.h, $0.crop.w] } == [[10, 10], [10, 10], [9, 9], [8, 8]])
        #expect(plan.trunkEnd == 5 && plan.head != nil)
        // An FC first layer leaves nothing to save: no plan.
        let flat = Network(try NetworkDescription.parse("INPUT 4x4x1 -> FC-2 -> SOFTMAX"), seed: 1)
        #expect(OcclusionPlan(flat, size: 2, stride: 1, rows: 3, columns: 3) == nil)
    }
}
