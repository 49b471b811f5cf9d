import Tensors

/// A value of the experiment language.
public enum Value: Sendable {
    case number(Double)
    case bool(Bool)
    case string(String)
    case tensor(Tensor)
    case list([Value])
    case record(Record)
    case none
    /// Opaque values made by built-ins: models, figures, tables, datasets.
    case object(any LabObject)

    /// How the value is named in error messages: "a number", "a tensor of shape (2, 3)".
    var kindDescription: String {
        switch self {
        case .number: return "a number"
        case .bool: return "a boolean"
        case .string: return "a string"
        case let .tensor(t): return "a tensor of shape \(Tensor.describe(t.shape))"
        case let .list(items): return "a list of \(items.count)"
        case .record: return "a record"
        case .none: return "none"
        case let .object(o): return "a \(o.typeName)"
        }
    }

    var isNone: Bool { if case .none = self { true } else { false } }

    var typeName: String {
        switch self {
        case .number: return "number"
        case .bool: return "bool"
        case .string: return "string"
        case .tensor: return "tensor"
        case .list: return "list"
        case .record: return "record"
        case .none: return "none"
        case let .object(o): return o.typeName
        }
    }
}

/// Fields in the order they were written; records are small, so a linear
/// search keeps the order without a second index.
public struct Record: Sendable {
    public var fields: [(name: String, value: Value)]

    public init(_ fields: [(name: String, value: Value)] = []) { self.fields = fields }

    public subscript(name: String) -> Value? {
        get { fields.first { $0.name == name }?.value }
        set {
            if let i = fields.firstIndex(where: { $0.name == name }) {
                if let v = newValue { fields[i].value = v } else { fields.remove(at: i) }
            } else if let v = newValue {
                fields.append((name, v))
            }
        }
    }

    public var names: [String] { fields.map(\.name) }
}

/// What built-ins return when a value is more than numbers: it names its
/// type, exposes fields, and says how it shows on the page.
public protocol LabObject: Sendable {
    var typeName: String { get }
    var fieldNames: [String] { get }
    func field(_ name: String) -> Value?
    /// What shows below a block when the value is displayed.
    var display: Output { get }
    /// A stable encoding of the value's content, for cache keys.
    var contentKey: String { get }
}

extension LabObject {
    var fieldNames: [String] { [] }
    func field(_ name: String) -> Value? { nil }
}

/// One item shown below a block.
public enum Output: Sendable {
    case text(String, caption: String?)
    case figure(FigureValue)
    case table(TableValue)
}
