/// The experiment language's syntax tree. Every node keeps the location of
/// the token that names it (an operator, a call's name), which is where an
/// evaluation error is reported.
indirect enum Expr: Sendable {
    case number(Double, SourceLocation)
    case string(String, SourceLocation)
    case bool(Bool, SourceLocation)
    case none(SourceLocation)
    case name(String, SourceLocation)
    case list([Expr], SourceLocation)
    case comprehension(element: Expr, variable: String, sequence: Expr, condition: Expr?, SourceLocation)
    case record([(String, Expr)], SourceLocation)
    case unary(UnaryOperator, Expr, SourceLocation)
    case binary(BinaryOperator, Expr, Expr, SourceLocation)
    case call(Expr, [Argument], SourceLocation)
    case index(Expr, [IndexArgument], SourceLocation)
    case field(Expr, String, SourceLocation)
    /// `a if condition else b`; the location is the `if`'s.
    case conditional(Expr, condition: Expr, otherwise: Expr, SourceLocation)
    /// `fn(x, y) => body`: `source` is the text from `fn` to the end of the
    /// body, and `origin` places it in the lesson, so a stored function can
    /// be parsed again with the same locations.
    case function(parameters: [String], body: Expr, source: String, origin: SourceOrigin, SourceLocation)

    public var location: SourceLocation {
        switch self {
        case let .number(_, l), let .string(_, l), let .bool(_, l), let .none(l), let .name(_, l),
             let .list(_, l), let .comprehension(_, _, _, _, l), let .record(_, l), let .unary(_, _, l),
             let .binary(_, _, _, l), let .call(_, _, l), let .index(_, _, l), let .field(_, _, l),
             let .conditional(_, _, _, l), let .function(_, _, _, _, l):
            return l
        }
    }

    /// Every name this expression reads (comprehension variables excluded),
    /// used to skip blocks that depend on a name an earlier block failed to bind.
    func freeNames(bound: Set<String> = []) -> Set<String> {
        switch self {
        case .number, .string, .bool, .none: return []
        case let .name(n, _): return bound.contains(n) ? [] : [n]
        case let .list(items, _): return items.reduce(into: []) { $0.formUnion($1.freeNames(bound: bound)) }
        case let .comprehension(e, v, seq, cond, _):
            var inner = bound
            inner.insert(v)
            return seq.freeNames(bound: bound)
                .union(e.freeNames(bound: inner))
                .union(cond?.freeNames(bound: inner) ?? [])
        case let .record(fields, _): return fields.reduce(into: []) { $0.formUnion($1.1.freeNames(bound: bound)) }
        case let .unary(_, e, _), let .field(e, _, _): return e.freeNames(bound: bound)
        case let .binary(_, a, b, _): return a.freeNames(bound: bound).union(b.freeNames(bound: bound))
        case let .conditional(a, c, b, _):
            return a.freeNames(bound: bound).union(c.freeNames(bound: bound)).union(b.freeNames(bound: bound))
        case let .function(parameters, body, _, _, _): return body.freeNames(bound: bound.union(parameters))
        case let .call(f, args, _):
            return args.reduce(into: f.freeNames(bound: bound)) { $0.formUnion($1.value.freeNames(bound: bound)) }
        case let .index(e, idx, _):
            return idx.reduce(into: e.freeNames(bound: bound)) { acc, i in
                switch i {
                case let .single(x): acc.formUnion(x.freeNames(bound: bound))
                case let .slice(a, b, c):
                    for part in [a, b, c] { if let p = part { acc.formUnion(p.freeNames(bound: bound)) } }
                }
            }
        }
    }
}

enum UnaryOperator: String, Sendable { case negate = "-", not = "not" }

enum BinaryOperator: String, Sendable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case add = "+", subtract = "-", multiply = "*", divide = "/", matmul = "@", modulo = "%", power = "^"
}

struct Argument: Sendable {
    public var label: String?
    public var value: Expr
    public var location: SourceLocation
}

enum IndexArgument: Sendable {
    case single(Expr)
    case slice(Expr?, Expr?, Expr?)
}

/// What an `expect` statement (or an inline span) compares against.
enum ClaimForm: Sendable {
    /// `~ CLAIM`: the documented number, as written.
    case approx(String, SourceLocation)
    /// `!~ CLAIM`: an erratum, which must not reproduce.
    case erratum(String, SourceLocation)
    /// `== VALUE`: a documented literal (`138,357,544`) or any expression.
    case exact(ExactTarget, SourceLocation)
    /// plain `expect expr`: the value must be true.
    case truth
}

enum ExactTarget: Sendable {
    case literal(String)
    case expression(Expr)
}

enum Statement: Sendable {
    case assign(String, Expr, SourceLocation)
    case expression(Expr)
    case expect(Expr, ClaimForm, source: String, SourceLocation)

    public var location: SourceLocation {
        switch self {
        case let .assign(_, _, l), let .expect(_, _, _, l): return l
        case let .expression(e): return e.location
        }
    }

    /// The name a statement binds, if any.
    var boundName: String? {
        if case let .assign(n, _, _) = self { return n }
        return nil
    }

    var freeNames: Set<String> {
        switch self {
        case let .assign(_, e, _), let .expression(e): return e.freeNames()
        case let .expect(e, form, _, _):
            if case let .exact(.expression(t), _) = form { return e.freeNames().union(t.freeNames()) }
            return e.freeNames()
        }
    }
}
