import Foundation

/// Real-text corpora for the language identifier tests, read at test time.
///
/// - English: `shared/datasets/math/{math500,gsm8k_test}.jsonl` beside the repository.
/// - French/German/Spanish/Italian/Portuguese: translated manual pages installed by the
///   Debian packages `manpages-fr manpages-de manpages-es manpages-it manpages-pt-br`
///   under `/usr/share/man/{fr,de,es,it,pt_BR}/man*/`. Prose sentences are extracted from
///   the roff source (requests, bold option names and escapes removed).
enum LanguageTestCorpus {
    /// Locale directory under `/usr/share/man` and the apt package providing it.
    static let manLocales: [String: (dir: String, package: String)] = [
        "fr": ("fr", "manpages-fr"),
        "de": ("de", "manpages-de"),
        "es": ("es", "manpages-es"),
        "it": ("it", "manpages-it"),
        "pt": ("pt_BR", "manpages-pt-br"),
    ]

    /// `shared/datasets/math` resolved from this file's location (repo/Tests/AssayTextTests/…).
    static func mathDatasetDirectory(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared/datasets/math")
    }

    /// Values of `field` in a JSON-lines file (nil if the file is missing).
    static func jsonlField(_ url: URL, field: String, limit: Int = .max) -> [String]? {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            return nil
        }
        var values: [String] = []
        for line in text.split(separator: "\n") where values.count < limit {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let value = object[field] as? String
            else { continue }
            values.append(value)
        }
        return values
    }

    /// Up to `count` prose sentences from the man pages of `language`, or nil if not installed.
    static func manSentences(_ language: String, count: Int = 200, perPage: Int = 2) -> [String]? {
        guard let locale = manLocales[language] else { return nil }
        let root = URL(fileURLWithPath: "/usr/share/man/\(locale.dir)")
        var pages: [URL] = []
        for section in ["man1", "man5", "man7", "man8", "man2", "man3"] {
            let dir = root.appendingPathComponent(section)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
            pages += names.sorted().filter { $0.hasSuffix(".gz") }.map { dir.appendingPathComponent($0) }
        }
        guard !pages.isEmpty else { return nil }
        var result: [String] = []
        for page in pages where result.count < count {
            guard let roff = gunzip(page) else { continue }
            let sentences = proseSentences(fromRoff: roff)
            result += sentences.prefix(min(perPage, count - result.count))
        }
        return result.count >= count / 2 ? result : nil
    }

    static func gunzip(_ url: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(data: data, encoding: .utf8)
    }

    /// Sentences of 8…60 words from the text lines of a roff page.
    static func proseSentences(fromRoff roff: String) -> [String] {
        var paragraphs: [String] = []
        var current = ""
        var inExample = false
        for rawLine in roff.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if line.hasPrefix(".") || line.hasPrefix("'") {
                if line.hasPrefix(".nf") || line.hasPrefix(".EX") { inExample = true }
                if line.hasPrefix(".fi") || line.hasPrefix(".EE") { inExample = false }
                if !current.isEmpty { paragraphs.append(current) }
                current = ""
                continue
            }
            if inExample { continue }
            current += " " + stripEscapes(line)
        }
        if !current.isEmpty { paragraphs.append(current) }
        var sentences: [String] = []
        for paragraph in paragraphs {
            var sentence = ""
            let chars = Array(paragraph)
            for (k, c) in chars.enumerated() {
                sentence.append(c)
                let next: Character = k + 1 < chars.count ? chars[k + 1] : " "
                if (c == "." || c == "?" || c == "!") && next == " " {
                    appendIfProse(sentence, to: &sentences)
                    sentence = ""
                }
            }
            appendIfProse(sentence, to: &sentences)
        }
        return sentences
    }

    static func appendIfProse(_ sentence: String, to sentences: inout [String]) {
        let trimmed = sentence.trimmingCharacters(in: .whitespaces)
        let words = trimmed.split(separator: " ").filter { $0.contains(where: \.isLetter) }
        guard words.count >= 8 && words.count <= 60 else { return }
        // Synopsis-like lines are not prose.
        if trimmed.contains("[") || trimmed.contains("|") || trimmed.contains("=") { return }
        // Untranslated paragraphs: two or more English-only function words.
        let english = words.filter { englishOnly.contains($0.lowercased()) }.count
        if english >= 2 { return }
        sentences.append(trimmed)
    }

    /// Frequent English function words that are not words of fr/de/es/it/pt; used only
    /// to drop untranslated (English) sentences from the translated manual pages.
    static let englishOnly: Set<String> = [
        "the", "and", "of", "is", "are", "this", "that", "which", "with", "for", "be", "by", "from", "it",
        "was", "or", "not", "will", "can", "if", "when", "to", "on", "an",
    ]



    /// Accented letters written as roff special characters (`\\('e`, `\\[:u]`, `\\[u00E9]`).
    static func special(_ name: String) -> String {
        if name == "aq" || name == "Aq" { return "'" }
        if name == "ss" { return "ß" }
        if name.hasPrefix("u"), name.count >= 5, let v = UInt32(name.dropFirst().prefix(4), radix: 16),
            let scalar = Unicode.Scalar(v)
        {
            return String(Character(scalar))
        }
        let accents: [Character: UInt32] = ["'": 0x301, "`": 0x300, "^": 0x302, ":": 0x308, "~": 0x303, ",": 0x327]
        if name.count == 2, let mark = accents[name.first!], let base = name.last, base.isLetter,
            let scalar = Unicode.Scalar(mark)
        {
            return (String(base) + String(Character(scalar))).precomposedStringWithCanonicalMapping
        }
        return " "
    }

    /// Removes roff escapes; bold stretches (option and command names) are dropped entirely.
    static func stripEscapes(_ line: String) -> String {
        var out = ""
        var bold = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            guard c == "\\" else {
                if !bold { out.append(c) }
                continue
            }
            guard let e = chars.popFirst() else { break }
            switch e {
            case "f":
                var font = ""
                if chars.first == "[" {
                    chars.removeFirst()
                    while let x = chars.popFirst(), x != "]" { font.append(x) }
                } else if let x = chars.popFirst() {
                    font = String(x)
                    if x == "(" { font = String(chars.prefix(2)); chars = chars.dropFirst(2) }
                }
                bold = font.hasPrefix("B") || font == "CB" || font == "CW"
            case "(":
                let name = String(chars.prefix(2))
                chars = chars.dropFirst(2)
                if !bold { out += special(name) }
            case "[":
                var name = ""
                while let x = chars.popFirst(), x != "]" { name.append(x) }
                if !bold { out += special(name) }
            case "*":
                if chars.first == "(" { chars = chars.dropFirst(3) } else if chars.first == "[" {
                    while let x = chars.popFirst(), x != "]" {}
                } else { chars = chars.dropFirst(1) }
            case "-": if !bold { out.append("-") }
            case "e": if !bold { out.append("\\") }
            case " ", "~": if !bold { out.append(" ") }
            case "\"": return out  // comment
            default: break  // \& \, \/ \: etc.
            }
        }
        return out
    }
}
