import Datasets
import NeuralNet
import Tensors

/// Values of the language as bytes: exact (numbers keep their Float64
/// bits, tensors their Float32 bits) and self-describing, with a tag before
/// every value and a length before every sequence. Models travel as their
/// description and seed, or as a model file once trained; figures, tables
/// and small datasets whole. A value with no stored form (a large dataset,
/// an opaque object) encodes to nil: its block is run again when needed.
///
/// This is the payload format only; whoever stores it seals it (a
/// checksum and the key it was stored under) and verifies it on load.
enum ValueCodec {
    /// Datasets larger than this (in image values) are not stored: loading
    /// or slicing them again is cheaper than the disk they would take.
    static let maxDatasetValues = 1 << 20
    /// A data set made in the lesson (`sequence_task`, `dataset(x, y)`) has
    /// no file to rebuild it from: it is stored up to 32 MB of values (a
    /// stored value is read only when a name is read, so size costs disk only).
    static let maxMadeDatasetValues = 1 << 23

    static func encode(_ v: Value) -> [UInt8]? {
        var w = ByteWriter()
        return write(v, &w) ? w.bytes : nil
    }

    static func decode(_ bytes: [UInt8]) -> Value? {
        var r = ByteReader(bytes)
        guard let v = read(&r, depth: 0), r.atEnd else { return nil }
        return v
    }

    static func write(_ v: Value, _ w: inout ByteWriter) -> Bool {
        switch v {
        case let .number(x): w.tag("n"); w.word(x.bitPattern)
        case let .bool(b): w.tag(b ? "T" : "F")
        case let .string(s): w.tag("s"); w.string(s)
        case .none: w.tag("z")
        case let .tensor(t): w.tag("t"); w.tensor(t)
        case let .list(items):
            w.tag("l")
            w.count(items.count)
            for item in items where !write(item, &w) { return false }
        case let .record(r):
            w.tag("r")
            return writeRecord(r, &w)
        case let .object(o):
            return writeObject(o, &w)
        }
        return true
    }

    static func writeRecord(_ r: Record, _ w: inout ByteWriter) -> Bool {
        w.count(r.fields.count)
        for (name, value) in r.fields {
            w.string(name)
            guard write(value, &w) else { return false }
        }
        return true
    }

    private static func writeObject(_ o: any LabObject, _ w: inout ByteWriter) -> Bool {
        switch o {
        case let m as ModelValue:
            w.tag("m")
            w.string(m.key)
            w.string(m.description.source)
            w.word(m.initSeed)
            if let network = m.trained {
                w.tag("1")
                w.blob(ModelFile.encode(network, history: m.history))
            } else {
                w.tag("0")
            }
        case let d as DatasetValue where d.images.count > maxDatasetValues && d.data.targets == nil
                                          && DatasetReference.canRebuild(d.fingerprint):
            w.tag("D")
            w.string(d.fingerprint)
        case let d as DatasetValue where d.data.targets != nil:
            guard d.images.count + d.data.targets!.count <= maxMadeDatasetValues else { return false }
            w.tag("e")
            w.tensor(d.images)
            w.tensor(d.data.targets!)
            w.string(d.fingerprint)
        case let d as DatasetValue:
            guard d.images.count <= maxMadeDatasetValues else { return false }
            w.tag("d")
            w.tensor(d.images)
            w.count(d.labels.count)
            for l in d.labels { w.word(UInt64(l)) }
            w.strings(d.classes)
            w.string(d.fingerprint)
        case let f as FigureValue:
            w.tag("g")
            w.optional(f.title)
            w.optional(f.caption)
            w.string(f.alt)
            switch f.content {
            case let .svg(s): w.tag("v"); w.string(s)
            case let .png(bytes, width, height, display):
                w.tag("p"); w.blob(bytes); w.count(width); w.count(height); w.count(display)
            case let .explorer(e): w.tag("x"); writeExplorer(e, &w)
            }
        case let t as TableValue:
            w.tag("b")
            w.strings(t.columns)
            w.count(t.rows.count)
            for row in t.rows { writeCells(row, &w) }
            w.optional(t.title)
            w.optional(t.caption)
            if let footer = t.footer { w.tag("1"); writeCells(footer, &w) } else { w.tag("0") }
            return writeRecord(t.extraFields, &w)
        case let f as FunctionValue:
            // Its text and place, parsed again on the way back, and what it captured.
            w.tag("u")
            w.string(f.source)
            w.string(f.origin.file)
            w.count(f.origin.firstLine)
            w.count(f.origin.columnOffsets.count)
            for o in f.origin.columnOffsets { w.count(o) }
            return writeRecord(f.captured, &w)
        case let s as SummaryValue:
            w.tag("S")
            w.string(s.source)
            w.optional(s.title)
            w.optional(s.caption)
        default:
            return false
        }
        return true
    }

