import FuzzHarness
import Foundation

/// libFuzzer calls this once per input; see FuzzEntry.lesson.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntry.lesson(FuzzDriver.bytes(data, size))
    return 0
}

exit(FuzzDriver.main(fuzz))
