import Tensors
import Foundation

/// What running one experiment block produced.
public struct BlockRun: Sendable {
    public enum Status: String, Sendable, Codable { case ok, error, skipped }

    public var status: Status
    public var outputs: [Output] = []
    /// Where the bare expression behind each output is, for `check --show`.
    public var outputLocations: [SourceLocation] = []
    public var claims: [ClaimResult] = []
    /// Syntax errors (all of them) or the one evaluation error that stopped the block.
    public var diagnostics: [Diagnostic] = []
    public var skipReason: String?
    public var seconds: Double = 0

    public init(status: Status, outputs: [Output] = [], claims: [ClaimResult] = [],
                diagnostics: [Diagnostic] = [], skipReason: String? = nil) {
        self.status = status
        self.outputs = outputs
        self.claims = claims
        self.diagnostics = diagnostics
        self.skipReason = skipReason
    }
}

/// What an inline `= expr` span produced.
public struct InlineRun: Sendable {
    /// The text to show: the value, or the claim as written.
    public var text: String
    public var claim: ClaimResult?
    public var diagnostic: Diagnostic?
    /// The span's expression as written, and where it starts.
    public var source: String?
    public var location: SourceLocation?
}

extension Session {
    /// Runs a block in this lesson's environment. `label` names the block in
    /// notes ("block 'fool-linear' at line 14"); `seedKey` keeps its random
    /// numbers independent of the blocks around it.
    public func run(block source: String, origin: SourceOrigin, label: String, seedKey: String,
                    timeout: Double? = nil) -> BlockRun {
        let started = Date()
        defer { deadline = nil; self.timeout = nil }
        deadline = timeout.map { started.addingTimeInterval($0) }
        self.timeout = timeout
        self.seedKey = FNV1a.hash(seedKey)
        seedCounter = 0
        var result = execute(Parser.parseBlock(source, origin: origin), label: label)
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    private func execute(_ program: Program, label: String) -> BlockRun {
        if !program.diagnostics.isEmpty {
            markMissing(program.boundNames, because: "\(label) has a syntax error")
            return BlockRun(status: .error, diagnostics: program.diagnostics)
        }
        // Skip before running anything if the block reads a name that an
        // earlier block failed to bind; say which and why.
        var boundHere = Set<String>()
        for s in program.statements {
            for name in s.freeNames.subtracting(boundHere).sorted() {
                if let why = missing[name] {
                    let reason = "uses '\(name)', which has no value: \(why)"
                    markMissing(program.boundNames, because: "\(label) was skipped")
                    return BlockRun(status: .skipped, skipReason: reason)
                }
            }
            if let n = s.boundName { boundHere.insert(n) }
        }
        var run = BlockRun(status: .ok)
        let evaluator = Evaluator(session: self)
        for (i, statement) in program.statements.enumerated() {
            do {
                // Also between statements: operators alone (`a @ b` line after line) call no built-in.
                try checkDeadline(at: statement.location)
                switch statement {
                case let .assign(name, expr, _):
                    environment[name] = try evaluator.evaluate(expr)
                    stored[name] = nil
                    missing[name] = nil
                case let .expression(expr):
                    run.outputs.append(try evaluator.evaluate(expr).output)
                    run.outputLocations.append(statement.location)
                case let .expect(expr, form, source, loc):
                    run.claims.append(check(expr, form, source: source, at: loc, evaluator))
                }
            } catch {
                run.status = .error
                run.diagnostics = [diagnostic(for: error, at: statement.location)]
                let unbound = Set(program.statements[i...].compactMap(\.boundName))
                markMissing(unbound, because: "\(label) failed at line \(statement.location.line)")
                break
            }
        }
        return run
    }

    private func markMissing(_ names: Set<String>, because why: String) {
        for n in names {
            environment[n] = nil
            stored[n] = nil
            missing[n] = why
        }
    }

    func diagnostic(for error: Error, at fallback: SourceLocation) -> Diagnostic {
        if let e = error as? LabError {
            return Diagnostic(file: file, location: e.location ?? fallback, message: e.message)
        }
        if let d = error as? Diagnostic { return d }
        return Diagnostic(file: file, location: fallback, message: "\(error)")
    }

    /// Evaluates an inline span after the blocks above it have run.
    public func evaluate(inline source: String, origin: SourceOrigin) -> InlineRun {
        // Numbered among inline spans, not by line, so editing prose never changes a number.
        inlineOrdinal += 1
        self.seedKey = FNV1a.hash("inline-\(inlineOrdinal)")
        seedCounter = 0
        let parsed: InlineExpression
        switch Parser.parseInline(source, origin: origin) {
        case let .failure(d): return InlineRun(text: source, diagnostic: d)
        case let .success(p): parsed = p
        }
        let at = origin.location(line: 0, column: 0)
        let evaluator = Evaluator(session: self)
        switch parsed.form {
        case let .value(format):
            do {
                let v = try evaluator.evaluate(parsed.expr)
                if let spec = format {
                    let x = try Coercion.number(v, at: parsed.expr.location, what: "value of a formatted span")
                    return InlineRun(text: ValueFormat.format(x, spec: spec) ?? v.inlineText, source: parsed.source, location: at)
                }
                return InlineRun(text: v.inlineText, source: parsed.source, location: at)
            } catch {
                return InlineRun(text: parsed.source, diagnostic: diagnostic(for: error, at: at))
            }
        case let .claim(form):
            let result = check(parsed.expr, form, source: parsed.source, at: at, evaluator)
            return InlineRun(text: result.documented ?? parsed.source, claim: result, diagnostic: result.error)
        }
    }
}