    private static func writeCells(_ cells: [TableValue.Cell], _ w: inout ByteWriter) {
        w.count(cells.count)
        for c in cells {
            w.string(c.text)
            if let x = c.number { w.tag("1"); w.word(x.bitPattern) } else { w.tag("0") }
        }
    }

    /// Values nest at most this deep, as the language allows.
    static let maxDepth = 128

    static func read(_ r: inout ByteReader, depth: Int) -> Value? {
        guard depth <= maxDepth, let tag = r.tag() else { return nil }
        switch tag {
        case "n": return r.word().map { .number(Double(bitPattern: $0)) }
        case "T": return .bool(true)
        case "F": return .bool(false)
        case "s": return r.string().map(Value.string)
        case "z": return Value.none
        case "t": return r.tensor().map(Value.tensor)
        case "l":
            guard let n = r.count() else { return nil }
            var items: [Value] = []
            for _ in 0..<n {
                guard let v = read(&r, depth: depth + 1) else { return nil }
                items.append(v)
            }
            return .list(items)
        case "r": return readRecord(&r, depth: depth).map(Value.record)
        default: return readObject(tag, &r, depth: depth).map(Value.object)
        }
    }

    static func readRecord(_ r: inout ByteReader, depth: Int) -> Record? {
        guard let n = r.count() else { return nil }
        var record = Record()
        for _ in 0..<n {
            guard let name = r.string(), let v = read(&r, depth: depth + 1) else { return nil }
            record.fields.append((name, v))
        }
        return record
    }

    private static func readObject(_ tag: Character, _ r: inout ByteReader, depth: Int) -> (any LabObject)? {
        switch tag {
        case "m":
            guard let key = r.string(), let source = r.string(), let seed = r.word(), let trained = r.tag(),
                  let description = try? NetworkDescription.parse(source) else { return nil }
            if trained == "0" { return ModelValue(description: description, seed: seed, key: key) }
            guard trained == "1", let blob = r.blob(), let (network, history) = try? ModelFile.decode(blob) else { return nil }
            return ModelValue(network: network, history: history, key: key)
        case "D":
            guard let fingerprint = r.string(), let data = DatasetReference.rebuild(fingerprint) else { return nil }
            return DatasetValue(data)
        case "e":
            guard let images = r.tensor(), let targets = r.tensor(), let fingerprint = r.string() else { return nil }
            return DatasetValue(LabeledImages(images: images, targets: targets, fingerprint: fingerprint))
        case "d":
            guard let images = r.tensor(), let n = r.count(), images.rank >= 2, images.shape[0] == n else { return nil }
            var labels: [Int] = []
            for _ in 0..<n {
                guard let l = r.word(), l < 1 << 31 else { return nil }
                labels.append(Int(l))
            }
            guard let classes = r.strings(), let fingerprint = r.string() else { return nil }
            return DatasetValue(LabeledImages(images: images, labels: labels, classes: classes, fingerprint: fingerprint))
        case "g":
            guard let title = r.optional(), let caption = r.optional(), let alt = r.string(), let kind = r.tag() else { return nil }
            switch kind {
            case "v":
                guard let svg = r.string() else { return nil }
                return FigureValue(content: .svg(svg), title: title, caption: caption, alt: alt)
            case "p":
                guard let bytes = r.blob(), let w = r.natural(), let h = r.natural(), let d = r.natural() else { return nil }
                return FigureValue(content: .png(bytes, width: w, height: h, displayWidth: d), title: title, caption: caption, alt: alt)
            case "x":
                guard let e = readExplorer(&r) else { return nil }
                return FigureValue(content: .explorer(e), title: title, caption: caption, alt: alt)
            default: return nil
            }
        case "b":
            guard let columns = r.strings(), let n = r.count() else { return nil }
            var rows: [[TableValue.Cell]] = []
            for _ in 0..<n {
                guard let row = readCells(&r) else { return nil }
                rows.append(row)
            }
            guard let title = r.optional(), let caption = r.optional(), let hasFooter = r.tag() else { return nil }
            var footer: [TableValue.Cell]?
            if hasFooter == "1" {
                guard let f = readCells(&r) else { return nil }
                footer = f
            }
            guard let extra = readRecord(&r, depth: depth) else { return nil }
            return TableValue(columns: columns, rows: rows, title: title, caption: caption, footer: footer, extraFields: extra)
        case "u":
            guard let source = r.string(), let file = r.string(), let firstLine = r.natural(), let n = r.count(),
                  n <= source.utf8.count + 1 else { return nil }
            var offsets: [Int] = []
            for _ in 0..<n {
                guard let o = r.natural() else { return nil }
                offsets.append(o)
            }
            let origin = SourceOrigin(file: file, firstLine: firstLine, columnOffsets: offsets)
            guard let captured = readRecord(&r, depth: depth),
                  case let .function(parameters, body, _, _, _)? = Parser.parseFunction(source, origin: origin) else { return nil }
            return FunctionValue(parameters: parameters, body: body, source: source, origin: origin, captured: captured)
        case "S":
            guard let source = r.string(), let title = r.optional(), let caption = r.optional(),
                  let summary = try? NetworkDescription.parse(source).summary() else { return nil }
            return SummaryValue(source: source, summary: summary, title: title, caption: caption)
        default:
            return nil
        }
    }

