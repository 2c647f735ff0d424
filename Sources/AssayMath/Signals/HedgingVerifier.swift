import AssayCore

/// `hedging`: the final answer offers several candidates where the gold is one value — several different boxed
/// answers (`\boxed{2} or \boxed{3}`), or one answer that lists values (`2, 3 or 5`, `x=2 \text{ or } x=3`, `A or C`,
/// `either 2 or 3`, `\pm 3`; see ``AnswerCandidates``).
///
/// Equivalent candidates count once (`\boxed{2}` twice, `2 or 2.0`, `\sqrt 2, i.e. 1.414`), and `1,000` is one value.
/// The answer may offer up to `max_candidates` values (default 1), or as many as the gold has (a gold `1, 2` allows
/// `2, 1`). Without a gold, only disjunctions and several boxes count. Verdicts: `hedged` (score −1), `clean` (0),
/// `no_answer` (0); detail lists the candidates.
public struct HedgingVerifier: Verifier {
    public let name = "hedging"
    public let version = "1"
    public let cost = VerifierCost.expensive
    public let canonicalParams: JSONValue
    public let honoursDeadline = true

    let maxCandidates: Int
    let extraction: ExtractionOptions
    let budget: MathBudget

    /// Most pieces of one answer looked at; enough for any honest answer.
    static let maxPieces = 64

    public init(params: inout VerifierParams) throws {
        maxCandidates = try params.int("max_candidates", default: 1, in: 1...64)
        extraction = ExtractionOptions(source: try params.choice("source", default: .any), hedgingIsWrong: true)
        var budget = MathBudget()
        budget.maxInputBytes = try params.int("max_answer_bytes", default: budget.maxInputBytes, in: 16...1_000_000)
        self.budget = budget
        canonicalParams = .object(params.values)
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        let gold = MathVerifier.gold(from: input.reference)
        var budget = self.budget
        budget.deadline = input.deadline
        var detail: [String: JSONValue] = ["gold": gold.map(JSONValue.string) ?? .null]
        let pieces: [String]
        let disjunction: Bool
        switch AnswerExtractor.extract(from: input.completion, options: extraction) {
        case .noAnswer(let reason):
            detail["reason"] = .string(reason)
            return VerifierResult(score: 0, verdict: .noAnswer, detail: .object(detail))
        case .hedged(let boxes):
            detail["boxes"] = .array(boxes.prefix(16).map(JSONValue.string))
            pieces = boxes.prefix(Self.maxPieces).flatMap { AnswerCandidates.split($0, maxPieces: Self.maxPieces).pieces }
            disjunction = true
        case .answer(let answer, let source):
            detail["answer"] = .string(answer)
            detail["source"] = .string(source)
            let split = AnswerCandidates.split(answer, maxPieces: Self.maxPieces)
            pieces = split.pieces
            disjunction = split.disjunction
        }
        if let long = pieces.first(where: { $0.utf8.count > budget.maxInputBytes }) {
            return .failure(.limit, "a candidate is \(long.utf8.count) bytes, over max_answer_bytes \(budget.maxInputBytes)")
        }
        guard let candidates = distinct(pieces, components: false, budget: budget, deadline: input.deadline) else {
            return .failure(.timeout, "deadline passed while comparing candidates")
        }
        guard !candidates.isEmpty else {
            detail["reason"] = "empty answer"
            return VerifierResult(score: 0, verdict: .noAnswer, detail: .object(detail))
        }
        var allowed = maxCandidates
        if let gold {
            let goldPieces = AnswerCandidates.split(gold, maxPieces: Self.maxPieces).pieces
            let goldValues = distinct(goldPieces, components: true, budget: budget, deadline: input.deadline)?.count ?? 1
            detail["gold_values"] = .int(goldValues)
            allowed = max(allowed, goldValues)
        }
        detail["candidates"] = .array(candidates.prefix(16).map { .string($0.text) })
        detail["count"] = .int(candidates.count)
        detail["allowed"] = .int(allowed)
        let counts = gold != nil || disjunction
        if counts, candidates.count > allowed {
            let expected = allowed == 1 ? "1 is" : "\(allowed) are"
            detail["reason"] = .string("\(candidates.count) different candidates where \(expected) expected")
            return VerifierResult(score: -1, verdict: .hedged, detail: .object(detail))
        }
        detail["reason"] =
            counts ? "no more candidates than expected values" : "a list without a disjunction, and no gold to count against"
        return VerifierResult(score: 0, verdict: .clean, detail: .object(detail))
    }

    /// The values the pieces stand for, equivalent ones merged (values within 0.5 % count as one: `\sqrt 2` and
    /// `1.414`); nil when the deadline passes.
    func distinct(_ pieces: [String], components: Bool, budget: MathBudget, deadline: ContinuousClock.Instant) -> [MathValue]? {
        var out: [MathValue] = []
        var compared = 0
        for piece in pieces {
            guard let value = MathValue(piece, budget: budget) else { continue }
            for element in value.elements(components: components, budget: budget) {
                let duplicate = out.contains { other in
                    compared += 1
                    if let a = element.number, let b = other.number, abs(a - b) <= 0.005 * max(abs(a), abs(b)) { return true }
                    return element.same(as: other, budget: budget)
                }
                if compared > 256, ContinuousClock.now >= deadline { return nil }
                if !duplicate, out.count < Self.maxPieces { out.append(element) }
            }
        }
        return out
    }
}
