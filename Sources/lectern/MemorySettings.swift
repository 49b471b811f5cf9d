/// glibc's allocator hands every large buffer (a layer's activations, a
/// batch's columns) back to the kernel when it is freed, so the next network
/// pass page-faults all of it in again: in this VM that was 40% of a
/// saliency map's time. Keeping freed memory in the process removes the
/// faults; peak memory does not change.
enum MemorySettings {
    static func apply() {
        #if os(Linux)
        // <malloc.h>'s M_MMAP_THRESHOLD and M_TRIM_THRESHOLD; Swift's Glibc
        // module does not import malloc.h.
        _ = glibcMallopt(-3, 512 << 20)
        _ = glibcMallopt(-1, Int32.max)
        #endif
    }
}

#if os(Linux)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