    private static func readCells(_ r: inout ByteReader) -> [TableValue.Cell]? {
        guard let n = r.count() else { return nil }
        var cells: [TableValue.Cell] = []
        for _ in 0..<n {
            guard let text = r.string(), let has = r.tag() else { return nil }
            var number: Double?
            if has == "1" {
                guard let bits = r.word() else { return nil }
                number = Double(bitPattern: bits)
            }
            cells.append(TableValue.Cell(text, number: number))
        }
        return cells
    }
}

/// Little-endian bytes, written forward.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func tag(_ c: Character) { bytes.append(c.asciiValue!) }
    mutating func word(_ x: UInt64) { withUnsafeBytes(of: x.littleEndian) { bytes += $0 } }
    mutating func count(_ n: Int) { word(UInt64(n)) }
    mutating func blob(_ b: [UInt8]) { count(b.count); bytes += b }
    mutating func string(_ s: String) { blob(Array(s.utf8)) }
    mutating func strings(_ xs: [String]) { count(xs.count); for s in xs { string(s) } }

    mutating func optional(_ s: String?) {
        if let s { tag("1"); string(s) } else { tag("0") }
    }

    mutating func tensor(_ t: Tensor) {
        count(t.rank)
        for d in t.shape { count(d) }
        t.scalars.withUnsafeBytes { bytes += $0 }
    }
}

/// Reads what ByteWriter wrote; nil as soon as anything would pass the end
/// or does not make sense, so damaged bytes never allocate or trap.
struct ByteReader {
    let bytes: [UInt8]
    var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { at == bytes.count }
    var remaining: Int { bytes.count - at }

    mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
        guard n >= 0, n <= remaining else { return nil }
        defer { at += n }
        return bytes[at..<(at + n)]
    }

    mutating func tag() -> Character? { take(1).map { Character(Unicode.Scalar($0.first!)) } }

    mutating func word() -> UInt64? {
        guard let raw = take(8) else { return nil }
        var x: UInt64 = 0
        for (i, b) in raw.enumerated() { x |= UInt64(b) << (8 * i) }
        return x
    }

    /// A count no larger than the bytes left could hold.
    mutating func count() -> Int? {
        guard let w = word(), w <= UInt64(remaining) else { return nil }
        return Int(w)
    }

    /// A number that is not a length (pixels, a line, a column): bounded by
    /// `limit`, not by the bytes left, since nothing of that size follows.
    mutating func natural(limit: Int = 1 << 40) -> Int? {
        guard let w = word(), w <= UInt64(limit) else { return nil }
        return Int(w)
    }

    mutating func blob() -> [UInt8]? { count().flatMap { take($0).map(Array.init) } }
    mutating func string() -> String? { blob().flatMap { String(validating: $0, as: UTF8.self) } }

    mutating func strings() -> [String]? {
        guard let n = count() else { return nil }
        var out: [String] = []
        for _ in 0..<n {
            guard let s = string() else { return nil }
            out.append(s)
        }
        return out
    }

    mutating func optional() -> String?? {
        guard let t = tag() else { return nil }
        if t == "0" { return .some(nil) }
        guard t == "1", let s = string() else { return nil }
        return .some(s)
    }

    mutating func tensor() -> Tensor? {
        guard let rank = count(), rank <= 8 else { return nil }
        var shape: [Int] = []
        for _ in 0..<rank {
            guard let d = count() else { return nil }
            shape.append(d)
        }
        guard let n = try? Tensor.checkedCount(shape), n <= remaining / 4, let raw = take(4 * n) else { return nil }
        var values = [Float](repeating: 0, count: n)
        values.withUnsafeMutableBytes { dst in raw.withUnsafeBytes { dst.copyMemory(from: $0) } }
        return Tensor(shape: shape, scalars: values)
    }
}
