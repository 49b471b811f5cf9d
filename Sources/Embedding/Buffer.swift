/// Fixed-size storage for the hot loops: a stable pointer, no
/// copy-on-write, and shareable with the worker closures of `Chunks`
/// (which write disjoint slots, so sharing it is safe).
final class Buffer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    let count: Int

    init(repeating value: T, count: Int) {
        self.count = max(0, count)
        pointer = .allocate(capacity: max(1, count))
        pointer.initialize(repeating: value, count: self.count)
    }

    init(_ values: [T]) {
        count = values.count
        pointer = .allocate(capacity: max(1, values.count))
        values.withUnsafeBufferPointer { source in
            for i in 0..<source.count { (pointer + i).initialize(to: source[i]) }
        }
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    subscript(i: Int) -> T {
        get { pointer[i] }
        set { pointer[i] = newValue }
    }

    var array: [T] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    func fill(_ value: T) { pointer.update(repeating: value, count: count) }
}
