/// Colouring for fenced code in other languages (` ```python `, ` ```bash `,
/// ` ```json `, ...), done when the page is built so the page needs no
/// script. It is lexical only: comments, strings, numbers, keywords,
/// literals, called names and keys, which is what a reader's eye uses; a
/// language it does not know is shown plain. The classes are those of
/// `Highlighter`, so both share one palette (light and dark).
enum CodeHighlighter {
    /// The experiment blocks' palette, for code blocks too.
    static let css = """

    pre.code .k{color:var(--hl-k);font-weight:600}pre.code .n{color:var(--hl-n)}pre.code .s{color:var(--hl-s)}pre.code .c{color:var(--hl-c);font-style:italic}
    pre.code .f{color:var(--hl-f)}pre.code .o{color:var(--hl-o)}pre.code .cl{color:var(--hl-cl)}pre.code .a{color:var(--hl-a)}

    """

    struct Language {
        var keywords: Set<String>
        var literals: Set<String> = []
        var lineComments: [String] = []
        var blockComment: (open: String, close: String)?
        /// Quote marks, longest first (`"""` before `"`); a quote of one
        /// character ends at the line's end if not closed.
        var quotes: [String] = ["\"", "'"]
        /// `$NAME`, `${...}` and `--option` as names (shells).
        var shell = false
        /// `key:` at a line's start, and a string before `:`, are keys (YAML, JSON).
        var keys = false
        /// `@name` is an attribute or decorator.
        var attributes = false
    }

    static let languages: [String: Language] = {
        let python = Language(
            keywords: ["and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
                       "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not",
                       "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case"],
            literals: ["True", "False", "None", "self"], lineComments: ["#"], quotes: ["\"\"\"", "'''", "\"", "'"], attributes: true)
        let swift = Language(
            keywords: ["actor", "associatedtype", "async", "await", "break", "case", "catch", "class", "continue", "default",
                       "defer", "do", "else", "enum", "extension", "fallthrough", "fileprivate", "for", "func", "guard", "if",
                       "import", "in", "init", "inout", "internal", "is", "let", "mutating", "nonisolated", "open", "operator",
                       "private", "protocol", "public", "repeat", "rethrows", "return", "some", "any", "static", "struct",
                       "subscript", "switch", "throw", "throws", "try", "typealias", "var", "where", "while", "as"],
            literals: ["true", "false", "nil", "self", "Self", "super"], lineComments: ["//"], blockComment: ("/*", "*/"),
            quotes: ["\"\"\"", "\""], attributes: true)
        let cLike = Language(
            keywords: ["auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
                       "float", "for", "goto", "if", "inline", "int", "long", "register", "return", "short", "signed", "sizeof",
                       "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "class",
                       "namespace", "template", "typename", "public", "private", "protected", "virtual", "using", "new",
                       "delete", "bool", "size_t", "#include", "#define", "#if", "#endif", "#ifdef", "#ifndef", "#pragma"],
            literals: ["true", "false", "NULL", "nullptr", "this"], lineComments: ["//"], blockComment: ("/*", "*/"))
        let javascript = Language(
            keywords: ["async", "await", "break", "case", "catch", "class", "const", "continue", "default", "delete", "do",
                       "else", "export", "extends", "finally", "for", "from", "function", "if", "import", "in", "instanceof",
                       "let", "new", "of", "return", "switch", "throw", "try", "typeof", "var", "void", "while", "yield",
                       "interface", "type"],
            literals: ["true", "false", "null", "undefined", "this"], lineComments: ["//"], blockComment: ("/*", "*/"),
            quotes: ["\"", "'", "`"])
        let rust = Language(
            keywords: ["as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "fn",
                       "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
                       "static", "struct", "trait", "type", "unsafe", "use", "where", "while"],
            literals: ["true", "false", "self", "Self", "None", "Some", "Ok", "Err"], lineComments: ["//"],
            blockComment: ("/*", "*/"), quotes: ["\""])
        let shell = Language(
            keywords: ["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in",
                       "function", "return", "export", "local", "set", "unset", "source", "exit"],
            literals: ["true", "false"], lineComments: ["#"], shell: true)
        let json = Language(keywords: [], literals: ["true", "false", "null"], quotes: ["\""], keys: true)
        let yaml = Language(keywords: [], literals: ["true", "false", "null", "yes", "no", "on", "off", "~"],
                            lineComments: ["#"], keys: true)
        let toml = Language(keywords: [], literals: ["true", "false"], lineComments: ["#"],
                            quotes: ["\"\"\"", "'''", "\"", "'"], keys: true)
        var table: [String: Language] = [:]
        for (names, language) in [(["python", "py", "python3"], python), (["swift"], swift),
                                  (["c", "cpp", "c++", "h", "hpp", "cc", "objc", "java", "cuda"], cLike),
                                  (["javascript", "js", "typescript", "ts", "jsx", "tsx"], javascript), (["rust", "rs"], rust),
                                  (["bash", "sh", "shell", "zsh", "console", "shell-session"], shell), (["json", "jsonc"], json),
                                  (["yaml", "yml"], yaml), (["toml", "ini"], toml)] {
            for n in names { table[n] = language }
        }
        return table
    }()

