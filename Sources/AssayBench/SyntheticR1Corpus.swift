import AssayCore

/// Deterministic R1-style completions of a chosen size, for benchmarks: mostly well formed, with the malformed
/// shapes trainers see (missing tags, text after the answer, empty answers) and some mixed-language reasoning.
public enum SyntheticR1Corpus {
    static let englishSentences = [
        "Let me think about the problem carefully before writing the final answer.",
        "First, we rewrite the equation so that every term is on the left side.",
        "The sum of the first n odd numbers is n squared, which we can check for small cases.",
        "Now substitute the value back into the original expression and simplify.",
        "This means the remainder must be smaller than the divisor, so only a few cases are left.",
        "We can verify the result by plugging in the candidate values one at a time.",
        "Since the triangle is isosceles, the two base angles are equal.",
        "Wait, I should double check the sign of the second term before moving on.",
        "The probability is the number of favourable outcomes divided by the total number of outcomes.",
        "Therefore the function is increasing on the whole interval and the maximum is at the right end.",
    ]
    static let mathFragments = [
        "$x^2 - 5x + 6 = 0$", "\\frac{a+b}{2} \\geq \\sqrt{ab}", "$\\binom{10}{3} = 120$", "$2^{10} = 1024$",
        "\\[ \\sum_{k=1}^{n} k = \\frac{n(n+1)}{2} \\]",
    ]
    static let chineseSentences = ["我们先计算这个表达式的值。", "所以答案应该是这个数。", "让我再检查一下这个步骤。"]

    /// Items with ids `0…count-1`, groups of 8, completions of about `targetBytes` UTF-8 bytes.
    public static func make(count: Int, targetBytes: Int = 2048, seed: UInt64 = 42) -> [ScoreItem] {
        var rng = SplitMix64(seed: seed)
        var items: [ScoreItem] = []
        items.reserveCapacity(count)
        for index in 0..<count {
            let mixedLanguage = rng.next() % 10 == 0
            var think = ""
            while think.utf8.count < targetBytes - 120 {
                if rng.next() % 5 == 0 {
                    think += mathFragments[Int(rng.next() % UInt64(mathFragments.count))] + " "
                } else if mixedLanguage && rng.next() % 3 == 0 {
                    think += chineseSentences[Int(rng.next() % UInt64(chineseSentences.count))]
                } else {
                    think += englishSentences[Int(rng.next() % UInt64(englishSentences.count))] + " "
                }
                if rng.next() % 6 == 0 { think += "\n" }
            }
            let answer = "The answer is \\boxed{\(rng.next() % 1000)}."
            let completion: String
            switch rng.next() % 20 {
            case 0: completion = "<think>\n\(think)\n</think>\n<answer>\n\(answer)\n"  // unclosed answer
            case 1: completion = "<think>\n\(think)\n</think>\n<answer>\n\(answer)\n</answer>\nHope this helps!"
            case 2: completion = "\(think)\n<answer>\n\(answer)\n</answer>"  // no think block
            case 3: completion = "<think>\n\(think)\n</think>\n<answer>\n\n</answer>"  // empty answer
            default: completion = "<think>\n\(think)\n</think>\n<answer>\n\(answer)\n</answer>"
            }
            items.append(
                ScoreItem(
                    id: .int(index), group: .int(index / 8), prompt: "Problem \(index / 8)", completion: completion,
                    reference: ["answer": .string(String(rng.next() % 1000))]))
        }
        return items
    }

    /// The items as JSONL (one API item per line).
    public static func jsonl(_ items: [ScoreItem]) -> String {
        var out = ""
        for item in items {
            out += "{\"id\":"
            JSONText.appendValue(item.id, to: &out)
            out += ",\"group\":"
            JSONText.appendValue(item.group ?? .null, to: &out)
            out += ",\"prompt\":"
            JSONText.appendQuoted(item.prompt ?? "", to: &out)
            out += ",\"completion\":"
            JSONText.appendQuoted(item.completion, to: &out)
            out += ",\"reference\":"
            JSONText.appendValue(item.reference ?? .null, to: &out)
            out += "}\n"
        }
        return out
    }
}
