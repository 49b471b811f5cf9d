/// Reads one word of a description, `CONV3-64/2` or `INPUT 28x28x1`, into
/// the value it stands for. Keywords are case-insensitive; numbers are
/// plain decimal digits, at most `DescriptionLimits.maxNumber`.
enum LayerTokenParser {
    /// Each keyword with its shortest form and all the forms it takes, for
    /// "did you mean ..." and "expected ..." messages.
    private static let forms: [(keyword: String, short: String, all: String)] = [
        ("CONV", "CONVk-n", "CONVk-n, CONVk-n/s or CONVk-n/s/p (e.g. CONV3-64)"),
        ("POOL", "POOLk", "POOLk or POOLk/s (e.g. POOL2)"),
        ("AVGPOOL", "AVGPOOLk", "AVGPOOLk or AVGPOOLk/s (e.g. AVGPOOL2)"),
        ("FC", "FC-n", "FC-n (e.g. FC-4096)"),
        ("RELU", "RELU", "RELU"), ("TANH", "TANH", "TANH"), ("SIGMOID", "SIGMOID", "SIGMOID"),
        ("DROPOUT", "DROPOUT-p", "DROPOUT-p (e.g. DROPOUT-0.5)"),
        ("LRN", "LRN", "LRN"), ("SOFTMAX", "SOFTMAX", "SOFTMAX"),
        ("RNN", "RNN-n", "RNN-n (e.g. RNN-32)"), ("LSTM", "LSTM-n", "LSTM-n (e.g. LSTM-128)"),
        ("LAST", "LAST", "LAST"),
    ]

    /// Names other libraries use, so a suggestion lands on the right layer
    /// rather than on the nearest spelling (MAXPOOL is nearer to AVGPOOL).
    private static let aliases = ["MAXPOOL": "POOL", "DENSE": "FC", "LINEAR": "FC", "GRU": "LSTM", "SIMPLERNN": "RNN"]

    /// The leading letters of a word, upper-cased: the keyword it starts with.
    static func keyword(of text: String) -> String {
        String(text.prefix { $0.isASCII && $0.isLetter }).uppercased()
    }

    static func isInput(_ token: DescriptionToken) -> Bool {
        // `INPUT SEQ-50x10` lexes as one word whose letters run on into SEQ.
        ["INPUT", "INPUTSEQ"].contains(keyword(of: token.text))
    }

    static func inputShape(_ token: DescriptionToken) throws(DescriptionError) -> InputShape {
        let sizeText = String(token.text.dropFirst(5))
        let column = token.columns.count > 5 ? token.columns[5] : token.column
        let found = "found 'INPUT \(sizeText)'"
        func fail(_ message: String) -> DescriptionError { DescriptionError(column: column, message: message) }
        guard !sizeText.isEmpty else {
            throw fail("expected the input size after INPUT, e.g. 'INPUT 28x28x1' or 'INPUT 784'")
        }
        if sizeText.uppercased().hasPrefix("SEQ") { return try sequenceShape(sizeText, column: column) }
        let parts = sizeText.split(omittingEmptySubsequences: false) { "xX×".contains($0) }
        var sizes: [Int] = []
        for part in parts {
            guard let size = try number(part, in: token, column: column) else {
                throw fail("expected 'INPUT HxWxC' or 'INPUT n' with whole numbers, \(found)")
            }
            sizes.append(size)
        }
        guard sizes.count == 1 || sizes.count == 3 else {
            throw fail("expected 'INPUT HxWxC' (an image) or 'INPUT n' (a vector), \(found)")
        }
        guard sizes.allSatisfy({ $0 >= 1 }) else { throw fail("input sizes must be at least 1, \(found)") }
        if sizes.count == 1 { return .vector(sizes[0]) }
        guard sizes[0].multipliedOrNil(by: sizes[1])?.multipliedOrNil(by: sizes[2]) != nil else {
            throw fail("the input \(sizeText) has too many values to count")
        }
        return .image(height: sizes[0], width: sizes[1], channels: sizes[2])
    }

    /// `SEQ-TxF`: T steps of F values.
    private static func sequenceShape(_ text: String, column: Int) throws(DescriptionError) -> InputShape {
        let found = "found 'INPUT \(text)'"
        func fail(_ message: String) -> DescriptionError { DescriptionError(column: column, message: message) }
        let body = text.dropFirst(3)
        let parts = body.dropFirst().split(omittingEmptySubsequences: false) { "xX×".contains($0) }
        guard body.first == "-", parts.count == 2 else {
            throw fail("expected 'INPUT SEQ-TxF' (T steps of F values, e.g. 'INPUT SEQ-50x10'), \(found)")
        }
        let token = DescriptionToken(kind: .word, text: "INPUT" + text, columns: [], column: column)
        var sizes: [Int] = []
        for part in parts {
            guard let size = try number(part, in: token, column: column) else {
                throw fail("expected 'INPUT SEQ-TxF' with whole numbers, \(found)")
            }
            sizes.append(size)
        }
        guard sizes.allSatisfy({ $0 >= 1 }) else { throw fail("sequence sizes must be at least 1, \(found)") }
        guard sizes[0].multipliedOrNil(by: sizes[1]) != nil else {
            throw fail("the input \(text) has too many values to count")
        }
        return .sequence(steps: sizes[0], features: sizes[1])
    }

