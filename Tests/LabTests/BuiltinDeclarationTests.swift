import Crypto
import Foundation
import Testing
@testable import Lab
import Tensors
import NeuralNet
import Datasets

/// Built-ins are declared as data: the evaluator binds defaults and kinds,
/// derives memo keys, and the reference is generated from the declarations.
@Suite struct BuiltinDeclarationTests {
    /// Records what its body saw, so tests can read the bound arguments.
    final class Seen: @unchecked Sendable {
        var calls: [(b: Double, c: Bool, seed: UInt64)] = []
    }

    final class MemoryCache: BuiltinCache {
        var entries: [String: [UInt8]] = [:]
        var loads = 0
        func load(key: String) -> [UInt8]? { loads += 1; return entries[key] }
        func store(key: String, bytes: [UInt8]) { entries[key] = bytes }
    }

    static func session(_ seen: Seen, memo: Builtin.Memo = .none, cache: BuiltinCache? = nil) -> Session {
        let probe = Builtin("probe_(a: tensor, b: int = 3, c: bool = false, label = none, seed = seed)",
                            "test probe", memo: memo) { args, context in
            seen.calls.append((try args.number("b"), try args.bool("c", default: true),
                               try args.seed(context)))
            let b = Float(try args.number("b"))
            return .tensor(try args.tensor("a").map { $0 * b })
        }
        var registry = BuiltinRegistry.standard
        registry.register(probe)
        return Session(file: Harness.file, seed: 7, lessonDirectory: URL(fileURLWithPath: "/tmp/proj/lessons"),
                       projectRoot: URL(fileURLWithPath: "/tmp/proj"), registry: registry, cache: cache)
    }

    @Test func signaturesParseDefaultsKindsAndSeeds() throws {
        let b = try #require(Self.session(Seen()).registry["probe_"])
        #expect(b.parameters.map(\.name) == ["a", "b", "c", "label", "seed"])
        #expect(b.parameters.map(\.kind) == [.tensor, .int, .bool, .any, .any])
        #expect(b.usage == "probe_(a, b=3, c=false, label=none, seed=auto)")
        #expect(b.signature == "probe_(a, b=, c=, label=, seed=)")
        #expect(Signature.parse(#"f(x, names = ["a, b", "c"], k: number = -1.5e-3)"#).parameters.count == 3)
    }

    @Test func declaredDefaultsReachTheBody() throws {
        let seen = Seen()
        let s = Self.session(seen)
        Harness.run("y = probe_([1, 2])\nz = probe_([1, 2], b=5, c=true, seed=4)", in: s)
        #expect(seen.calls.count == 2)
        #expect(seen.calls[0].b == 3 && seen.calls[0].c == false)
        #expect(seen.calls[1].b == 5 && seen.calls[1].c == true && seen.calls[1].seed == 4)
        #expect(s.value(of: "y")?.flat == [3, 6])
    }

    @Test func derivedSeedsMatchTheOnesBodiesDrewBefore() throws {
        // A body that draws its own seed when none is given must see the same
        // seed as before declarations derived it at binding.
        let seen = Seen()
        let s = Self.session(seen)
        Harness.run("y = probe_([1])", in: s, id: "b1")
        let reference = Harness.session(seed: 7)
        reference.seedKey = FNV1a.hash("b1")
        #expect(seen.calls[0].seed == reference.nextSeed())
    }

    @Test(arguments: [
        ("probe_([1], b=\"x\")", "probe_: 'b' must be a whole number, got a string"),
        ("probe_([1], b=2.5)", "probe_: 'b' must be a whole number, got a number"),
        ("probe_([1], c=1)", "probe_: 'c' must be true or false, got a number"),
        ("probe_(\"no\")", "probe_: 'a' must be a tensor or a list of numbers, got a string"),
        ("probe_()", "probe_ needs the argument 'a' (probe_(a, b=, c=, label=, seed=))"),
    ])
    func wrongKindsAreWordedOnce(call: String, message: String) throws {
        let s = Self.session(Seen())
        let d = try #require(Harness.run("y = " + call, in: s).diagnostics.first)
        #expect(d.message == message)
    }

    @Test func memoizedCallsAreKeyedByEveryBoundArgument() throws {
        let seen = Seen()
        let cache = MemoryCache()
        let s = Self.session(seen, memo: .result, cache: cache)
        Harness.run("""
            a = probe_([1, 2], seed=1)
            b = probe_([1, 2], seed=1)
            c = probe_([1, 2], b=3, seed=1)
            d = probe_([1, 3], seed=1)
            e = probe_([1, 2], c=true, seed=1)
            f = probe_([1, 2], label="x", seed=1)
            g = probe_([1, 2], seed=2)
            """, in: s)
        // a, b and c are one call (b=3 is the default); the others differ in one argument each.
        #expect(seen.calls.count == 5)
        #expect(cache.entries.count == 5)
        #expect(s.value(of: "b")?.flat == [3, 6])
    }

    @Test func aCorruptEntryIsRecomputedNotTrusted() throws {
        let seen = Seen()
        let cache = MemoryCache()
        let s = Self.session(seen, memo: .result, cache: cache)
        Harness.run("a = probe_([1, 2], seed=1)", in: s)
        for key in cache.entries.keys { cache.entries[key]![20] ^= 1 }
        Harness.run("b = probe_([1, 2], seed=1)", in: s)
        #expect(seen.calls.count == 2)
        #expect(s.value(of: "b")?.flat == [3, 6])
    }

