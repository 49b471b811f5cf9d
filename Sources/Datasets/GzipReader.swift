import CZlib

/// Whole-buffer gzip decompression with zlib's `inflate`. The only file that
/// talks to zlib: it hands back a Swift array and frees zlib's state before
/// returning, whatever happens.
enum GzipReader {
    /// No data set Lectern reads decompresses to near this; a larger output
    /// is a corrupt or hostile file, and refusing beats exhausting memory.
    static let maxOutputBytes = 512 << 20

    /// The decompressed bytes of `input`, a gzip file (several concatenated
    /// members are read one after another, as `gunzip` does).
    static func decompress(_ input: UnsafeRawBufferPointer, limit: Int = maxOutputBytes) throws(FormatError) -> [UInt8] {
        guard let base = input.baseAddress, !input.isEmpty else { throw FormatError("the file is empty") }
        guard isGzipStart(input) else {
            throw FormatError("it is not gzip data (a gzip file starts with the bytes 1f 8b)")
        }
        // zlib counts input in 32 bits; callers refuse big files long before this.
        guard input.count <= Int(UInt32.max) else { throw FormatError("it is larger than 4 GiB") }

        // On the heap, not an inout local: zlib keeps a pointer to the stream
        // and checks it on every call, so its address must never change.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        // windowBits 15 + 32: the largest window, and expect a gzip (or zlib) header.
        guard inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw FormatError("zlib could not start decompressing (out of memory?)")
        }
        defer { inflateEnd(stream) }

        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        var output = [UInt8](repeating: 0, count: initialCapacity(input, limit: limit))
        var produced = 0
        while true {
            if produced == output.count {
                // One byte past the limit, so "exactly at the limit" still fits.
                guard output.count <= limit else { throw tooLarge(limit) }
                let grown = min(max(output.count * 2, 1 << 16), limit + 1)
                output.append(contentsOf: repeatElement(0, count: grown - output.count))
            }
            let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.pointee.next_out = out.baseAddress! + produced
                stream.pointee.avail_out = uInt(out.count - produced)
                let status = inflate(stream, Z_NO_FLUSH)
                produced = out.count - Int(stream.pointee.avail_out)
                return status
            }
            if produced > limit { throw tooLarge(limit) }
            switch status {
            case Z_STREAM_END:
                let rest = Int(stream.pointee.avail_in)
                if rest == 0 {
                    output.removeSubrange(produced...)
                    return output
                }
                let next = UnsafeRawBufferPointer(start: stream.pointee.next_in, count: rest)
                guard isGzipStart(next), inflateReset(stream) == Z_OK else {
                    throw FormatError("\(rest) unexpected bytes follow the end of the gzip data")
                }
            case Z_OK, Z_BUF_ERROR:
                // Room left to write but nothing left to read: the file stops early.
                if stream.pointee.avail_in == 0, stream.pointee.avail_out > 0 {
                    throw FormatError("the gzip data is truncated (it ends before the compressed stream does; "
                                      + "an interrupted download?)")
                }
            case Z_MEM_ERROR:
                throw FormatError("out of memory while decompressing")
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw FormatError("the gzip data is corrupt (zlib: \(detail))")
            }
        }
    }

    static func decompress(_ bytes: [UInt8], limit: Int = maxOutputBytes) throws(FormatError) -> [UInt8] {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(FormatError) in try decompress(raw, limit: limit) }
        }
        return try result.get()
    }

    private static func isGzipStart(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// The gzip trailer's ISIZE (the last member's length mod 2^32) sizes the
    /// buffer so one pass usually suffices; it is only a hint, since a
    /// corrupt file can say anything, so it is capped by what deflate could
    /// possibly produce from this input.
    private static func initialCapacity(_ input: UnsafeRawBufferPointer, limit: Int) -> Int {
        guard input.count >= 18 else { return 1 << 12 }
        var isize = 0
        for k in (input.count - 4..<input.count).reversed() { isize = isize << 8 | Int(input[k]) }
        let (bound, overflow) = input.count.multipliedReportingOverflow(by: 1032)
        return max(1 << 12, min(isize, overflow ? limit : bound, limit) + 1)
    }

    private static func tooLarge(_ limit: Int) -> FormatError {
        let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes"
        return FormatError("it decompresses to more than \(size), more than any data set Lectern reads")
    }
}
