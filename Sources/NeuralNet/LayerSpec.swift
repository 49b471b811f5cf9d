/// One layer of a described network, after `[ ... ]xN` groups are expanded.
public struct LayerSpec: Sendable, Hashable {
    public let kind: LayerKind
    /// `conv1`, `pool2`, `fc1`, ...: the family name and its count so far.
    public let name: String
    /// 1-based column of the layer's token in the description. Layers
    /// repeated by a group share their token's column, so an error about
    /// any copy points at the text the author wrote.
    public let column: Int

    public init(kind: LayerKind, name: String, column: Int) {
        self.kind = kind
        self.name = name
        self.column = column
    }

    /// How error messages refer to the layer: `POOL2 (pool5)`.
    var label: String { "\(kind.token) (\(name))" }
}
