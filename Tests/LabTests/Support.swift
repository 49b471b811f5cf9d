import Foundation
import Testing
@testable import Lab
import Tensors

/// Helpers shared by the Lab tests: a fresh session for `lessons/t.md`,
/// snippets placed at line 10 of that file, and plain views of values.
enum Harness {
    static let file = "lessons/t.md"

    static func session(seed: UInt64 = 0) -> Session {
        Session(file: file, seed: seed, lessonDirectory: URL(fileURLWithPath: "/tmp/proj/lessons"),
                projectRoot: URL(fileURLWithPath: "/tmp/proj"))
    }

    /// A snippet whose first line is line `line` of the file, each line indented by `indent`.
    static func origin(line: Int = 10, indent: Int = 0, lines: Int = 64) -> SourceOrigin {
        SourceOrigin(file: file, firstLine: line, columnOffsets: Array(repeating: indent, count: lines))
    }

    @discardableResult
    static func run(_ source: String, in s: Session, id: String = "x") -> BlockRun {
        s.run(block: source, origin: origin(), label: "block '\(id)'", seedKey: id)
    }

    /// The value of one expression in a fresh session (after `setup`), or nil on an error.
    static func value(_ expr: String, setup: String = "") -> Value? {
        let s = session()
        if !setup.isEmpty { run(setup, in: s, id: "setup") }
        let r = run("result_ = " + expr, in: s)
        return r.status == .ok ? s.value(of: "result_") : nil
    }

    /// The one error an expression (or block) raises, run in a fresh session.
    static func error(_ source: String, setup: String = "") -> Diagnostic? {
        let s = session()
        if !setup.isEmpty { run(setup, in: s, id: "setup") }
        return run(source, in: s).diagnostics.first
    }

    static func inline(_ span: String, after block: String = "") -> InlineRun {
        let s = session()
        if !block.isEmpty { run(block, in: s) }
        return s.evaluate(inline: span, origin: SourceOrigin(file: file, firstLine: 30, columnOffsets: [5]))
    }
}

extension Value {
    var number: Double? { if case let .number(x) = self { return x }; return nil }
    var bool: Bool? { if case let .bool(b) = self { return b }; return nil }
    var string: String? { if case let .string(s) = self { return s }; return nil }
    var tensor: Tensor? { if case let .tensor(t) = self { return t }; return nil }

    /// Every number in the value, flattened (numbers, bools, tensors, lists of those).
    var flat: [Double]? {
        switch self {
        case let .number(x): return [x]
        case let .bool(b): return [b ? 1 : 0]
        case let .tensor(t): return t.scalars.map(Double.init)
        case let .list(items):
            var out: [Double] = []
            for i in items { guard let f = i.flat else { return nil }; out += f }
            return out
        default: return nil
        }
    }
}

/// Element-wise closeness with an absolute-plus-relative tolerance.
func close(_ a: [Double]?, _ b: [Double], tol: Double = 1e-5) -> Bool {
    guard let a, a.count == b.count else { return false }
    return zip(a, b).allSatisfy { x, y in
        (x.isNaN && y.isNaN) || x == y || abs(x - y) <= tol * max(1, abs(y))
    }
}

/// A syntax tree as an s-expression, so tests can state a parse in one string:
/// `-2^2` is `(neg (^ 2 2))`.
func sexpr(_ e: Expr) -> String {
    switch e {
    case let .number(v, _): return ValueFormat.plain(v)
    case let .string(s, _): return "\"\(s)\""
    case let .bool(b, _): return b ? "true" : "false"
    case .none: return "none"
    case let .name(n, _): return n
    case let .list(items, _): return "[" + items.map(sexpr).joined(separator: " ") + "]"
    case let .comprehension(el, v, seq, cond, _):
        return "(for \(sexpr(el)) \(v) \(sexpr(seq))" + (cond.map { " if " + sexpr($0) } ?? "") + ")"
    case let .record(fields, _): return "{" + fields.map { "\($0.0): \(sexpr($0.1))" }.joined(separator: " ") + "}"
    case let .unary(op, x, _): return "(\(op == .negate ? "neg" : "not") \(sexpr(x)))"
    case let .conditional(a, c, b, _): return "(if \(sexpr(c)) \(sexpr(a)) \(sexpr(b)))"
    case let .function(ps, body, _, _, _): return "(fn (\(ps.joined(separator: " "))) \(sexpr(body)))"
    case let .binary(op, a, b, _): return "(\(op.rawValue) \(sexpr(a)) \(sexpr(b)))"
    case let .call(f, args, _):
        let parts = args.map { ($0.label.map { $0 + "=" } ?? "") + sexpr($0.value) }
        return "(call \(sexpr(f))" + parts.map { " " + $0 }.joined() + ")"
    case let .index(base, idx, _):
        let parts = idx.map { i -> String in
            switch i {
            case let .single(x): return sexpr(x)
            case let .slice(a, b, c): return [a, b, c].map { $0.map(sexpr) ?? "_" }.joined(separator: ":")
            }
        }
        return "(idx \(sexpr(base)) " + parts.joined(separator: " ") + ")"
    case let .field(base, n, _): return "(. \(sexpr(base)) \(n))"
    }
}

/// The first statement of a one-line block, parsed at line 10.
func parseOne(_ source: String) -> Statement? {
    let p = Parser.parseBlock(source, origin: Harness.origin())
    return p.diagnostics.isEmpty ? p.statements.first : nil
}

/// The expression of a one-line expression statement, as an s-expression.
func parsed(_ source: String) -> String? {
    switch parseOne(source) {
    case let .expression(e)?: return sexpr(e)
    case let .assign(n, e, _)?: return "(= \(n) \(sexpr(e)))"
    default: return nil
    }
}
