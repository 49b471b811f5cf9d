import Testing
@testable import NeuralNet

/// Random strings of grammar fragments: whatever they are, parsing either
/// succeeds or throws an error located inside the text, and never traps.
struct DescriptionFuzzTests {
    static let fragments = [
        "INPUT", " ", "28x28x1", "7", "->", "→", "[", "]", "x2", "×3", "x0", "CONV3-8", "CONV1-2/2/0",
        "POOL2", "AVGPOOL3/2", "FC-10", "RELU", "TANH", "DROPOUT-0.5", "SOFTMAX", "LRN", "1000000000",
        "x", "-", "/", ".", "0", "conv", "  ", "INPUT 4x4x1 ->", "INPUT 9 ->", "\n", "é", "]x1000",
    ]

    /// SplitMix64: a few lines, and the same cases on every run.
    struct Generator {
        var state: UInt64
        mutating func next(below bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static let layers = ["CONV3-8", "conv5-4/2", "CONV1-2/1/0", "POOL2", "POOL3/2", "AVGPOOL2", "FC-10",
                         "RELU", "tanh", "SIGMOID", "LRN", "DROPOUT-0.25", "SOFTMAX"]

    /// A mostly well-formed sequence, so that many cases get past the parser.
    static func sequence(_ random: inout Generator, depth: Int) -> String {
        let count = 1 + random.next(below: 4)
        return (0..<count).map { _ in
            guard depth < 3, random.next(below: 4) == 0 else { return layers[random.next(below: layers.count)] }
            return "[ " + sequence(&random, depth: depth + 1) + " ]x\(1 + random.next(below: 3))"
        }.joined(separator: random.next(below: 2) == 0 ? " -> " : "→")
    }

    @Test func randomTextParsesOrFailsAtAColumnInside() throws {
        var random = Generator(state: 2024)
        var parsed = 0
        for _ in 0..<2_000 {
            var text: String
            if random.next(below: 2) == 0 {
                text = "INPUT 64x64x3 -> " + Self.sequence(&random, depth: 0)
            } else {
                text = random.next(below: 2) == 0 ? "INPUT 16x16x3 ->" : ""
                let count = 1 + random.next(below: 16)
                for _ in 0..<count { text += Self.fragments[random.next(below: Self.fragments.count)] }
            }
            do {
                let net = try NetworkDescription.parse(text)
                parsed += 1
                _ = try net.summary()
                for layer in net.layers { _ = try? net.receptiveField(layer: layer.name) }
                // The canonical tokens describe the same network.
                let canonical = ([net.input.token] + net.layers.map(\.kind.token)).joined(separator: " -> ")
                let again = try NetworkDescription.parse(canonical)
                #expect(again.layers.map(\.kind) == net.layers.map(\.kind), "\(text)")
                #expect(again.layers.map(\.name) == net.layers.map(\.name), "\(text)")
            } catch {
                #expect((1...text.count + 1).contains(error.column), "\(text): \(error)")
            }
        }
        #expect(parsed > 0)
    }
}
