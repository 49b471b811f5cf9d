import Tensors

/// `t[i]`, `t[a:b]`, `t[:, 0]`, `r.name`, and what `for` walks over.
enum Indexing {
    enum Index {
        case single(Value, SourceLocation)
        case slice(Int?, Int?, Int?)
    }

    static func integer(_ v: Value, at loc: SourceLocation) throws -> Int {
        let x = try Coercion.number(v, at: loc, what: "index")
        guard x == x.rounded(), abs(x) < 1e15 else {
            throw LabError("an index must be a whole number, got \(ValueFormat.plain(x))", at: loc)
        }
        return Int(x)
    }

    static func index(_ base: Value, _ indices: [Index], at loc: SourceLocation) throws -> Value {
        if indices.count == 1, case let .single(selector, selectorLoc) = indices[0], isSelection(selector) {
            return try masked(base, by: selector, at: selectorLoc)
        }
        switch base {
        case .tensor, .number, .bool,
             // A nested list of numbers is a tensor: `[[1, 2], [3, 4]][:, 1]`.
             .list where indices.count > 1 && Coercion.isNumeric(base):
            let t = try Coercion.tensor(base, at: loc)
            var spec: [TensorIndex] = []
            for i in indices {
                switch i {
                case let .single(v, l): spec.append(.at(try integer(v, at: l)))
                case let .slice(a, b, c): spec.append(.range(start: a, end: b, step: c))
                }
            }
            do { return Coercion.value(try t.subscripted(spec)) } catch { throw LabError("\(error)", at: loc) }
        case .list, .string:
            guard indices.count == 1 else {
                throw LabError("\(base.kindDescription) takes one index, got \(indices.count)", at: loc)
            }
            return try sequence(base, indices[0], at: loc)
        case .record(let r):
            guard indices.count == 1, case let .single(.string(key), keyLoc) = indices[0] else {
                throw LabError("a record is indexed by a field name in quotes, or use r.name", at: loc)
            }
            guard let v = r[key] else { throw missingField(key, among: r.names, at: keyLoc) }
            return v
        default:
            throw LabError("\(base.kindDescription) cannot be indexed", at: loc)
        }
    }

    /// An index that is itself a tensor or a list picks items by a mask.
    private static func isSelection(_ v: Value) -> Bool {
        switch v {
        case let .tensor(t): return t.rank >= 1
        case .list: return true
        default: return false
        }
    }

    /// `t[t > 5]`: the elements where a mask of t's shape is true, as a
    /// vector in reading order; or, with a mask along the first axis
    /// (`x[labels == 3]`), those items. A mask is 0s and 1s (true and false),
    /// which is what comparisons give. Lists take a mask of their length.
    static func masked(_ base: Value, by selector: Value, at loc: SourceLocation) throws -> Value {
        let mask = try Coercion.tensor(selector, at: loc, what: "mask")
        guard mask.scalars.allSatisfy({ $0 == 0 || $0 == 1 }) else {
            throw LabError("an index that is a tensor or a list must be a mask of true/false (0/1) values, "
                           + "as t[t > 5] gives; to pick items by position use [t[i] for i in positions]", at: loc)
        }
        let keep = mask.scalars.map { $0 == 1 }
        switch base {
        case let .list(items):
            guard mask.rank == 1, mask.count == items.count else {
                throw LabError("a mask over a list of \(items.count) must be \(items.count) true/false values, "
                               + "got shape \(Tensor.describe(mask.shape))", at: loc)
            }
            return .list(zip(items, keep).filter(\.1).map(\.0))
        case .tensor:
            let t = try Coercion.tensor(base, at: loc)
            if mask.shape == t.shape {
                return .tensor(Tensor(shape: [keep.lazy.filter { $0 }.count], scalars: zip(t.scalars, keep).filter(\.1).map(\.0)))
            }
            guard mask.rank == 1, t.rank >= 1, mask.count == t.shape[0] else {
                throw LabError("a mask must have the tensor's shape \(Tensor.describe(t.shape)) or one value per item "
                               + "along its first axis (\(t.rank >= 1 ? t.shape[0] : 0)), got shape "
                               + "\(Tensor.describe(mask.shape))", at: loc)
            }
            let item = t.count / max(1, t.shape[0])
            var out: [Float] = []
            for (i, k) in keep.enumerated() where k { out += t.scalars[(i * item)..<(i * item + item)] }
            return .tensor(Tensor(shape: [out.count / max(1, item)] + t.shape.dropFirst(), scalars: out))
        default:
            throw LabError("\(base.kindDescription) cannot be indexed by a mask", at: loc)
        }
    }

