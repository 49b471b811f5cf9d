import Testing
@testable import NeuralNet

/// Every way a description can be wrong: the column the error points at
/// and the message it says.
struct DescriptionErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let source: String
        let column: Int
        let message: String
        var testDescription: String { source.count > 60 ? String(source.prefix(60)) + "…" : source }
    }

    static let cases: [Case] = [
        Case(source: "", column: 1,
             message: "empty network description; expected 'INPUT HxWxC' or 'INPUT n'"),
        Case(source: "   ", column: 1,
             message: "empty network description; expected 'INPUT HxWxC' or 'INPUT n'"),
        Case(source: "CONV3-64 -> RELU", column: 1,
             message: "expected 'INPUT HxWxC' or 'INPUT n' first, found 'CONV3-64'"),
        Case(source: "  [RELU]x2", column: 3,
             message: "expected 'INPUT HxWxC' or 'INPUT n' first, found '['"),
        Case(source: "INPUT 28x28x1 -> INPUT 28x28x1", column: 18,
             message: "INPUT may appear only once, at the start"),
        Case(source: "INPUT", column: 1,
             message: "expected the input size after INPUT, e.g. 'INPUT 28x28x1' or 'INPUT 784'"),
        Case(source: "INPUT 28x28", column: 7,
             message: "expected 'INPUT HxWxC' (an image) or 'INPUT n' (a vector), found 'INPUT 28x28'"),
        Case(source: "INPUT 28xAx1", column: 7,
             message: "expected 'INPUT HxWxC' or 'INPUT n' with whole numbers, found 'INPUT 28xAx1'"),
        Case(source: "INPUT 0x28x1", column: 7,
             message: "input sizes must be at least 1, found 'INPUT 0x28x1'"),
        Case(source: "INPUT 1000000000x1000000000x1000000000", column: 7,
             message: "the input 1000000000x1000000000x1000000000 has too many values to count"),
        Case(source: "INPUT 28x28x1 CONV3-32", column: 15, message: "expected '->' between layers"),
        Case(source: "INPUT 28x28x1 -> CONV3-32 RELU", column: 27, message: "expected '->' between layers"),
        Case(source: "INPUT 28x28x1 -> RELU [RELU]x2", column: 23, message: "expected '->' between layers"),
        Case(source: "INPUT 28x28x1 -> CONV3-32 ->", column: 27,
             message: "expected a layer after '->', found the end of the description"),
        Case(source: "INPUT 28x28x1 -> -> RELU", column: 18,
             message: "expected a layer after '->', found '->'"),
        Case(source: "INPUT 28x28x1 -> []x2", column: 19,
             message: "expected a layer after '[', found ']'"),
        Case(source: "INPUT 28x28x1 -> [CONV3-32 -> RELU", column: 18,
             message: "unclosed '['; expected ']xN' to end the group"),
        Case(source: "INPUT 28x28x1 -> [[RELU]x2", column: 18,
             message: "unclosed '['; expected ']xN' to end the group"),
        Case(source: "INPUT 28x28x1 -> CONV3-32]x2", column: 26, message: "']' without a matching '['"),
        Case(source: "INPUT 28x28x1 -> [CONV3-32]", column: 27,
             message: "expected a repeat count after ']', e.g. ']x2'"),
        Case(source: "INPUT 28x28x1 -> [CONV3-32] -> RELU", column: 27,
             message: "expected a repeat count after ']', e.g. ']x2'"),
        Case(source: "INPUT 28x28x1 -> [RELU]x2x", column: 24,
             message: "expected a repeat count after ']', e.g. ']x2', found 'x2x'"),
        Case(source: "INPUT 28x28x1 -> [CONV3-32]x0", column: 28,
             message: "a group repeats at least once, found 'x0'"),
        Case(source: "INPUT 10 -> [[RELU]x1000]x1000", column: 13,
             message: "the description expands to more than 10000 layers"),
        Case(source: "INPUT 10 -> [RELU]x99999999999999999999", column: 19,
             message: "the description expands to more than 10000 layers"),
        Case(source: "INPUT 28x28x1 -> CONVV3-64", column: 18,
             message: "unknown layer 'CONVV3-64'; did you mean CONV3-64?"),
        Case(source: "INPUT 28×28×1 → convv3-64", column: 17,
             message: "unknown layer 'convv3-64'; did you mean CONV3-64?"),
        Case(source: "INPUT 28x28x1 -> CONVV3", column: 18,
             message: "unknown layer 'CONVV3'; did you mean CONVk-n?"),
        Case(source: "INPUT 28x28x1 -> MAXPOOL2", column: 18,
             message: "unknown layer 'MAXPOOL2'; did you mean POOL2?"),
        Case(source: "INPUT 28x28x1 -> SOFMAX", column: 18,
             message: "unknown layer 'SOFMAX'; did you mean SOFTMAX?"),
        Case(source: "INPUT 10 -> BANANA", column: 13,
             message: "unknown layer 'BANANA'; expected one of CONVk-n, POOLk, AVGPOOLk, FC-n, RELU, TANH, "
                 + "SIGMOID, DROPOUT-p, LRN, SOFTMAX, RNN-n, LSTM-n, LAST"),
        Case(source: "INPUT 10 -> 64", column: 13,
             message: "unknown layer '64'; expected a layer such as CONV3-64 or RELU"),
        Case(source: "INPUT 28x28x1 -> CONV3", column: 18,
             message: "expected CONVk-n, CONVk-n/s or CONVk-n/s/p (e.g. CONV3-64), found 'CONV3'"),
        Case(source: "INPUT 28x28x1 -> CONV3-8/1/1/1", column: 18,
             message: "expected CONVk-n, CONVk-n/s or CONVk-n/s/p (e.g. CONV3-64), found 'CONV3-8/1/1/1'"),
        Case(source: "INPUT 28x28x1 -> POOL", column: 18,
             message: "expected POOLk or POOLk/s (e.g. POOL2), found 'POOL'"),
        Case(source: "INPUT 10 -> FC10", column: 13, message: "expected FC-n (e.g. FC-4096), found 'FC10'"),
        Case(source: "INPUT 10 -> relu2", column: 13, message: "expected RELU, found 'relu2'"),
        Case(source: "INPUT 10 -> DROPOUT-x", column: 13,
             message: "expected DROPOUT-p (e.g. DROPOUT-0.5), found 'DROPOUT-x'"),
        Case(source: "INPUT 10 -> DROPOUT-1", column: 13,
             message: "the dropout probability in 'DROPOUT-1' must be less than 1"),
        Case(source: "INPUT 28x28x1 -> CONV0-8", column: 18,
             message: "the kernel size in 'CONV0-8' must be at least 1"),
        Case(source: "INPUT 28x28x1 -> CONV3-0", column: 18,
             message: "the number of filters in 'CONV3-0' must be at least 1"),
        Case(source: "INPUT 28x28x1 -> CONV3-8/0", column: 18,
             message: "the stride in 'CONV3-8/0' must be at least 1"),
        Case(source: "INPUT 28x28x1 -> POOL2/0", column: 18,
             message: "the stride in 'POOL2/0' must be at least 1"),
        Case(source: "INPUT 10 -> FC-0", column: 13,
             message: "the number of outputs in 'FC-0' must be at least 1"),
        Case(source: "INPUT 28x28x1 -> CONV3-2000000000", column: 18,
             message: "2000000000 in 'CONV3-2000000000' is too large (at most 1000000000)"),
        Case(source: "INPUT 10 -> FC-99999999999999999999999", column: 13,
             message: "99999999999999999999999 in 'FC-99999999999999999999999' is too large (at most 1000000000)"),
        Case(source: "INPUT 16x16x3 -> [POOL2]x5", column: 19,
             message: "POOL2 (pool5) on a 1x1 input gives an empty output"),
        Case(source: "INPUT 4x4x1 -> CONV5-8/1/0", column: 16,
             message: "CONV5-8/1/0 (conv1) on a 4x4 input gives an empty output"),
        Case(source: "INPUT 8x2x1 -> AVGPOOL3", column: 16,
             message: "AVGPOOL3 (avgpool1) on a 8x2 input gives an empty output"),
        Case(source: "INPUT 28x28x1 -> FC-10 -> RELU -> CONV3-8", column: 35,
             message: "CONV3-8 (conv1) needs an image, but fc1 gives a vector of 10 values"),
        Case(source: "INPUT 784 -> POOL2", column: 14,
             message: "POOL2 (pool1) needs an image, but the input is a vector of 784 values"),
        Case(source: "INPUT 1000000000x1000000000x1 -> CONV1-1000000000", column: 34,
             message: "CONV1-1000000000 (conv1) gives a 1000000000x1000000000x1000000000 output, too large to count"),
        Case(source: "INPUT 1000000000x1000000000x1 -> FC-1000000000", column: 34,
             message: "FC-1000000000 (fc1) has too many weights to count "
                 + "(1000000000000000000 inputs × 1000000000 outputs)"),
        Case(source: "INPUT 100000x100000x1000 -> CONV1000-1000", column: 29,
             message: "CONV1000-1000 (conv1) needs too many multiply-accumulates to count"),
    ]

    @Test(arguments: cases)
    func reportsTheColumnAndMessage(_ c: Case) {
        #expect(throws: DescriptionError(column: c.column, message: c.message)) {
            try NetworkDescription.parse(c.source)
        }
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let source = "INPUT 1 -> " + String(repeating: "[", count: 5_000) + "RELU"
            + String(repeating: "]x1", count: 5_000)
        // The 65th '[' is the first one too deep; the first sits at column 12.
        #expect(throws: DescriptionError(column: 12 + 64, message: "groups nested more than 64 deep")) {
            try NetworkDescription.parse(source)
        }
    }

    @Test func nestingUpToTheLimitParses() throws {
        let source = "INPUT 1 -> " + String(repeating: "[", count: 64) + "RELU"
            + String(repeating: "]x1", count: 64)
        #expect(try NetworkDescription.parse(source).layers.map(\.name) == ["relu1"])
    }

    @Test func describesItselfWithTheColumn() {
        let error = DescriptionError(column: 7, message: "input sizes must be at least 1")
        #expect(error.description == "column 7: input sizes must be at least 1")
    }
}
