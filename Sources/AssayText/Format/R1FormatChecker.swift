/// The DeepSeek-R1 output format rules (`<think>…</think><answer>…</answer>`) as pure logic.
///
/// ``check(_:options:)`` is a single linear scan over the UTF-8 bytes (no regular expression)
/// followed by a constant number of range checks, so it is safe on arbitrarily large or
/// adversarial completions.
///
/// Checks, in report order (a check is left out when its option makes it inapplicable):
///
/// | name | passes when |
/// |---|---|
/// | `one_think_open` | `<think>` occurs exactly once (exactly zero times with ``FormatOptions/thinkOpenedInPrompt``) |
/// | `one_think_close` | `</think>` occurs exactly once |
/// | `one_answer_open` | `<answer>` occurs exactly once |
/// | `one_answer_close` | `</answer>` occurs exactly once |
/// | `order` | the first occurrences come as `<think>` < `</think>` < `<answer>` < `</answer>` (no nesting, no interleaving, think before answer) |
/// | `nothing_before_think` | only whitespace precedes the first `<think>` (absent with `thinkOpenedInPrompt` or `allowTextBeforeThink`) |
/// | `nothing_between` | only whitespace between the first `</think>` and the next `<answer>` |
/// | `answer_nonempty` | the answer text contains something other than whitespace |
/// | `nothing_after_answer` | only whitespace follows the last `</answer>` (absent with `allowTextAfterAnswer`) |
/// | `newlines` | only with ``FormatOptions/requireNewlines``: the open-r1 strict layout, see there |
///
/// The four count checks mirror open-r1's `tag_count_reward` (each tag exactly once); the
/// newline adjacency that open-r1 folds into those counts is the separate `newlines` check.
public enum R1FormatChecker {
    /// Checks `completion` against the R1 format.
    ///
    /// ``FormatReport/thinkText`` and ``FormatReport/answerText`` are filled in on a best-effort
    /// basis even when the format is broken, see ``extractThink(_:_:_:)`` and ``extractAnswer(_:_:)``.
    public static func check(_ completion: String, options: FormatOptions = FormatOptions()) -> FormatReport {
        var text = completion
        text.makeContiguousUTF8()
        var tags = R1TagScan(thinkTag: options.thinkTag, answerTag: options.answerTag)
        let (checks, thinkRange, answerRange): ([FormatCheck], Range<Int>?, Range<Int>?) = text.withUTF8 { bytes in
            tags.scan(bytes)
            let thinkRange = extractThink(tags, bytes.count, options.thinkOpenedInPrompt)
            let answerRange = extractAnswer(tags, bytes.count)
            let checks = evaluate(tags, bytes, options, answerRange)
            return (checks, thinkRange, answerRange)
        }
        return FormatReport(checks: checks,
                            thinkText: thinkRange.map { substring(text, $0) },
                            answerText: answerRange.map { substring(text, $0) })
    }

    // MARK: - Extraction

    /// Byte range of the first think block's content.
    ///
    /// Starts behind the first `<think>` (at 0 with `thinkOpenedInPrompt`, or at 0 when there is
    /// no `<think>` but a `</think>` comes before any `<answer>`); ends at the first `</think>`
    /// after that, else at the next `<answer>`, else at the end of the text.
    static func extractThink(_ t: R1TagScan, _ n: Int, _ openedInPrompt: Bool) -> Range<Int>? {
        let start: Int
        if openedInPrompt {
            start = 0
        } else if let open = t.thinkOpen.first {
            start = open + t.thinkOpenTag.count
        } else if let close = t.thinkClose.first, close < (t.answerOpen.first ?? Int.max) {
            start = 0
        } else {
            return nil
        }
        let end = R1TagScan.first(t.thinkClose, atOrAfter: start)
            ?? R1TagScan.first(t.answerOpen, atOrAfter: start)
            ?? n
        return start..<end
    }

    /// Byte range of the last answer block's content: the last `<answer>` that has a `</answer>`
    /// after it, up to the last `</answer>`; if no `<answer>` is closed, the last `<answer>` up to
    /// the end of the text (a truncated generation).
    static func extractAnswer(_ t: R1TagScan, _ n: Int) -> Range<Int>? {
        if let close = t.answerClose.last,
           let open = R1TagScan.last(t.answerOpen, atOrBefore: close - t.answerOpenTag.count) {
            return (open + t.answerOpenTag.count)..<close
        }
        if let open = t.answerOpen.last {
            return (open + t.answerOpenTag.count)..<n
        }
        return nil
    }

    // MARK: - Rules