    /// The code as HTML with coloured spans that never cross a line, or
    /// nil when the language is not one this knows.
    static func html(_ code: String, language: String) -> String? {
        guard let lang = languages[language.lowercased()] else { return nil }
        let s = Array(code)
        var out = ""
        var i = 0
        var lineStart = true
        func starts(_ p: String, at k: Int) -> Bool {
            let q = Array(p)
            return k + q.count <= s.count && Array(s[k..<(k + q.count)]) == q
        }
        /// A span per line, so a wrapped line keeps its colour and lines stay balanced.
        func emit(_ cls: String?, _ text: ArraySlice<Character>) {
            let parts = String(text).split(separator: "\n", omittingEmptySubsequences: false)
            for (n, part) in parts.enumerated() {
                if n > 0 { out += "\n" }
                if part.isEmpty { continue }
                let escaped = HTML.escape(String(part))
                out += cls.map { "<span class=\"\($0)\">\(escaped)</span>" } ?? escaped
            }
        }
        func nextNonSpace(_ k: Int) -> Character? {
            var k = k
            while k < s.count, s[k] == " " || s[k] == "\t" { k += 1 }
            return k < s.count ? s[k] : nil
        }
        while i < s.count {
            let c = s[i]
            if c == "\n" { out += "\n"; i += 1; lineStart = true; continue }
            if c == " " || c == "\t" { out += String(c); i += 1; continue }
            let atLineStart = lineStart
            lineStart = false
            // Comments: `#` in a shell only where a word starts (not `a#b`, not `$#`).
            if let open = lang.lineComments.first(where: { starts($0, at: i) }),
               !(open == "#" && lang.shell && i > 0 && !(s[i - 1] == " " || s[i - 1] == "\t" || s[i - 1] == "\n")) {
                var j = i
                while j < s.count, s[j] != "\n" { j += 1 }
                emit("c", s[i..<j]); i = j; continue
            }
            if let block = lang.blockComment, starts(block.open, at: i) {
                var j = i + block.open.count
                while j < s.count, !starts(block.close, at: j) { j += 1 }
                j = min(s.count, j + block.close.count)
                emit("c", s[i..<j]); i = j; continue
            }
            if let quote = lang.quotes.first(where: { starts($0, at: i) }) {
                var j = i + quote.count
                while j < s.count, !starts(quote, at: j) {
                    if s[j] == "\\" { j += 1 } else if s[j] == "\n", quote.count == 1, quote != "`" { break }
                    j += 1
                }
                j = min(s.count, j + (j < s.count && starts(quote, at: j) ? quote.count : 0))
                let isKey = lang.keys && nextNonSpace(j) == ":"
                emit(isKey ? "a" : "s", s[i..<j]); i = j; continue
            }
            if c.isNumber || (c == "." && i + 1 < s.count && s[i + 1].isNumber) || (c == "-" && lang.keys && i + 1 < s.count && s[i + 1].isNumber) {
                var j = i + 1
                while j < s.count, s[j].isNumber || s[j].isLetter || s[j] == "." || s[j] == "_"
                    || ((s[j] == "+" || s[j] == "-") && (s[j - 1] == "e" || s[j - 1] == "E")) { j += 1 }
                // `3x3`, `v2`, `conv1` in prose-like code are words, not numbers.
                let word = String(s[i..<j])
                let numeric = word.allSatisfy { $0.isNumber || "._-+eExXabcdefABCDEFoOjLuUf".contains($0) }
                emit(numeric ? "n" : nil, s[i..<j]); i = j; continue
            }
            if lang.shell, c == "$" {
                var j = i + 1
                if j < s.count, s[j] == "{" {
                    while j < s.count, s[j] != "}", s[j] != "\n" { j += 1 }
                    j = min(s.count, j + 1)
                } else {
                    while j < s.count, s[j].isLetter || s[j].isNumber || s[j] == "_" || "@#?$!*-".contains(s[j]) && j == i + 1 { j += 1 }
                }
                emit("a", s[i..<j]); i = j; continue
            }
            if lang.shell, c == "-", i + 1 < s.count, s[i + 1] == "-" || s[i + 1].isLetter,
               i == 0 || s[i - 1] == " " || s[i - 1] == "\t" {
                var j = i + 1
                while j < s.count, s[j].isLetter || s[j].isNumber || s[j] == "-" || s[j] == "_" { j += 1 }
                emit("a", s[i..<j]); i = j; continue
            }
            if lang.attributes, c == "@", i + 1 < s.count, s[i + 1].isLetter {
                var j = i + 1
                while j < s.count, s[j].isLetter || s[j].isNumber || s[j] == "_" || s[j] == "." { j += 1 }
                emit("a", s[i..<j]); i = j; continue
            }
            if c.isLetter || c == "_" || (c == "#" && !lang.keywords.isEmpty) {
                var j = i + 1
                while j < s.count, s[j].isLetter || s[j].isNumber || s[j] == "_" || (lang.keys && s[j] == "-") { j += 1 }
                let word = String(s[i..<j])
                let cls: String?
                if lang.keys, atLineStart || (i > 0 && s[i - 1] == " " && lineIsListItem(s, before: i)), nextNonSpace(j) == ":" {
                    cls = "a"
                } else if lang.keywords.contains(word) {
                    cls = "k"
                } else if lang.literals.contains(word) {
                    cls = "cl"
                } else if nextNonSpace(j) == "(" {
                    cls = "f"
                } else {
                    cls = nil
                }
                emit(cls, s[i..<j]); i = j; continue
            }
            emit("+-*/%=<>!&|^~?:".contains(c) ? "o" : nil, s[i..<(i + 1)])
            i += 1
        }
        return out
    }

    /// Whether only spaces and one `- ` stand before position `k` on its line (a YAML list item's key).
    private static func lineIsListItem(_ s: [Character], before k: Int) -> Bool {
        var j = k - 1
        var dash = false
        while j >= 0, s[j] != "\n" {
            if s[j] == "-", !dash { dash = true } else if s[j] != " " { return false }
            j -= 1
        }
        return dash
    }
}
