import Tensors

/// Walks expressions. Locals hold comprehension variables, which shadow the
/// session's names and never leak out of their brackets.
struct Evaluator {
    let session: Session
    var locals: [String: Value] = [:]

    func evaluate(_ expr: Expr) throws -> Value {
        switch expr {
        case let .number(v, _): return .number(v)
        case let .string(s, _): return .string(s)
        case let .bool(b, _): return .bool(b)
        case .none: return .none
        case let .name(n, loc): return try lookup(n, at: loc)
        case let .list(items, loc):
            return try ValueDepth.checked(.list(try items.map(evaluate)), at: loc, "this list")
        case let .record(fields, loc):
            return try ValueDepth.checked(.record(Record(try fields.map { ($0.0, try evaluate($0.1)) })), at: loc, "this record")
        case let .comprehension(element, variable, sequence, condition, loc):
            return try ValueDepth.checked(try comprehension(element, variable, sequence, condition, loc), at: loc, "this list")
        case let .unary(op, operand, loc):
            let v = try evaluate(operand)
            return try Operators.unary(op, v, at: loc)
        case let .binary(.and, a, b, loc):
            return .bool(try truth(a, loc, "and") && truth(b, loc, "and"))
        case let .binary(.or, a, b, loc):
            return .bool(try truth(a, loc, "or") || truth(b, loc, "or"))
        case let .binary(op, a, b, loc):
            return try Operators.binary(op, try evaluate(a), try evaluate(b), at: loc)
        case let .call(callee, args, loc):
            return try call(callee, args, loc)
        case let .index(base, indices, loc):
            return try Indexing.index(try evaluate(base), try indices.map(indexValue), at: loc)
        case let .field(base, name, loc):
            return try Indexing.field(try evaluate(base), name, at: loc)
        }
    }

    func lookup(_ name: String, at loc: SourceLocation) throws -> Value {
        if let v = locals[name] ?? session.environment[name] ?? session.materialize(name) { return v }
        if let why = session.missing[name] {
            throw LabError("'\(name)' has no value: \(why)", at: loc)
        }
        if session.registry[name] != nil {
            throw LabError("'\(name)' is a built-in function; call it as \(name)(...)", at: loc)
        }
        var message = "unknown name '\(name)'"
        let values = Array(session.environment.keys) + Array(locals.keys)
        if let s = Suggest.closest(to: name, in: [values, session.registry.names]) { message += "; did you mean '\(s)'?" }
        throw LabError(message, at: loc)
    }

    /// `and`, `or` and `not` take booleans only: `[1, 2] and x` is almost
    /// certainly a mistake, and NumPy refuses it too.
    func truth(_ e: Expr, _ loc: SourceLocation, _ op: String) throws -> Bool {
        let v = try evaluate(e)
        guard case let .bool(b) = v else {
            throw LabError("'\(op)' needs true or false, got \(v.kindDescription)", at: e.location)
        }
        return b
    }

    func comprehension(_ element: Expr, _ variable: String, _ sequence: Expr, _ condition: Expr?,
                       _ loc: SourceLocation) throws -> Value {
        let items = try Indexing.iterate(try evaluate(sequence), at: sequence.location)
        var inner = self
        var out: [Value] = []
        out.reserveCapacity(items.count)
        for item in items {
            try session.checkDeadline(at: loc)
            inner.locals[variable] = item
            if let c = condition {
                guard case let .bool(keep) = try inner.evaluate(c) else {
                    throw LabError("the 'if' of a comprehension needs true or false", at: c.location)
                }
                if !keep { continue }
            }
            out.append(try inner.evaluate(element))
        }
        return .list(out)
    }

    func call(_ callee: Expr, _ args: [Argument], _ loc: SourceLocation) throws -> Value {
        guard case let .name(name, nameLoc) = callee else {
            throw LabError("only built-in functions can be called", at: loc)
        }
        guard let builtin = session.registry[name] else {
            if locals[name] != nil || session.environment[name] != nil || session.stored[name] != nil {
                throw LabError("'\(name)' is a value, not a function", at: nameLoc)
            }
            var message = "unknown function '\(name)'"
            if let s = Suggest.closest(to: name, among: session.registry.names) { message += "; did you mean '\(s)'?" }
            throw LabError(message, at: nameLoc)
        }
        try session.checkDeadline(at: nameLoc)
        var values: [(label: String?, value: Value, location: SourceLocation, labelLocation: SourceLocation, literal: Bool)] = []
        for a in args {
            var literal = false
            if case let .string(s, _) = a.value { literal = !s.contains("\n") && !s.contains("\"") && !s.contains("\\") }
            values.append((a.label, try evaluate(a.value), a.value.location, a.location, literal))
        }
        var bound = try Arguments(binding: values, to: builtin, at: nameLoc, session: session)
        let context = CallContext(session: session, location: nameLoc, builtin: name)
        do {
            // Long loops in the compute modules poll `stop`; a call they cut
            // short (or that simply ended late) is the block's timeout,
            // whatever error the cut left behind.
            let result: Value
            do {
                result = try Interruption.withStop(context.stop) {
                    try session.memoized(builtin, &bound, context)
                }
            } catch {
                try session.checkDeadline(at: nameLoc)
                throw error
            }
            try session.checkDeadline(at: nameLoc)
            return try ValueDepth.checked(result, at: nameLoc, "the result of \(name)")
        } catch let e as LabError {
            throw LabError(e.message.hasPrefix(name + ":") ? e.message : "\(name): \(e.message)", at: e.location ?? nameLoc)
        } catch let e as TensorError {
            throw LabError("\(name): \(e.description)", at: nameLoc)
        }
    }

    func indexValue(_ i: IndexArgument) throws -> Indexing.Index {
        switch i {
        case let .single(e): return .single(try evaluate(e), e.location)
        case let .slice(a, b, c):
            func part(_ x: Expr?) throws -> Int? {
                guard let x else { return nil }
                return try Indexing.integer(try evaluate(x), at: x.location)
            }
            return .slice(try part(a), try part(b), try part(c))
        }
    }
}
