import Tensors

/// Walks expressions. Locals hold comprehension variables, which shadow the
/// session's names and never leak out of their brackets.
struct Evaluator {
    let session: Session
    var locals: [String: Value] = [:]
    /// How many user functions are running around this evaluation.
    var callDepth = 0
    /// Inside a function's body: only its captures and parameters are
    /// names, never the session's later values.
    var capturedOnly = false

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
        case let .conditional(a, condition, b, _):
            let c = try evaluate(condition)
            guard case let .bool(choice) = c else {
                throw LabError("the condition of 'a if condition else b' needs true or false, got \(c.kindDescription)"
                               + (Coercion.isNumeric(c) ? "; to choose element by element, use where(mask, a, b)" : ""),
                               at: condition.location)
            }
            return try evaluate(choice ? a : b)
        case let .function(parameters, body, source, origin, loc):
            return try ValueDepth.checked(.object(try makeFunction(parameters, body, source, origin, at: loc)),
                                          at: loc, "this function (with the functions it uses)")
        }
    }

    /// A function value, with the names its body reads captured now.
    func makeFunction(_ parameters: [String], _ body: Expr, _ source: String, _ origin: SourceOrigin,
                      at loc: SourceLocation) throws -> FunctionValue {
        var captured = Record()
        for name in body.freeNames(bound: Set(parameters)).sorted() {
            if let v = bound(name) {
                captured[name] = v
            } else if session.registry[name] == nil {
                // Reported now, where the function is written, not at its first call.
                _ = try lookup(name, at: loc)
            }
        }
        return FunctionValue(parameters: parameters, body: body, source: source, origin: origin, captured: captured)
    }

    /// User functions calling user functions nest at most this deep.
    static let maxCallDepth = 100

    func apply(_ f: FunctionValue, name: String, _ args: [Argument], at loc: SourceLocation) throws -> Value {
        guard callDepth < Evaluator.maxCallDepth else {
            throw LabError("functions call functions more than \(Evaluator.maxCallDepth) levels deep", at: loc)
        }
        var bound: [String: Value] = [:]
        for (i, a) in args.enumerated() {
            let key: String
            if let label = a.label {
                guard f.parameters.contains(label) else {
                    var message = "\(name) has no parameter '\(label)'; it is \(f.signature)"
                    if let s = Suggest.closest(to: label, among: f.parameters) { message += "; did you mean '\(s)'?" }
                    throw LabError(message, at: a.location)
                }
                key = label
            } else {
                guard i < f.parameters.count else {
                    throw LabError("\(name) takes \(f.parameters.count) argument\(f.parameters.count == 1 ? "" : "s"), "
                                   + "got \(args.count); it is \(f.signature)", at: a.location)
                }
                key = f.parameters[i]
            }
            guard bound[key] == nil else { throw LabError("\(name) got '\(key)' twice", at: a.location) }
            bound[key] = try evaluate(a.value)
        }
        if let missing = f.parameters.first(where: { bound[$0] == nil }) {
            throw LabError("\(name) needs '\(missing)'; it is \(f.signature)", at: loc)
        }
        try session.checkDeadline(at: loc)
        var inner = Evaluator(session: session, locals: [:], callDepth: callDepth + 1, capturedOnly: true)
        for (n, v) in f.captured.fields { inner.locals[n] = v }
        for (n, v) in bound { inner.locals[n] = v }
        return try inner.evaluate(f.body)
    }

    /// A name's value where it is read: locals first, then, outside a
    /// function's body, the session's names (read back from a snapshot if stored).
    func bound(_ name: String) -> Value? {
        if let v = locals[name] { return v }
        return capturedOnly ? nil : session.environment[name] ?? session.materialize(name)
    }

    func lookup(_ name: String, at loc: SourceLocation) throws -> Value {
        if let v = bound(name) { return v }
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
            if case let .field(base, method, _) = callee, session.registry[method] != nil {
                let receiver = Self.shortText(base) ?? "x"
                throw LabError("'.\(method)()' is a method call, and values have no methods; "
                               + "call the function: \(method)(\(receiver))", at: loc)
            }
            throw LabError("only functions can be called: a built-in, or a name bound to fn(...) => ...", at: loc)
        }
        // A function the lesson wrote, under a name that shadows no built-in's call.
        if case let .object(f as FunctionValue)? = bound(name) {
            return try apply(f, name: name, args, at: nameLoc)
        }
        guard let builtin = session.registry[name] else {
            if locals[name] != nil || session.environment[name] != nil || session.stored[name] != nil {
                throw LabError("'\(name)' is a value, not a function", at: nameLoc)
            }
            if name == "print" {
                throw LabError("there is no print: a bare expression on its own line is shown below the block, "
                               + "and `= x` in the prose shows a value there", at: nameLoc)
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

    /// A name or a field chain (`net`, `r.acc`) as the author wrote it, for messages.
    static func shortText(_ e: Expr) -> String? {
        switch e {
        case let .name(n, _): return n
        case let .field(base, f, _): return shortText(base).map { "\($0).\(f)" }
        default: return nil
        }
    }
}
