/// Scratch memory for one pass of a network: a growable, uninitialized
/// Float buffer that hot loops use through its raw pointer.
///
/// Layers keep their saved state (im2col columns, pooling switches,
/// dropout masks) in these so a training loop allocates only on its first
/// batch; `[Float]` would copy-on-write inside loops and cannot be shared
/// with the worker threads without closures over `inout`.
final class FloatBuffer {
    private(set) var pointer: UnsafeMutablePointer<Float>
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

    func zero(_ count: Int) {
        reserve(count)
        pointer.update(repeating: 0, count: count)
    }
}

/// Switch indices for max pooling, the same idea for Int32.
final class IndexBuffer {
    private(set) var pointer: UnsafeMutablePointer<Int32>
    private(set) var capacity: Int

    init(count: Int = 0) {
        capacity = max(count, 1)
        pointer = .allocate(capacity: capacity)
    }

    deinit { pointer.deallocate() }

    func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        capacity = count
        pointer = .allocate(capacity: count)
    }
}
