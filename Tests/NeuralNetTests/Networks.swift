/// The descriptions the tests share: the lecture's two classic networks and
/// the lessons' small Fashion-MNIST network.
enum Networks {
    static let vgg16 = "INPUT 224x224x3 -> [CONV3-64 -> RELU]x2 -> POOL2 -> [CONV3-128 -> RELU]x2 -> POOL2"
        + " -> [CONV3-256 -> RELU]x3 -> POOL2 -> [CONV3-512 -> RELU]x3 -> POOL2"
        + " -> [CONV3-512 -> RELU]x3 -> POOL2 -> FC-4096 -> RELU -> FC-4096 -> RELU -> FC-1000 -> SOFTMAX"

    /// AlexNet as one stream (no split across two GPUs).
    static let alexNet = "INPUT 227x227x3 -> CONV11-96/4/0 -> RELU -> LRN -> POOL3/2 -> CONV5-256 -> RELU"
        + " -> LRN -> POOL3/2 -> CONV3-384 -> RELU -> CONV3-384 -> RELU -> CONV3-256 -> RELU -> POOL3/2"
        + " -> FC-4096 -> RELU -> DROPOUT-0.5 -> FC-4096 -> RELU -> DROPOUT-0.5 -> FC-1000 -> SOFTMAX"

    static let reference = "INPUT 28x28x1 -> [CONV3-32 -> RELU -> POOL2]x2 -> FC-128 -> RELU -> FC-10 -> SOFTMAX"
}
