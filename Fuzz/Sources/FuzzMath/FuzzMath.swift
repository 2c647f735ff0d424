import AssayCore
import AssayMath

/// libFuzzer entry point. Input layout: one flags byte (extraction options), then `completion`, a 0x00, `gold`.
/// Without a 0x00 the gold is the completion itself (so every seed also exercises the parser twice).
///
/// Properties checked: no crash, no trap, no memory error (ASan), and no input taking longer than libFuzzer's
/// `-timeout` even though every call carries a budget and a deadline.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMath(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let flags = bytes[0]
    let rest = bytes[1...]
    let completionBytes: Slice<UnsafeBufferPointer<UInt8>>
    let goldBytes: Slice<UnsafeBufferPointer<UInt8>>
    if let nul = rest.firstIndex(of: 0) {
        completionBytes = rest[..<nul]
        goldBytes = rest[(nul + 1)...]
    } else {
        completionBytes = rest
        goldBytes = rest
    }
    let completion = String(decoding: completionBytes, as: UTF8.self)
    let gold = String(decoding: goldBytes, as: UTF8.self)

    let sources = ExtractionOptions.Source.allCases
    let extraction = ExtractionOptions(
        source: sources[Int(flags & 0x3) % sources.count],
        fallback: flags & 0x4 != 0 ? .lastNumber : .none,
        hedgingIsWrong: flags & 0x8 == 0)
    // A small budget and a deadline well under the fuzzer's per-input timeout: a hang means a budget is ignored.
    let deadline = ContinuousClock.now + .milliseconds(500)
    let budget = MathBudget(maxInputBytes: 4_096, maxNodes: 4_000, maxDepth: 64, maxDigits: 1_000, deadline: deadline)
    let compare = MathCompareOptions(budget: budget)

    let outcome = AnswerExtractor.extract(from: completion, options: extraction)
    let answer = outcome.answerText ?? completion
    let result = MathEquivalence.compare(answer: answer, gold: gold, options: compare)
    _ = result.match.rawValue
    _ = MathEquivalence.canonicalKey(answer, options: compare)
    _ = MathEquivalence.canonicalKey(gold, options: compare)
    _ = MathEquivalence.kind(of: gold, options: compare)

    var steps = StepCheckOptions()
    steps.plainText = flags & 0x10 == 0
    steps.forgiveRetracted = flags & 0x20 == 0
    steps.deadline = deadline
    _ = StepChecker.check(completion, options: steps)
    return 0
}
