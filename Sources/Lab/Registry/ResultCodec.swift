import NeuralNet

/// Every memoized result goes through this one codec: a kind byte, then a
/// record in the checksummed record format or a network in the checksummed
/// model file. Anything that does not decode whole is recomputed, never
/// trusted; a result of another kind is simply not stored.
enum ResultCodec {
    static func encode(_ v: Value) -> [UInt8]? {
        switch v {
        case let .record(r):
            return tagged("R", RecordCodec.encode(r))
        case .number, .tensor:
            return tagged("V", RecordCodec.encode(Record([("value", v)])))
        case let .object(m as ModelValue):
            guard let network = m.trained else { return nil }
            return [UInt8(ascii: "M")] + ModelFile.encode(network, history: m.history)
        default:
            return nil
        }
    }

    /// `key` is the memo key, which a decoded model carries as what made it.
    static func decode(_ bytes: [UInt8], key: String) -> Value? {
        guard let kind = bytes.first else { return nil }
        let body = Array(bytes.dropFirst())
        switch kind {
        case UInt8(ascii: "R"):
            return RecordCodec.decode(body).map(Value.record)
        case UInt8(ascii: "V"):
            guard let r = RecordCodec.decode(body), r.fields.count == 1, let v = r["value"] else { return nil }
            return v
        case UInt8(ascii: "M"):
            guard let (network, history) = try? ModelFile.decode(body) else { return nil }
            return .object(ModelValue(network: network, history: history, key: key))
        default:
            return nil
        }
    }

    private static func tagged(_ tag: Character, _ payload: [UInt8]) -> [UInt8]? {
        payload.isEmpty ? nil : [UInt8(String(tag).utf8.first!)] + payload
    }
}
