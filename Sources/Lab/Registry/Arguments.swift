import Tensors

/// A call's arguments bound to a built-in's parameters, with typed getters
/// whose errors name the parameter and point at the argument.
public struct Arguments {
    public let builtin: String
    /// The session, for built-ins that read files or draw seeds.
    public let session: Session
    var values: [String: (value: Value, location: SourceLocation)] = [:]
    /// Parameters whose argument was written as a string literal, so an error
    /// inside the string (a network description) can point at its column.
    var literals: Set<String> = []
    /// Keywords a built-in with open keywords did not name, in call order.
    public private(set) var extra: [(name: String, value: Value, location: SourceLocation)] = []
    let callLocation: SourceLocation

    /// `labelLocation` is the keyword's own token, where a misspelt or repeated keyword is reported.
    init(binding args: [(label: String?, value: Value, location: SourceLocation, labelLocation: SourceLocation, literal: Bool)],
         to b: Builtin,
         at loc: SourceLocation, session: Session) throws {
        builtin = b.name
        self.session = session
        callLocation = loc
        var positional = 0
        var rest: [Value] = []
        for a in args {
            if let label = a.label {
                if b.parameters.contains(where: { $0.name == label }) {
                    if values[label] != nil {
                        throw LabError("\(b.name): '\(label)' is given twice", at: a.labelLocation)
                    }
                    values[label] = (a.value, a.location)
                    if a.literal { literals.insert(label) }
                } else if b.openKeywords {
                    extra.append((label, a.value, a.location))
                } else {
                    var message = "\(b.name) has no parameter '\(label)'"
                    if let s = Suggest.closest(to: label, among: b.parameters.map(\.name)) {
                        message += "; did you mean '\(s)'?"
                    }
                    throw LabError(message + " (it takes \(b.signature))", at: a.labelLocation)
                }
            } else if positional < b.parameters.count, b.variadic == nil || b.parameters[positional].required {
                values[b.parameters[positional].name] = (a.value, a.location)
                if a.literal { literals.insert(b.parameters[positional].name) }
                positional += 1
            } else if b.variadic != nil {
                rest.append(a.value)
            } else {
                throw LabError("\(b.name) takes at most \(b.parameters.count) positional argument"
                               + (b.parameters.count == 1 ? "" : "s") + " (\(b.signature))", at: a.location)
            }
        }
        if let v = b.variadic { values[v] = (.list(rest), loc) }
        for p in b.parameters {
            if let given = values[p.name], !given.value.isNone {
                guard p.kind.accepts(given.value) else { throw fail(p.name, p.kind.noun) }
                continue
            }
            if values[p.name] != nil { writtenNone.insert(p.name) }
            switch p.fallback {
            case .required: throw LabError("\(b.name) needs the argument '\(p.name)' (\(b.signature))", at: loc)
            case let .value(v):
                values[p.name] = (v, loc)
                defaulted.insert(p.name)
            case .derivedSeed: derivedSeeds[p.name] = session.nextSeed()
            case .absent: break
            }
        }
    }

    /// Parameters whose value is the declared default, not the call's.
    var defaulted: Set<String> = []

    /// Parameters the call wrote as `none`: over a default that is not
    /// none, this still binds the default, and the body may read it as a
    /// choice (`sort(x, axis=none)` sorts the flattened values).
    var writtenNone: Set<String> = []

    /// Seeds drawn for `seed`-defaulted parameters the call left out.
    public private(set) var derivedSeeds: [String: UInt64] = [:]

    /// Every parameter's bound value after defaults, in declaration order,
    /// for the memo key: nil where the parameter stays absent.
    func boundValues(_ b: Builtin) -> [(name: String, value: Value?, seed: UInt64?)] {
        var out = b.parameters.map { p in (name: p.name, value: value(p.name), seed: derivedSeeds[p.name]) }
        if let v = b.variadic { out.append((v, value(v), nil)) }
        out += extra.map { (name: "**" + $0.name, value: Optional($0.value), seed: nil) }
        return out
    }

