/// A 2-D embedding as two coordinate arrays (the loops vectorise over one axis at a time).
struct Embedding2D: Sendable {
    let x: Buffer<Double>
    let y: Buffer<Double>
    var count: Int { x.count }

    init(count: Int) {
        x = Buffer(repeating: 0, count: count)
        y = Buffer(repeating: 0, count: count)
    }
}
