import Foundation
import Testing
@testable import Figures

@Suite struct ColormapTests {
    /// CIE L* (0 black to 100 white) of an sRGB colour.
    static func lightness(_ c: (UInt8, UInt8, UInt8)) -> Double {
        func linear(_ v: UInt8) -> Double {
            let s = Double(v) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        let y = 0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2)
        return y > 0.008856 ? 116 * cbrt(y) - 16 : 903.3 * y
    }

    static func samples(_ map: Colormap, count: Int = 101) -> [Double] {
        (0..<count).map { lightness(map.rgb(Double($0) / Double(count - 1))) }
    }

    @Test func endpoints() {
        #expect(Colormap.gray.rgb(0) == (0, 0, 0))
        #expect(Colormap.gray.rgb(1) == (255, 255, 255))
        #expect(Colormap.gray.rgb(0.5) == (128, 128, 128))
        #expect(Colormap.viridis.rgb(0) == (0x44, 0x01, 0x54))  // dark violet
        #expect(Colormap.viridis.rgb(1) == (0xFD, 0xE7, 0x25))  // yellow
        #expect(Self.lightness(Colormap.magma.rgb(0)) < 2)  // near black
        #expect(Self.lightness(Colormap.magma.rgb(1)) > 95)  // near white (cream)
        #expect(Colormap.hot.rgb(1) == (255, 255, 255))
    }

    @Test(arguments: [Colormap.gray, .viridis, .magma, .hot])
    func lightnessRisesMonotonically(map: Colormap) {
        let l = Self.samples(map)
        for i in 1..<l.count {
            #expect(l[i] >= l[i - 1] - 0.5, "\(map) darkens at t = \(Double(i) / 100)")
        }
        #expect(l[l.count - 1] - l[0] > 60, "\(map) should span most of the lightness range")
    }

    @Test func coolwarmDivergesFromALightMiddle() {
        let l = Self.samples(.coolwarm)
        let middle = l[50]
        #expect(l.allSatisfy { $0 <= middle + 0.5 })
        #expect(abs(l[0] - l[100]) < 10)  // both ends equally dark
        let (r0, _, b0) = Colormap.coolwarm.rgb(0), (r1, _, b1) = Colormap.coolwarm.rgb(1)
        #expect(b0 > r0)  // blue end
        #expect(r1 > b1)  // red end
    }

    @Test(arguments: Colormap.allCases)
    func clampsOutOfRangeInput(map: Colormap) {
        #expect(map.rgb(-3) == map.rgb(0))
        #expect(map.rgb(7) == map.rgb(1))
        #expect(map.rgb(.nan) == map.rgb(0))
        #expect(map.rgb(.infinity) == map.rgb(1))
    }
}
