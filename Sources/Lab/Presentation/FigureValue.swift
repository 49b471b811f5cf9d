import Figures
import Tensors
import Foundation

/// A figure made by a built-in: inline SVG, a PNG, or an explorer (sheets of
/// PNGs that the page shows with a script of its own). Numbering happens when
/// the page is assembled, so figures are numbered per lesson in page order.
public struct FigureValue: LabObject {
    public enum Content: Sendable, Equatable {
        case svg(String)
        /// PNG bytes with their pixel size and the width to show them at.
        case png([UInt8], width: Int, height: Int, displayWidth: Int)
        /// The Deep Visualization Toolbox's data; the page adds the script.
        case explorer(ExplorerFigure)
    }

    public var content: Content
    public var title: String?
    public var caption: String?
    /// Alternative text for readers who cannot see the image.
    public var alt: String
    /// `label="fig-NAME"` (format 1.1, section 9.1): what prose refers to as
    /// `@fig-NAME`. Stored values do not carry it (ValueCodec is part of the
    /// engine fingerprint); block snapshots keep it beside each output.
    public var label: String?

    public init(content: Content, title: String? = nil, caption: String? = nil, alt: String, label: String? = nil) {
        self.content = content
        self.title = title
        self.caption = caption
        self.alt = alt
        self.label = label
    }

    public var typeName: String { "figure" }
    public var display: Output { .figure(self) }
    public var fieldNames: [String] { ["title", "caption"] }

    public func field(_ name: String) -> Value? {
        switch name {
        case "title": return title.map(Value.string) ?? Value.none
        case "caption": return caption.map(Value.string) ?? Value.none
        default: return nil
        }
    }

    public var contentKey: String {
        switch content {
        case let .svg(s): return "svg:" + s
        case let .png(b, w, h, _): return "png:\(w)x\(h):\(FNV1a.hash(b))"
        case let .explorer(e):
            let sheets = e.images + e.layers.flatMap { $0.activations + $0.projections + [$0.patches] + ($0.filters.map { [$0] } ?? []) }
            return "explorer:\(e.labels.joined(separator: "|")):\(FNV1a.hash(sheets.flatMap(\.png)))"
        }
    }
}

/// A table: a header and rows of cells. Numeric cells keep their number so
/// the page can right-align them and tests can read them back.
public struct TableValue: LabObject {
    public struct Cell: Sendable {
        public var text: String
        public var number: Double?
        public init(_ text: String, number: Double? = nil) {
            self.text = text
            self.number = number
        }
    }

    public var columns: [String]
    public var rows: [[Cell]]
    public var title: String?
    public var caption: String?
    /// Optional totals row, shown in bold below the others.
    public var footer: [Cell]?
    /// Fields reachable as `t.name` (a summary's `.params`, ...).
    var extraFields: Record
    /// `label="tbl-NAME"` (format 1.1, section 9.1), kept as a figure's is.
    public var label: String?

    public init(columns: [String], rows: [[Cell]], title: String? = nil, caption: String? = nil,
                footer: [Cell]? = nil, extraFields: Record = Record(), label: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.title = title
        self.caption = caption
        self.footer = footer
        self.extraFields = extraFields
        self.label = label
    }

    public var typeName: String { "table" }
    public var display: Output { .table(self) }
    public var fieldNames: [String] { extraFields.names + ["rows", "columns"] }

    public func field(_ name: String) -> Value? {
        if let v = extraFields[name] { return v }
        switch name {
        case "columns": return .list(columns.map(Value.string))
        case "rows":
            return .list(rows.map { row in
                .record(Record(zip(columns, row).map { ($0, $1.number.map(Value.number) ?? .string($1.text)) }))
            })
        default:
            // A column by name, as a list of its values.
            guard let c = columns.firstIndex(of: name) else { return nil }
            return .list(rows.map { $0[c].number.map(Value.number) ?? .string($0[c].text) })
        }
    }

    public var contentKey: String {
        "table:" + columns.joined(separator: "|") + ":" + rows.map { $0.map(\.text).joined(separator: "|") }.joined(separator: "/")
    }
}
