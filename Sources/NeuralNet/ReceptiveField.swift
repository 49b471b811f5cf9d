/// The input pixels one unit of a layer sees, along one axis (fields are
/// square because kernels are).
///
/// `size` is the field's width in input pixels, `stride` the step in input
/// pixels between neighbouring units, and `offset` the input index of the
/// top-left pixel of unit (0, 0)'s field. Padding makes `offset` negative
/// and lets `size` exceed the input: these are the theoretical fields, and
/// code that crops the input clips them to the image.
public struct ReceptiveField: Sendable, Hashable {
    public let size: Int
    public let stride: Int
    public let offset: Int

    public init(size: Int, stride: Int, offset: Int) {
        self.size = size
        self.stride = stride
        self.offset = offset
    }
}

extension NetworkDescription {
    /// The receptive field of a unit of the layer called `name` (`input`
    /// included: one pixel). A window layer (kernel k, stride s, padding p)
    /// grows its input's field: size + (k − 1)·stride, stride·s,
    /// offset − p·stride. Element-wise layers keep their input's field.
    ///
    /// An FC unit sees the whole input, and so does every layer after one:
    /// size is the larger input side (n for a vector input) and offset 0.
    /// Such a layer has no neighbouring unit to step to; stride is set to
    /// size, as if the field tiled the input, so it stays ≥ 1 for code that
    /// divides by it.
    public func receptiveField(layer name: String) throws(DescriptionError) -> ReceptiveField {
        let last = try index(ofLayer: name)
        if case .sequence = input {
            throw DescriptionError(column: 0, message:
                "receptive fields are for image and vector inputs; this network reads a sequence (\(input.token))")
        }
        var field = ReceptiveField(size: 1, stride: 1, offset: 0)
        for layer in layers.prefix(last + 1) {
            if case .fc = layer.kind {
                let whole = wholeInput
                field = ReceptiveField(size: whole, stride: whole, offset: 0)
            }
            guard let window = layer.kind.window else { continue }
            guard let grown = (window.kernel - 1).multipliedOrNil(by: field.stride)?.addingOrNil(field.size),
                  let stride = field.stride.multipliedOrNil(by: window.stride),
                  let shift = window.padding.multipliedOrNil(by: field.stride),
                  let offset = field.offset.addingOrNil(-shift) else {
                throw DescriptionError(column: layer.column, message:
                    "the receptive field of \(layer.label) is too large to count")
            }
            field = ReceptiveField(size: grown, stride: stride, offset: offset)
        }
        return field
    }

    private var wholeInput: Int {
        switch input {
        case let .image(height, width, _): max(height, width)
        case let .vector(n): n
        case let .sequence(t, f): t * f
        }
    }
}