    /// Where column `column` (1-based) of a string argument sits in the file,
    /// when the argument was written as a literal on one line.
    public func location(_ name: String, stringColumn column: Int) -> SourceLocation? {
        guard literals.contains(name), let at = values[name]?.location else { return nil }
        return SourceLocation(line: at.line, column: at.column + column)
    }

    /// Whether the call gave `name` (a declared default does not count).
    public func has(_ name: String) -> Bool {
        if let v = values[name], case .none = v.value { return false }
        return values[name] != nil && !defaulted.contains(name)
    }

    public func location(_ name: String) -> SourceLocation { values[name]?.location ?? callLocation }

    public func value(_ name: String) -> Value? {
        guard let v = values[name] else { return nil }
        if case .none = v.value { return nil }
        return v.value
    }

    func fail(_ name: String, _ expected: String) -> LabError {
        let got = values[name].map { $0.value.kindDescription } ?? "nothing"
        return LabError("\(builtin): '\(name)' must be \(expected), got \(got)", at: location(name))
    }

    func tensor(_ name: String) throws -> Tensor {
        guard let v = value(name) else { throw fail(name, "a tensor") }
        do { return try Coercion.tensor(v, at: location(name), what: "'\(name)'") }
        catch { throw fail(name, "a tensor or a list of numbers") }
    }

    public func number(_ name: String, default dflt: Double? = nil) throws -> Double {
        guard let v = value(name) else {
            if let d = dflt { return d }
            throw fail(name, "a number")
        }
        guard let x = try? Coercion.number(v, at: nil) else { throw fail(name, "a number") }
        return x
    }

    public func int(_ name: String, default dflt: Int? = nil, min lo: Int? = nil, max hi: Int? = nil) throws -> Int {
        let x = try number(name, default: dflt.map(Double.init))
        guard x == x.rounded(), abs(x) < 1e15 else { throw fail(name, "a whole number") }
        let i = Int(x)
        if let lo, i < lo { throw LabError("\(builtin): '\(name)' must be at least \(lo), got \(i)", at: location(name)) }
        if let hi, i > hi { throw LabError("\(builtin): '\(name)' must be at most \(hi), got \(i)", at: location(name)) }
        return i
    }

    func optionalInt(_ name: String) throws -> Int? {
        value(name) == nil ? nil : try int(name)
    }

    func bool(_ name: String, default dflt: Bool? = nil) throws -> Bool {
        guard let v = value(name) else {
            if let d = dflt { return d }
            throw fail(name, "true or false")
        }
        guard case let .bool(b) = v else { throw fail(name, "true or false") }
        return b
    }

    public func string(_ name: String, default dflt: String? = nil) throws -> String {
        guard let v = value(name) else {
            if let d = dflt { return d }
            throw fail(name, "a string")
        }
        guard case let .string(s) = v else { throw fail(name, "a string") }
        return s
    }

    func optionalString(_ name: String) throws -> String? {
        value(name) == nil ? nil : try string(name)
    }

    /// A shape: a list of whole numbers (or a single one).
    public func shape(_ name: String) throws -> [Int] {
        guard let v = value(name) else { throw fail(name, "a shape list such as [2, 3]") }
        let items: [Value]
        switch v {
        case let .list(xs): items = xs
        case .number: items = [v]
        case let .tensor(t) where t.rank == 1: items = t.scalars.map { .number(Double($0)) }
        default: throw fail(name, "a shape list such as [2, 3]")
        }
        return try items.map { item in
            guard case let .number(x) = item, x == x.rounded(), x >= 0, x < 1e15 else {
                throw fail(name, "a list of non-negative whole numbers")
            }
            return Int(x)
        }
    }

    public func list(_ name: String) throws -> [Value] {
        guard let v = value(name) else { throw fail(name, "a list") }
        if case let .list(xs) = v { return xs }
        if case .tensor = v { return try Indexing.iterate(v, at: location(name)) }
        throw fail(name, "a list")
    }

    func object<T: LabObject>(_ name: String, as type: T.Type, _ expected: String) throws -> T {
        guard let v = value(name), case let .object(o) = v, let t = o as? T else { throw fail(name, expected) }
        return t
    }

    /// The axis keyword shared by reductions: nil means over all elements.
    func axis(_ name: String = "axis") throws -> Int? { try optionalInt(name) }
}
