/// A network as the lesson describes it, in the grammar of LESSON-FORMAT
/// section 7:
///
///     INPUT 28x28x1 -> [CONV3-32 -> RELU -> POOL2]x2 -> FC-128 -> RELU -> FC-10 -> SOFTMAX
///
/// It holds no numbers yet: it is what a network is built from, and what
/// `summary()` and `receptiveField(layer:)` reason about. A value exists only
/// if the text parsed and every layer's shape and counts work out, so the
/// code that builds layers from it need not check sizes again.
public struct NetworkDescription: Sendable, Hashable {
    /// The text as written.
    public let source: String
    public let input: InputShape
    /// Every layer in order, with `[ ... ]xN` groups expanded.
    public let layers: [LayerSpec]

    /// Parses a description and checks it: the first problem, located at
    /// the column of its token, is thrown.
    public static func parse(_ text: String) throws(DescriptionError) -> NetworkDescription {
        var parser = DescriptionParser(text)
        let (input, parsed) = try parser.description()
        var counts: [String: Int] = [:]
        let layers = parsed.map { layer in
            let number = counts[layer.kind.family, default: 0] + 1
            counts[layer.kind.family] = number
            return LayerSpec(kind: layer.kind, name: "\(layer.kind.family)\(number)", column: layer.column)
        }
        let description = NetworkDescription(source: text, input: input, layers: layers)
        // Shapes and sizes are checked here, once, so an empty output or an
        // overflowing count is reported when the network is described.
        _ = try description.summary()
        return description
    }

    /// The layer called `name` (`conv1`, `Pool2`: case does not matter).
    public func layer(named name: String) -> LayerSpec? {
        let key = name.lowercased()
        return layers.first { $0.name == key }
    }

    /// Index of the layer called `name` in `layers`, -1 for `input`, or an
    /// error that lists the names there are. Such an error is not about the
    /// description's text, so its column is 0.
    func index(ofLayer name: String) throws(DescriptionError) -> Int {
        let key = name.lowercased()
        if key == "input" { return -1 }
        if let index = layers.firstIndex(where: { $0.name == key }) { return index }
        let shown = 40
        var names = ["input"] + layers.prefix(shown).map(\.name)
        if layers.count > shown { names.append("... (\(layers.count - shown) more)") }
        throw DescriptionError(column: 0, message:
            "no layer named '\(name)'; the layers are \(names.joined(separator: ", "))")
    }
}
