/// Scratch memory for one pass of a network: a growable, uninitialized
/// buffer that hot loops use through its raw pointer.
///
/// Layers keep their saved state (im2col columns, pooling switches,
/// dropout masks) in these so a training loop allocates only on its first
/// batch; `[Float]` would copy-on-write inside loops and cannot be shared
/// with the worker threads without closures over `inout`.
final class ScratchBuffer<Element> {
    private(set) var pointer: UnsafeMutablePointer<Element>
    private(set) var capacity: Int

    init(count: Int = 0) {
        capacity = max(count, 1)
        pointer = .allocate(capacity: capacity)
    }

    deinit { pointer.deallocate() }

    /// Makes room for `count` values; the contents are undefined afterwards.
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = count
        pointer = .allocate(capacity: count)
    }
}

typealias FloatBuffer = ScratchBuffer<Float>
/// Max pooling's switches.
typealias IndexBuffer = ScratchBuffer<Int32>

extension ScratchBuffer where Element == Float {
    func zero(_ count: Int) {
        reserve(count)
        pointer.update(repeating: 0, count: count)
    }
}
