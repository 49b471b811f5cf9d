import Crypto
import Foundation
import Tensors

/// The memo key of a call, derived and never written by hand: SHA-256 of the
/// built-in's name, the engine fingerprint of the code that computes it, and
/// a canonical encoding of every bound argument after defaults (seeds
/// included). Models enter by what made them, datasets by their content
/// fingerprint, tensors by their bytes; so changing any one argument, or
/// any line of the code behind the result, changes the key.
enum MemoKey {
    static let format = "lectern-memo-2"

    static func key(_ b: Builtin, _ args: Arguments) -> String {
        var h = SHA256()
        h.update(format)
        h.update(b.name)
        h.update(Engine.fingerprint(of: b))
        for (name, value, seed) in args.boundValues(b) {
            h.update(name)
            if let seed {
                h.update(tag: "S")
                h.update(word: seed)
            } else if let value {
                encode(value, into: &h)
            } else {
                h.update(tag: "-")
            }
        }
        return hex(h.finalize())
    }

    /// The SHA-256 of one value's canonical encoding, as hex.
    static func digest(_ v: Value) -> String {
        var h = SHA256()
        encode(v, into: &h)
        return hex(h.finalize())
    }

    /// Writes `v` unambiguously: a tag, then lengths before contents.
    static func encode(_ v: Value, into h: inout SHA256) {
        switch v {
        case let .number(x):
            h.update(tag: "n")
            h.update(word: x.bitPattern)
        case let .bool(b):
            h.update(tag: b ? "T" : "F")
        case let .string(s):
            h.update(tag: "s")
            h.update(s)
        case .none:
            h.update(tag: "z")
        case let .tensor(t):
            h.update(tag: "t")
            h.update(word: UInt64(t.rank))
            for d in t.shape { h.update(word: UInt64(d)) }
            t.scalars.withUnsafeBytes { h.update(bufferPointer: $0) }
        case let .list(items):
            h.update(tag: "l")
            h.update(word: UInt64(items.count))
            for item in items { encode(item, into: &h) }
        case let .record(r):
            h.update(tag: "r")
            h.update(word: UInt64(r.fields.count))
            for (name, value) in r.fields {
                h.update(name)
                encode(value, into: &h)
            }
        case let .object(o):
            h.update(tag: "o")
            h.update(o.contentKey)
        }
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

extension SHA256 {
    mutating func update(tag: Character) { update(data: Array(String(tag).utf8)) }

    mutating func update(word: UInt64) {
        withUnsafeBytes(of: word.littleEndian) { update(bufferPointer: $0) }
    }

    /// Length first, so ("ab", "c") and ("a", "bc") differ.
    mutating func update(_ text: String) {
        let bytes = Array(text.utf8)
        update(word: UInt64(bytes.count))
        update(data: bytes)
    }
}
