import Crypto
import Foundation
import Lab

/// Block-level reuse: each block's snapshot (its outputs, claims and the
/// values it bound) stored under a key of everything that can change them,
/// so a prose edit runs no block and editing block k runs k and the blocks
/// that read what k binds. Entries are sealed under their key and checked
/// (and the files the block read re-hashed) before they are trusted.
struct BlockStore {
    let directory: URL
    var remote: RemoteCache? = nil

    /// The key of a block: the code that runs it, the run's environment, the
    /// lesson's seed and path, the block's text, attributes, seed key and
    /// indentation, and, for each name it reads, what made that name's value.
    static func key(context: String, session: Session, path: String, source: String, attributes: FenceAttributes,
                    seedKey: String, origin: SourceOrigin) -> String {
        key("lectern-block-key-1", context: context, session: session, path: path, source: source,
            place: [String(describing: attributes), seedKey], origin: origin,
            reads: Session.names(ofBlock: source, origin: origin).reads)
    }

    /// The key of an inline span: as a block's, with the span's place among
    /// the lesson's spans (its random seed) in place of attributes.
    static func key(context: String, session: Session, path: String, inline source: String, origin: SourceOrigin) -> String {
        key("lectern-inline-key-1", context: context, session: session, path: path, source: source,
            place: [String(session.inlineSpansSeen + 1)], origin: origin,
            reads: Session.names(ofInline: source, origin: origin))
    }

    private static func key(_ kind: String, context: String, session: Session, path: String, source: String,
                            place: [String], origin: SourceOrigin, reads: Set<String>) -> String {
        var h = SHA256()
        func add(_ s: String) {
            h.update(data: Array(String(s.utf8.count).utf8) + [0] + Array(s.utf8))
        }
        for part in [kind, PageCache.engineFingerprint, context, String(session.seed), path, source] + place {
            add(part)
        }
        add(origin.columnOffsets.map(String.init).joined(separator: ","))
        for name in reads.sorted() {
            add(name)
            add(session.version(of: name))
        }
        return h.finalize().map { String(format: "%02x", $0) }.joined()
    }

    func loadInline(_ key: String, at firstLine: Int) -> (run: InlineRun, origin: CacheOrigin)? {
        SealedEntry.read(url(key), sealKey: "inline\n" + key, remote: remote) { InlineRun.decode($0, movedTo: firstLine) }
            .map { (run: $0.value, origin: $0.origin) }
    }

    func storeInline(_ key: String, _ run: InlineRun, firstLine: Int) {
        guard let payload = run.encoded(firstLine: firstLine) else { return }
        SealedEntry.write(payload, to: url(key), sealKey: "inline\n" + key, remote: remote)
    }

    private func url(_ key: String) -> URL { directory.appendingPathComponent(key) }

    /// An entry: the signatures of the files the block read, as JSON, then
    /// the snapshot; both under one seal.
    func load(_ key: String) -> (snapshot: BlockSnapshot, origin: CacheOrigin)? {
        guard let (entry, origin) = SealedEntry.read(url(key), sealKey: "block\n" + key, remote: remote, decode: decode) else { return nil }
        // A file the block read has changed: its snapshot is not this run's.
        for file in entry.snapshot.files where entry.signatures[file.path] != PageCache.signature(of: file) { return nil }
        return (entry.snapshot, origin)
    }

    private func decode(_ sealed: [UInt8]) -> (signatures: [String: String], snapshot: BlockSnapshot)? {
        guard sealed.count >= 8 else { return nil }
        let length = sealed.prefix(8).enumerated().reduce(0) { $0 | (Int($1.element) << (8 * $1.offset)) }
        guard length >= 0, length <= sealed.count - 8,
              let signatures = try? JSONDecoder().decode([String: String].self, from: Data(sealed[8..<(8 + length)])),
              let snapshot = BlockSnapshot.decode(Array(sealed[(8 + length)...]), value: storedValue) else { return nil }
        return (signatures, snapshot)
    }

    /// A value's file: its bytes sealed under their digest. A block entry
    /// names its values by digest, so a prose edit reads the entry alone and
    /// a value is read, and verified, only when something reads its name.
    private func valueURL(_ digest: String) -> URL {
        directory.deletingLastPathComponent().appendingPathComponent("values").appendingPathComponent(digest)
    }

    /// On the remote a value is stored bare at `cas/<digest>`, as a content
    /// address should be, and is copied in only if its bytes hash to it.
    private func storedValue(_ digest: String) -> StoredValue? {
        guard digest.count == 64, digest.allSatisfy(\.isHexDigit) else { return nil }
        let url = valueURL(digest)
        if !FileManager.default.fileExists(atPath: url.path) {
            guard let remote, let bytes = remote.get(RemoteCache.valuePath(digest: digest)),
                  StoredValue.digest(of: bytes) == digest else { return nil }
            do { try AtomicFile.write(CacheSeal.seal(bytes, key: "value\n" + digest), to: url) } catch { return nil }
        }
        return StoredValue(digest: digest) {
            guard let data = FileManager.default.contents(atPath: url.path),
                  let bytes = CacheSeal.open([UInt8](data), key: "value\n" + digest),
                  StoredValue.digest(of: bytes) == digest else { return nil }
            return bytes
        }
    }

    /// Values go before the entry that names them, locally and on the
    /// remote, so no reader finds an entry whose values are not there yet.
    func store(_ key: String, _ snapshot: BlockSnapshot) {
        for (digest, load) in snapshot.values where !FileManager.default.fileExists(atPath: valueURL(digest).path) {
            guard let bytes = load() else { return }
            try? FileManager.default.createDirectory(at: valueURL(digest).deletingLastPathComponent(), withIntermediateDirectories: true)
            do { try AtomicFile.write(CacheSeal.seal(bytes, key: "value\n" + digest), to: valueURL(digest)) } catch { return }
            remote?.put(RemoteCache.valuePath(digest: digest), bytes)
        }
        guard let payload = snapshot.encoded(),
              let signatures = try? JSONEncoder().encode(PageCache.hashes(of: snapshot.files)) else { return }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(signatures.count).littleEndian) { bytes += $0 }
        bytes += signatures + payload
        SealedEntry.write(bytes, to: url(key), sealKey: "block\n" + key, remote: remote)
    }
}
