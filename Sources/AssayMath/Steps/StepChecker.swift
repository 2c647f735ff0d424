/// Finds checkable claims in reasoning text and evaluates each one exactly (see ``StepsVerifier``).
///
/// Pipeline: ``MathSegmentScanner`` (LaTeX math vs prose, code skipped) → ``RelationSplitter`` /
/// ``PlainClaimScanner`` (relation chains `a = b < c`) → ``ClaimEvaluator`` (each side to an exact number, or
/// uncheckable) → ``RelationJudge`` (does the relation hold). A claim that fails is given the benefit of the doubt
/// when the words around it say it is modular, in another base, rounded or negated, or when it is
/// questioned or retracted right after (``StepCheckOptions/forgiveRetracted``): it becomes uncheckable.
public enum StepChecker {
    /// Words near a false claim (same sentence, within ``contextReach`` bytes) that mean the relation is not
    /// plain arithmetic (modular, rounded) or not asserted (negated, a contradiction reached, a typo noted).
    static let contextWords: [String] = [
        "mod", "modulo", "pmod", "bmod", "equiv", "congruent", "remainder", "rounded", "rounding", "round", "nearest",
        "approximately", "roughly", "estimate", "not", "isn't", "contradiction", "impossible", "absurd", "false",
        "incorrect", "wrong", "mistake", "error", "typo", "concatenat", "counterexample",
    ]
    static let contextReach = 30
    /// Words shortly after a false claim that take it back.
    static let retractionWords: [String] = [
        "wait", "no,", "no.", "no!", "actually", "mistake", "oops", "error", "let me re", "correction", "recalculate",
        "recompute", "that's wrong", "that is wrong", "hmm", "not right", "incorrect", "miscalculat", "double-check",
        "double check", "re-check", "recheck", "re-evaluate", "reconsider",
    ]

    /// Checks `text` (all of it).
    public static func check(_ text: String, options: StepCheckOptions = StepCheckOptions()) -> StepReport {
        let bytes = Array(text.utf8)
        return check(bytes, range: 0..<bytes.count, options: options)
    }

    /// Checks `bytes[range]`; offsets in the report index `bytes`.
    public static func check(_ bytes: [UInt8], range: Range<Int>, options: StepCheckOptions) -> StepReport {
        let scanEnd = min(range.upperBound, range.lowerBound + options.maxScanBytes)
        let evaluator = ClaimEvaluator(options: options)
        let lines = LineIndex(bytes)
        var report = StepReport(claims: [], skipped: 0, timedOut: false)
        if scanEnd < range.upperBound { report.skipped += 1 }
        for segment in MathSegmentScanner.segments(bytes, in: range.lowerBound..<scanEnd) {
            let chains: [RelationChain]
            switch segment.kind {
            case .latex: chains = RelationSplitter.chains(bytes, segment.range)
            case .prose: chains = options.plainText ? PlainClaimScanner.chains(bytes, segment.range) : []
            }
            for chain in chains {
                if let deadline = options.deadline, ContinuousClock.now >= deadline {
                    report.timedOut = true
                    return report
                }
                var values: [ClaimEvaluator.SideValue?] = Array(repeating: nil, count: chain.sides.count)
                for (k, relation) in chain.relations.enumerated() {
                    let left = chain.sides[k], right = chain.sides[k + 1]
                    guard left.offset >= 0, right.offset >= 0, !left.text.isEmpty, !right.text.isEmpty else { continue }
                    guard report.claims.count < options.maxClaims else {
                        report.skipped += 1
                        continue
                    }
                    if values[k] == nil { values[k] = evaluator.evaluate(side: left) }
                    if values[k + 1] == nil { values[k + 1] = evaluator.evaluate(side: right) }
                    // A claim that continues an align row from the row above is placed where its row starts.
                    let position = left.carried ? right.offset : left.offset
                    var claim = StepClaim(
                        text: clip(left.text) + " " + relation.symbol + " " + clip(right.text), relation: relation.symbol,
                        judgement: .uncheckable, reason: "", offset: position, line: lines.line(of: position), values: nil)
                    switch (values[k]!, values[k + 1]!) {
                    case (.uncheckable(let why), _):
                        claim.reason = "left side: \(why)"
                    case (_, .uncheckable(let why)):
                        claim.reason = "right side: \(why)"
                    case (.value(let l, let le), .value(let r, let re)):
                        claim.values = (l.description, r.description)
                        switch RelationJudge.judge(l, le, relation, r, re) {
                        case .holds(let why):
                            claim.judgement = .true
                            claim.reason = why
                        case .undecided(let why):
                            claim.reason = why
                        case .fails(let why) where relation == .eq && RelationJudge.writtenLiteral(le) != nil
                            && RelationJudge.writtenLiteral(re) != nil:
                            // `0 = -12`: two different numbers and no computation — a contradiction reached, not a step.
                            claim.reason = "\(why), but both sides are bare numbers (a contradiction or a label, not a computation)"
                        case .fails(let why):
                            let end = right.offset + right.text.utf8.count
                            if let excuse = excuse(bytes, claimStart: left.offset, claimEnd: end, range: range, options: options) {
                                claim.reason = "\(why), but \(excuse)"
                            } else {
                                claim.judgement = .false
                                claim.reason = why
                            }
                        }
                    }
                    report.claims.append(claim)
                }
            }
        }
        return report
    }