    private static func sequence(_ base: Value, _ index: Index, at loc: SourceLocation) throws -> Value {
        let items: [Value]
        switch base {
        case let .list(xs): items = xs
        case let .string(s): items = s.map { .string(String($0)) }
        default: items = []
        }
        var byName = false
        if case .list = base, !items.isEmpty, case .single(.string, _) = index { byName = true }
        let wrap: ([Value]) -> Value = { vs in
            if case .string = base { return .string(vs.map(\.inlineText).joined()) }
            return .list(vs)
        }
        switch index {
        case let .single(.string(name), l) where byName:
            return try named(name, in: items, at: l)
        case let .single(v, l):
            let i = try integer(v, at: l)
            let j = i < 0 ? i + items.count : i
            guard j >= 0, j < items.count else {
                throw LabError("index \(i) is out of range for \(base.kindDescription)", at: l)
            }
            return items[j]
        case let .slice(a, b, c):
            let step = c ?? 1
            guard step != 0 else { throw LabError("a slice step cannot be 0", at: loc) }
            let n = items.count
            func clamp(_ x: Int?, _ dflt: Int, lo: Int, hi: Int) -> Int {
                guard var v = x else { return dflt }
                if v < 0 { v += n }
                return min(max(v, lo), hi)
            }
            var out: [Value] = []
            if step > 0 {
                var i = clamp(a, 0, lo: 0, hi: n)
                let end = clamp(b, n, lo: 0, hi: n)
                while i < end { out.append(items[i]); i += step }
            } else {
                var i = clamp(a, n - 1, lo: -1, hi: n - 1)
                let end = clamp(b, -1, lo: -1, hi: n - 1)
                while i > end { out.append(items[i]); i += step }
            }
            return wrap(out)
        }
    }

    /// `rows["conv1"]`: a list of records (a summary's rows, a list of
    /// results) is also indexed by the `name` field of its items.
    private static func named(_ name: String, in items: [Value], at loc: SourceLocation) throws -> Value {
        var names: [String] = []
        for item in items {
            guard case let .record(r) = item, case let .string(n)? = r["name"] else {
                throw LabError("a list is indexed by a whole number; only a list of records with a 'name' field "
                               + "(such as a summary's rows) is indexed by name", at: loc)
            }
            if n == name { return item }
            names.append(n)
        }
        var message = "no item of the list is named '\(name)'"
        if let s = Suggest.closest(to: name, among: names) { message += "; did you mean '\(s)'?" }
        else { message += " (names: \(names.joined(separator: ", ")))" }
        throw LabError(message, at: loc)
    }

    static func field(_ base: Value, _ name: String, at loc: SourceLocation) throws -> Value {
        switch base {
        case let .record(r):
            guard let v = r[name] else { throw missingField(name, among: r.names, at: loc) }
            return v
        case let .object(o):
            guard let v = o.field(name) else { throw missingField(name, among: o.fieldNames, at: loc, of: "a \(o.typeName)") }
            return v
        case let .tensor(t) where name == "shape":
            return .list(t.shape.map { .number(Double($0)) })
        case .tensor where name == "T":
            throw LabError("a tensor has no field 'T'; transpose it with transpose(x)", at: loc)
        case .tensor where methods.contains(name), .list where methods.contains(name):
            throw LabError("'.\(name)' is not a field: values have no methods; call the function, \(name)(x)", at: loc)
        default:
            throw LabError("\(base.kindDescription) has no field '\(name)'", at: loc)
        }
    }

    /// NumPy methods whose Lectern function has the same name.
    static let methods: Set<String> = ["mean", "sum", "max", "min", "argmax", "argmin", "std", "var", "reshape",
                                       "transpose", "round", "clip", "sort", "argsort", "cumsum", "norm", "abs",
                                       "exp", "log", "sqrt", "median"]

    private static func missingField(_ name: String, among names: [String], at loc: SourceLocation,
                                     of what: String = "the record") -> LabError {
        var message = "\(what) has no field '\(name)'"
        if let s = Suggest.closest(to: name, among: names) {
            message += "; did you mean '\(s)'?"
        } else if !names.isEmpty {
            message += " (fields: \(names.joined(separator: ", ")))"
        }
        return LabError(message, at: loc)
    }

    /// The items a comprehension walks: a list's items, a tensor's slices
    /// along its first axis (numbers for a vector).
    static func iterate(_ v: Value, at loc: SourceLocation) throws -> [Value] {
        switch v {
        case let .list(items): return items
        case let .tensor(t):
            guard t.rank >= 1 else { return [Coercion.value(t)] }
            return try (0..<t.shape[0]).map { i in
                do { return Coercion.value(try t.subscripted([.at(i)])) } catch { throw LabError("\(error)", at: loc) }
            }
        case let .string(s): return s.map { .string(String($0)) }
        default: throw LabError("cannot iterate over \(v.kindDescription)", at: loc)
        }
    }
}