    static func layerKind(_ token: DescriptionToken) throws(DescriptionError) -> LayerKind {
        let upper = token.text.uppercased()
        let keyword = keyword(of: upper)
        let rest = upper.dropFirst(keyword.count)
        func fail(_ message: String) -> DescriptionError {
            DescriptionError(column: token.column, message: message)
        }
        func malformed() -> DescriptionError {
            let form = forms.first { $0.keyword == keyword }?.all ?? keyword
            return fail("expected \(form), found '\(token.text)'")
        }
        func int(_ text: Substring) throws(DescriptionError) -> Int {
            guard let value = try number(text, in: token, column: token.column) else { throw malformed() }
            return value
        }
        func atLeastOne(_ value: Int, _ what: String) throws(DescriptionError) {
            if value < 1 { throw fail("\(what) in '\(token.text)' must be at least 1") }
        }

        switch keyword {
        case "CONV":
            let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
            let head = parts[0].split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count <= 3, head.count == 2 else { throw malformed() }
            let k = try int(head[0]), n = try int(head[1])
            let s = parts.count > 1 ? try int(parts[1]) : 1
            let p = parts.count > 2 ? try int(parts[2]) : LayerKind.defaultPadding(kernel: k)
            try atLeastOne(k, "the kernel size")
            try atLeastOne(n, "the number of filters")
            try atLeastOne(s, "the stride")
            return .conv(kernel: k, filters: n, stride: s, padding: p)
        case "POOL", "AVGPOOL":
            let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw malformed() }
            let k = try int(parts[0])
            let s = parts.count > 1 ? try int(parts[1]) : k
            try atLeastOne(k, "the kernel size")
            try atLeastOne(s, "the stride")
            return keyword == "POOL" ? .maxPool(kernel: k, stride: s) : .avgPool(kernel: k, stride: s)
        case "FC":
            guard rest.first == "-" else { throw malformed() }
            let n = try int(rest.dropFirst())
            try atLeastOne(n, "the number of outputs")
            return .fc(n)
        case "DROPOUT":
            let digits = rest.dropFirst()
            guard rest.first == "-", digits.contains(where: \.isNumber),
                  digits.allSatisfy({ $0.isASCII && $0.isNumber || $0 == "." }),
                  digits.filter({ $0 == "." }).count <= 1,
                  let p = Double(digits) else { throw malformed() }
            guard p < 1 else { throw fail("the dropout probability in '\(token.text)' must be less than 1") }
            return .dropout(p)
        case "RNN", "LSTM":
            guard rest.first == "-" else { throw malformed() }
            let n = try int(rest.dropFirst())
            try atLeastOne(n, "the number of units")
            return keyword == "RNN" ? .rnn(n) : .lstm(n)
        case "LAST":
            guard rest.isEmpty else { throw malformed() }
            return .last
        case "RELU", "TANH", "SIGMOID", "LRN", "SOFTMAX":
            guard rest.isEmpty else { throw malformed() }
            switch keyword {
            case "RELU": return .relu
            case "TANH": return .tanh
            case "SIGMOID": return .sigmoid
            case "LRN": return .lrn
            default: return .softmax
            }
        default:
            throw fail(unknown(token.text, keyword: keyword, rest: rest))
        }
    }

    /// Plain decimal digits as an Int; nil when `text` is not digits, an
    /// error when it is but exceeds the limit (an Int overflow included).
    private static func number(_ text: Substring, in token: DescriptionToken,
                               column: Int) throws(DescriptionError) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let value = Int(text), value <= DescriptionLimits.maxNumber else {
            throw DescriptionError(column: column, message:
                "\(text) in '\(token.text)' is too large (at most \(DescriptionLimits.maxNumber))")
        }
        return value
    }

    /// "unknown layer ...", with the nearest keyword's spelling of the whole
    /// token when one is close enough to be a typo.
    private static func unknown(_ text: String, keyword: String, rest: Substring) -> String {
        let message = "unknown layer '\(text)'"
        guard !keyword.isEmpty else { return "\(message); expected a layer such as CONV3-64 or RELU" }
        var nearest = (keyword: "", distance: Int.max)
        for form in forms {
            let distance = editDistance(keyword, form.keyword)
            if distance < nearest.distance { nearest = (form.keyword, distance) }
        }
        let closeEnough = nearest.distance <= max(1, min(keyword.count, nearest.keyword.count) / 2)
        guard let target = aliases[keyword] ?? (closeEnough ? nearest.keyword : nil) else {
            return "\(message); expected one of \(forms.map(\.short).joined(separator: ", "))"
        }
        let guess = target + rest
        let fits = (try? layerKind(DescriptionToken(kind: .word, text: guess, columns: [1], column: 1))) != nil
        let form = forms.first { $0.keyword == target }?.short ?? target
        return "\(message); did you mean \(fits ? guess : form)?"
    }

    /// Levenshtein distance: the fewest single-character edits between two words.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in a.indices {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for j in b.indices {
                let substitution = previous[j] + (a[i] == b[j] ? 0 : 1)
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
