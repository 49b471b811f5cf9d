/// The categorical palette for series and classes.
///
/// Ten hues picked to stay apart under the common colour-vision
/// deficiencies (blue/orange first, since two-series plots are the usual
/// case; no red-green pair next to each other), dark enough to read as thin
/// lines on white. Past ten, colours repeat.
public enum Palette {
    public static let colors: [String] = [
        "#1E6FB8",  // blue
        "#E8851A",  // orange
        "#2A9D76",  // bluish green
        "#C9497A",  // raspberry
        "#6A51A3",  // purple
        "#8C6239",  // brown
        "#56B4E9",  // sky blue
        "#D1B000",  // mustard
        "#7F7F7F",  // gray
        "#B9392A",  // vermilion
    ]

    /// The colour of series or class `index`; negative indices wrap too.
    public static func color(_ index: Int) -> String {
        let n = colors.count
        return colors[((index % n) + n) % n]
    }

    /// The colour of class `index` as bytes, for painting class maps.
    public static func rgb(_ index: Int) -> (UInt8, UInt8, UInt8) {
        let hex = Array(color(index).utf8.dropFirst())
        func byte(_ i: Int) -> UInt8 { UInt8(String(decoding: hex[i..<(i + 2)], as: UTF8.self), radix: 16) ?? 0 }
        return (byte(0), byte(2), byte(4))
    }
}
