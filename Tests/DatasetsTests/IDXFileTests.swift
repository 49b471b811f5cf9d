@testable import Datasets
import Testing

@Suite struct IDXFileTests {
    func reason(_ bytes: [UInt8]) -> String? {
        do throws(FormatError) { _ = try IDXFile(parsing: bytes); return nil } catch { return error.reason }
    }

    @Test func readsHeaderAndPayload() throws {
        let file = try IDXFile(parsing: Fixtures.idx(dims: [2, 3], values: [1, 2, 3, 4, 5, 6]))
        #expect(file.magic == 0x0000_0802)
        #expect(file.dims == [2, 3])
        #expect(file.count == 6)
        #expect(file.withPayload { Array($0) } == [1, 2, 3, 4, 5, 6])
        #expect(try IDXFile(parsing: Fixtures.images(1)).magic == 2051)
        #expect(try IDXFile(parsing: Fixtures.labels([1])).magic == 2049)
    }

    @Test func refusesBadHeaders() {
        #expect(reason([0, 0])?.contains("too short") == true)
        #expect(reason([1, 0, 8, 1, 0, 0, 0, 0])?.contains("two zero bytes") == true)
        #expect(reason(Fixtures.idx(type: 0x0d, dims: [1], values: [0, 0, 0, 0]))?.contains("0xd") == true)
        #expect(reason([0, 0, 8, 0])?.contains("0 dimensions") == true)
        #expect(reason([0, 0, 8, 3, 0, 0, 0, 1])?.contains("ends inside its header") == true)
    }

    @Test func payloadMustMatchTheDimensionsExactly() {
        #expect(reason(Fixtures.idx(dims: [2, 3], values: [1, 2, 3, 4, 5]))?.contains("2×3 = 6 values but it holds 5") == true)
        #expect(reason(Fixtures.idx(dims: [2, 3], values: Array(repeating: 0, count: 7))) != nil)
        // Sizes whose product overflows are refused, not wrapped.
        #expect(reason(Fixtures.idx(dims: [0xffff_ffff, 0xffff_ffff, 0xffff_ffff], values: []))?.contains("too many") == true)
        #expect(reason(Fixtures.idx(dims: [0], values: [])) == nil)
    }
}
