/// Checking documented numbers: section 5's rules applied to a computed value.
extension Session {
    func check(_ expr: Expr, _ form: ClaimForm, source: String, at loc: SourceLocation,
               _ evaluator: Evaluator) -> ClaimResult {
        var result = ClaimResult(location: loc, source: source, kind: .expect, status: .error)
        switch form {
        case let .approx(text, _): result.kind = .approx; result.documented = text
        case let .erratum(text, _): result.kind = .erratum; result.documented = text
        case let .exact(.literal(text), _): result.kind = .exact; result.documented = text
        case .exact(.expression, _): result.kind = .exact
        case .truth: result.kind = .expect
        }
        do {
            let value = try evaluator.evaluate(expr)
            switch form {
            case let .approx(text, claimLoc), let .erratum(text, claimLoc):
                if ClaimRewrite.placeholderParts(text) != nil {
                    guard result.kind == .approx else {
                        throw LabError("a placeholder '?' is for '~' claims; an erratum documents the number that was published",
                                       at: claimLoc)
                    }
                    let x = try Coercion.number(value, at: expr.location, what: "documented number's computed value")
                    result.computed = .number(x)
                    guard x.isFinite else { throw LabError("the computed value is \(ValueFormat.plain(x)), not a finite number", at: expr.location) }
                    result.fill = ClaimRewrite.filled(text, computed: x)
                    result.status = .fail
                    break
                }
                if text.hasPrefix("?") {
                    throw LabError("a placeholder is ?, ?.N (N decimals) or ?N (N significant digits), "
                                   + "optionally followed by ± and a tolerance", at: claimLoc)
                }
                let claim: Claim
                do { claim = try Claim.parse(text) } catch {
                    throw LabError(error.message, at: SourceLocation(line: claimLoc.line, column: claimLoc.column + error.offset))
                }
                result.tolerance = claim.tolerance
                if result.kind == .approx { result.warning = claim.weakness }
                let x = try Coercion.number(value, at: expr.location, what: "documented number's computed value")
                result.computed = .number(x)
                guard x.isFinite else { throw LabError("the computed value is \(ValueFormat.plain(x)), not a finite number", at: expr.location) }
                let reproduces = claim.holds(x)
                result.status = (result.kind == .approx) == reproduces ? .pass : .fail
            case let .exact(.literal(text), _):
                let claim = try Claim.parse(text)
                result.tolerance = 0
                let x = try Coercion.number(value, at: expr.location)
                result.computed = .number(x)
                try requireFinite(value, at: expr.location)
                result.status = claim.equals(x) ? .pass : .fail
            case let .exact(.expression(target), _):
                let expected = try evaluator.evaluate(target)
                result.documented = expected.reprText
                result.computed = computed(value)
                try requireFinite(value, at: expr.location)
                try requireFinite(expected, at: target.location)
                result.status = Equality.same(value, expected) ? .pass : .fail
            case .truth:
                result.computed = computed(value)
                result.status = try truth(value, at: expr.location) ? .pass : .fail
            }
        } catch {
            result.status = .error
            result.error = diagnostic(for: error, at: loc)
        }
        return result
    }

    /// Infinity equals itself and a NaN list may be compared structurally,
    /// but an overflow or a 0/0 is a broken computation, never a documented
    /// number: any non-finite number inside the value makes the claim an error.
    private func requireFinite(_ v: Value, at loc: SourceLocation) throws {
        var pending = [v]
        while let next = pending.popLast() {
            switch next {
            case let .number(x) where !x.isFinite:
                throw LabError("the computed value is \(ValueFormat.plain(x)), not a finite number", at: loc)
            case let .tensor(t):
                if let x = t.scalars.first(where: { !$0.isFinite }) {
                    throw LabError("the computed value holds \(ValueFormat.plain(Double(x))), not only finite numbers", at: loc)
                }
            case let .list(items): pending += items
            case let .record(r): pending += r.fields.map(\.value)
            default: break
            }
        }
    }

    private func computed(_ v: Value) -> ClaimResult.Computed {
        if case let .number(x) = v { return .number(x) }
        return .text(v.reprText)
    }

    /// `expect` accepts a boolean, or a tensor whose elements are all non-zero
    /// (so `expect probs > 0` reads naturally).
    private func truth(_ v: Value, at loc: SourceLocation) throws -> Bool {
        switch v {
        case let .bool(b): return b
        case let .tensor(t): return t.scalars.allSatisfy { $0 != 0 }
        default:
            throw LabError("expect needs true or false, got \(v.kindDescription); "
                           + "to check a number write 'expect x ~ 0.05' or 'expect x == 3'", at: loc)
        }
    }
}