    /// The fingerprint compiled in is the hash of the sources as they are:
    /// edit one line of the training code and the next build's keys differ.
    @Test func engineDigestsAreTheSourcesOnDisk() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        #expect(EngineSources.digests.keys.contains("NeuralNet/Training.swift"))
        for (path, digest) in EngineSources.digests {
            let data = try Data(contentsOf: sources.appendingPathComponent(path))
            let actual = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            #expect(actual == digest, "\(path) changed since the build")
        }
        let train = try #require(BuiltinRegistry.standard["train"])
        #expect(Engine.sources(of: train).contains("NeuralNet/Training.swift"))
        #expect(Engine.sources(of: train).contains(train.sourcePath))
        #expect(!Engine.sources(of: train).contains("Lab/Builtins/FigureBuiltins.swift"))
    }

    /// docs/builtins.md is generated; rewrite it with LECTERN_UPDATE_DOCS=1.
    @Test func theCommittedReferenceIsTheGeneratedOne() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/builtins.md")
        let generated = BuiltinReference.markdown(.standard)
        if ProcessInfo.processInfo.environment["LECTERN_UPDATE_DOCS"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == generated, "docs/builtins.md is out of date: run LECTERN_UPDATE_DOCS=1 swift test --filter BuiltinDeclarationTests")
    }
}

/// Every memoized built-in's key covers every one of its parameters: two
/// calls that differ in one argument never share a stored result.
@Suite struct MemoKeyCoverageTests {
    /// Two different values of a kind, both acceptable when binding.
    static func pair(_ kind: ParameterKind, _ s: Session) throws -> (Value, Value) {
        switch kind {
        case .number, .int, .any: return (.number(1), .number(2))
        case .bool: return (.bool(false), .bool(true))
        case .string: return (.string("a"), .string("b"))
        case .tensor, .list, .shape: return (.list([.number(1)]), .list([.number(2)]))
        case .record: return (.record(Record([("a", .number(1))])), .record(Record([("a", .number(2))])))
        case .model:
            let d = try NetworkDescription.parse("INPUT 4 -> FC-2 -> SOFTMAX")
            return (.object(ModelValue(description: d, seed: 1)), .object(ModelValue(description: d, seed: 2)))
        case .dataset:
            func data(_ x: Float) -> Value {
                .object(DatasetValue(LabeledImages(images: Tensor(shape: [1, 1, 1, 1], scalars: [x]), labels: [0],
                                                   classes: ["0"], fingerprint: "test/\(x)")))
            }
            return (data(0), data(1))
        }
    }

    static func bind(_ b: Builtin, _ values: [String: Value], _ s: Session) throws -> Arguments {
        let at = SourceLocation(line: 1, column: 1)
        return try Arguments(binding: values.map { (label: Optional($0.key), value: $0.value, location: at, labelLocation: at, literal: false) },
                             to: b, at: at, session: s)
    }

    /// Format 1.1: whatever takes a caption is a figure or table on the
    /// page, and so can be the target of a cross-reference. `summary` is the
    /// one exception: it is labelled through `table(summary(net), label=)`.
    @Test func everyBuiltinWithACaptionTakesALabel() {
        let captioned = BuiltinRegistry.standard.all.filter { $0.parameter("caption") != nil && $0.name != "summary" }
        #expect(captioned.count >= 12)
        for b in captioned { #expect(b.parameter("label") != nil, "\(b.name) takes caption= but not label=") }
    }

    @Test func everyParameterOfEveryMemoizedBuiltinChangesItsKey() throws {
        let s = Harness.session()
        let memoized = BuiltinRegistry.standard.all.filter { if case .result = $0.memo { true } else { false } }
        #expect(memoized.count >= 15)
        for b in memoized {
            var base: [String: Value] = [:]
            for p in b.parameters { base[p.name] = try Self.pair(p.kind, s).0 }
            let key = MemoKey.key(b, try Self.bind(b, base, s))
            #expect(MemoKey.key(b, try Self.bind(b, base, s)) == key, "\(b.name): the key is not a function of the arguments")
            for p in b.parameters {
                var changed = base
                changed[p.name] = try Self.pair(p.kind, s).1
                #expect(MemoKey.key(b, try Self.bind(b, changed, s)) != key, "\(b.name)(\(p.name)=) does not change the key")
                if !p.required {
                    var left = base
                    left[p.name] = nil
                    #expect(MemoKey.key(b, try Self.bind(b, left, s)) != key || p.fallbackEquals(base[p.name]!),
                            "\(b.name): leaving out \(p.name) gives the key of a given value")
                }
            }
        }
    }
}

extension Builtin.Parameter {
    /// Whether leaving the parameter out binds the same value as `v`.
    func fallbackEquals(_ v: Value) -> Bool {
        if case let .value(d) = fallback { return MemoKey.encodeForTest(d) == MemoKey.encodeForTest(v) }
        return false
    }
}

extension MemoKey {
    static func encodeForTest(_ v: Value) -> String {
        var h = SHA256()
        encode(v, into: &h)
        return hex(h.finalize())
    }
}