    static func evaluate(_ t: R1TagScan, _ b: UnsafeBufferPointer<UInt8>, _ o: FormatOptions,
                         _ answer: Range<Int>?) -> [FormatCheck] {
        let n = b.count
        let think = "<\(o.thinkTag)>", thinkEnd = "</\(o.thinkTag)>"
        let ans = "<\(o.answerTag)>", ansEnd = "</\(o.answerTag)>"
        var checks: [FormatCheck] = []
        checks.reserveCapacity(10)

        func add(_ name: String, _ passed: Bool, _ message: @autoclosure () -> String) {
            checks.append(FormatCheck(name: name, passed: passed, message: passed ? nil : message()))
        }
        func countCheck(_ name: String, _ tag: String, _ found: Int, _ expected: Int = 1) {
            add(name, found == expected, "expected \(expected) \(tag), found \(found)")
        }

        if o.thinkOpenedInPrompt {
            countCheck("one_think_open", think, t.thinkOpen.count, 0)
            if let m = checks.last?.message { checks[checks.count - 1].message = m + " (the prompt already opened it)" }
        } else {
            countCheck("one_think_open", think, t.thinkOpen.count)
        }
        countCheck("one_think_close", thinkEnd, t.thinkClose.count)
        countCheck("one_answer_open", ans, t.answerOpen.count)
        countCheck("one_answer_close", ansEnd, t.answerClose.count)

        // order: first occurrences strictly increasing; the prompt's <think> sits before byte 0.
        let firstOpen: Int? = o.thinkOpenedInPrompt ? -1 : t.thinkOpen.first
        if let a = firstOpen, let bb = t.thinkClose.first, let c = t.answerOpen.first, let d = t.answerClose.first {
            add("order", a < bb && bb < c && c < d, "tags out of order: expected \(think) < \(thinkEnd) < \(ans) < \(ansEnd)")
        } else {
            add("order", false, "missing tag(s) among \(think) \(thinkEnd) \(ans) \(ansEnd)")
        }

        if !o.thinkOpenedInPrompt && !o.allowTextBeforeThink {
            if let open = t.thinkOpen.first {
                add("nothing_before_think", R1TagScan.isBlank(b, 0..<open), "text before \(think)")
            } else {
                add("nothing_before_think", false, "no \(think)")
            }
        }

        if let close = t.thinkClose.first,
           let next = R1TagScan.first(t.answerOpen, atOrAfter: close + t.thinkCloseTag.count) {
            add("nothing_between", R1TagScan.isBlank(b, (close + t.thinkCloseTag.count)..<next),
                "text between \(thinkEnd) and \(ans)")
        } else {
            add("nothing_between", false, "no \(ans) after \(thinkEnd)")
        }

        if let answer {
            add("answer_nonempty", !R1TagScan.isBlank(b, answer), "the answer is empty or whitespace")
        } else {
            add("answer_nonempty", false, "no \(ans)")
        }

        if !o.allowTextAfterAnswer {
            if let close = t.answerClose.last {
                add("nothing_after_answer", R1TagScan.isBlank(b, (close + t.answerCloseTag.count)..<n), "text after \(ansEnd)")
            } else {
                add("nothing_after_answer", false, "no \(ansEnd)")
            }
        }

        if o.requireNewlines {
            let failure = strictLayoutFailure(t, b, o.thinkOpenedInPrompt)
            add("newlines", failure == nil, failure ?? "")
        }
        return checks
    }

    /// open-r1's strict layout `<think>\n…\n</think>\n<answer>\n…\n</answer>` followed by the end
    /// or a `\n`, checked on the first `<think>`, first `</think>` and last `</answer>`.
    /// Returns why it fails, or `nil`.
    static func strictLayoutFailure(_ t: R1TagScan, _ b: UnsafeBufferPointer<UInt8>, _ openedInPrompt: Bool) -> String? {
        let nl = UInt8(ascii: "\n"), n = b.count
        let thinkStart: Int
        if openedInPrompt {
            thinkStart = 0
        } else {
            guard t.thinkOpen.first == 0 else { return "the text must start with <think>" }
            thinkStart = t.thinkOpenTag.count
        }
        // Content between tags must be "\n" + anything + "\n" (two distinct newlines).
        func framed(_ r: Range<Int>) -> Bool {
            r.count >= 2 && b[r.lowerBound] == nl && b[r.upperBound - 1] == nl
        }
        guard let thinkClose = R1TagScan.first(t.thinkClose, atOrAfter: thinkStart) else {
            return "no closing think tag"
        }
        guard framed(thinkStart..<thinkClose) else { return "think content must start and end with \\n" }
        let afterThink = thinkClose + t.thinkCloseTag.count
        guard afterThink < n, b[afterThink] == nl, t.answerOpen.contains(afterThink + 1) else {
            return "the think close tag must be followed by \\n and the answer open tag"
        }
        let answerStart = afterThink + 1 + t.answerOpenTag.count
        guard let answerClose = t.answerClose.last, answerClose >= answerStart else {
            return "no closing answer tag"
        }
        guard framed(answerStart..<answerClose) else { return "answer content must start and end with \\n" }
        let end = answerClose + t.answerCloseTag.count
        guard end == n || b[end] == nl else { return "the answer close tag must end the text or be followed by \\n" }
        return nil
    }

    static func substring(_ text: String, _ r: Range<Int>) -> Substring {
        let u = text.utf8
        let lo = u.index(u.startIndex, offsetBy: r.lowerBound)
        let hi = u.index(lo, offsetBy: r.count)
        return text[lo..<hi]
    }
}
