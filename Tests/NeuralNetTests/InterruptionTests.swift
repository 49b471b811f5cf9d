import Testing
import Tensors
@testable import NeuralNet

/// Passes over many inputs and training stop between chunks or steps when
/// their caller asks, instead of running to the end.
@Suite struct InterruptionTests {
    static let text = "INPUT 6x6x2 -> CONV3-3 -> RELU -> POOL2 -> FC-4 -> SOFTMAX"

    @Test func forwardEvaluateAndTrainingStopWhenAsked() throws {
        let net = try Batches.network(Self.text)
        let x = try Batches.images(for: net, batch: 9, seed: 2)
        let labels = Batches.labels(for: net, batch: 9, seed: 2)
        try Interruption.withStop({ true }) {
            let stopped = NetworkError.stopped.message
            #expect(#expect(throws: NetworkError.self) { try net.forward(x) }?.message == stopped)
            #expect(#expect(throws: NetworkError.self) { try net.evaluate(images: x, labels: labels) }?.message == stopped)
            #expect(#expect(throws: NetworkError.self) {
                try net.trained(images: x, labels: labels, options: TrainingOptions())
            }?.message == stopped)
        }
        // Without a request, nothing changes.
        _ = try net.trained(images: x, labels: labels, options: TrainingOptions())
        #expect(try net.forward(x).shape == [9, 4])
    }
}