    /// Why a failing claim is not asserted as plain arithmetic, if its surroundings say so.
    static func excuse(_ b: [UInt8], claimStart: Int, claimEnd: Int, range: Range<Int>, options: StepCheckOptions) -> String? {
        let sentence = sentenceRange(b, around: claimStart, end: claimEnd, range: range)
        let near = max(sentence.lowerBound, claimStart - contextReach)..<min(sentence.upperBound, claimEnd + contextReach)
        let words = String(decoding: b[near], as: UTF8.self).lowercased()
        if let word = contextWords.first(where: { containsWord(words, $0) }) { return "the words around it say \"\(word)\"" }
        if let base = numeralBase(words) { return "it is in another base (\"\(base)\")" }
        guard options.forgiveRetracted else { return nil }
        var k = claimEnd
        while k < range.upperBound && k < claimEnd + 8 && " $)\\]*".utf8.contains(b[k]) { k += 1 }
        if k < range.upperBound && b[k] == UInt8(ascii: "?") { return "it is asked as a question" }
        let after = String(decoding: b[claimEnd..<min(range.upperBound, claimEnd + 160)], as: UTF8.self).lowercased()
        if let word = retractionWords.first(where: { after.contains($0) }) { return "it is taken back (\"\(word)\")" }
        return nil
    }

    /// `base 8`, `base-2`, `base $6$`, `in base`: a numeral base named near the claim.
    static func numeralBase(_ text: String) -> String? {
        var search = text[...]
        while let found = search.range(of: "base") {
            let before = text[..<found.lowerBound].suffix(3)
            let after = text[found.upperBound...].drop { " -_${".contains($0) }
            if before.hasSuffix("in ") || after.first?.isNumber == true { return String(text[found.lowerBound...].prefix(8)) }
            search = text[found.upperBound...]
        }
        return nil
    }

    /// The sentence holding the claim: back to the previous `. ` / `? ` / `! ` / blank line, forward to the next,
    /// each at most 300 bytes away.
    static func sentenceRange(_ b: [UInt8], around start: Int, end: Int, range: Range<Int>) -> Range<Int> {
        var lo = start
        while lo > range.lowerBound && lo > start - 300 {
            let c = b[lo - 1]
            if (c == UInt8(ascii: ".") || c == UInt8(ascii: "?") || c == UInt8(ascii: "!")) && lo < b.count && (b[lo] == 32 || b[lo] == 10) { break }
            if c == 10 && lo >= 2 && b[lo - 2] == 10 { break }
            lo -= 1
        }
        var hi = min(end, range.upperBound)
        while hi < range.upperBound && hi < end + 300 {
            let c = b[hi]
            if (c == UInt8(ascii: ".") || c == UInt8(ascii: "?") || c == UInt8(ascii: "!"))
                && (hi + 1 >= range.upperBound || b[hi + 1] == 32 || b[hi + 1] == 10) { hi += 1; break }
            if c == 10 && hi + 1 < range.upperBound && b[hi + 1] == 10 { break }
            hi += 1
        }
        return lo..<max(lo, hi)
    }

    /// Whether `word` occurs in `text` not inside a longer word (a prefix match for stems such as `concatenat`).
    static func containsWord(_ text: String, _ word: String) -> Bool {
        var search = text[...]
        while let found = search.range(of: word) {
            let before = found.lowerBound == text.startIndex ? " " : text[text.index(before: found.lowerBound)]
            let boundaryBefore = !before.isLetter
            let after = found.upperBound == text.endIndex ? " " : text[found.upperBound]
            let boundaryAfter = !after.isLetter || word.hasSuffix("t") && word.count > 8
            if boundaryBefore && boundaryAfter { return true }
            search = text[found.upperBound...]
        }
        return false
    }

    static func clip(_ s: String) -> String {
        let trimmed = s.trimmed(of: " ")
        guard trimmed.utf8.count > 200 else { return trimmed }
        return String(decoding: trimmed.utf8.prefix(200), as: UTF8.self) + "…"
    }
}

/// Byte offset → 1-based line number.
struct LineIndex {
    private var starts: [Int] = [0]

    init(_ b: [UInt8]) {
        for (i, c) in b.enumerated() where c == 10 { starts.append(i + 1) }
    }

    func line(of offset: Int) -> Int {
        var lo = 0, hi = starts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid }
        }
        return lo + 1
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters of `set`.
    func trimmed(of set: String) -> String {
        let kept = drop { set.contains($0) }
        var end = kept.endIndex
        while end > kept.startIndex, set.contains(kept[kept.index(before: end)]) { end = kept.index(before: end) }
        return String(kept[kept.startIndex..<end])
    }
}
