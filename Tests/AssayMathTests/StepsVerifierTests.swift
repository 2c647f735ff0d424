import AssayCore
import Foundation
import Testing

@testable import AssayMath

/// `steps` as a verifier: verdicts, the penalty shapes, the scope and the evidence in `detail`.
@Suite struct StepsVerifierTests {
    func verifier(_ params: [String: JSONValue] = [:]) throws -> StepsVerifier {
        var p = VerifierParams(params)
        let v = try StepsVerifier(params: &p)
        try p.rejectUnknownKeys()
        return v
    }

    func run(_ v: StepsVerifier, _ completion: String) async throws -> VerifierResult {
        try await v.verify(VerificationInput(item: ScoreItem(id: "1", completion: completion), deadline: .now + .seconds(10)))
    }

    static let twoFalse = "<think>$12 \\times 7 = 85$ and then $3 + 4 = 8$, while $2 + 2 = 4$.</think><answer>85</answer>"

    @Test func countPenaltyScalesWithFalseClaimsAndIsCapped() async throws {
        let result = try await run(verifier(), Self.twoFalse)
        #expect(result.verdict == "false_claims")
        #expect(result.score == -1)
        #expect(result.detail?["false"] == .int(2))
        #expect(result.detail?["true"] == .int(1))
        let capped = try await run(verifier(["per_false_claim": 0.25, "max_penalty": 0.4]), Self.twoFalse)
        #expect(capped.score == -0.4)
        let one = try await run(verifier(["per_false_claim": 0.25]), "<think>$3 + 4 = 8$</think>")
        #expect(one.score == -0.25)
    }

    @Test func anyPenaltyIsFlat() async throws {
        let result = try await run(verifier(["penalty": "any", "max_penalty": 0.7]), Self.twoFalse)
        #expect(result.score == -0.7)
    }

    @Test func manyTrueClaimsEarnNothing() async throws {
        let many = "<think>" + (1...200).map { "$\($0) + 1 = \($0 + 1)$" }.joined(separator: " ") + "</think>"
        let result = try await run(verifier(), many)
        #expect(result.verdict == "clean")
        #expect(result.score == 0)
        #expect(result.detail?["true"] == .int(200))
        let none = try await run(verifier(), "<think>Let x be the number.</think><answer>4</answer>")
        #expect(none.verdict == "no_claims")
        #expect(none.score == 0)
    }

    @Test func falseClaimsAreQuotedWithPosition() async throws {
        let text = "<think>First line.\nThen $3 + 4 = 8$.</think>"
        let result = try await run(verifier(), text)
        guard case .array(let claims)? = result.detail?["false_claims"], case .object(let claim)? = claims.first else {
            Issue.record("no false_claims in \(String(describing: result.detail))")
            return
        }
        #expect(claim["claim"] == .string("3 + 4 = 8"))
        #expect(claim["line"] == .int(2))
        let offset = try #require(claim["offset"]?.intValue)
        #expect(Array(text.utf8)[offset] == UInt8(ascii: "3"))
    }

    @Test func scopeThinkIgnoresTheAnswer() async throws {
        let text = "<think>$2 + 2 = 4$</think><answer>$2 + 2 = 5$</answer>"
        #expect(try await run(verifier(), text).detail?["false"] == .int(0))
        #expect(try await run(verifier(["scope": "all"]), text).detail?["false"] == .int(1))
        // Without tags the whole completion is the reasoning.
        #expect(try await run(verifier(), "$2 + 2 = 5$").detail?["false"] == .int(1))
    }

    @Test func badParamsNameTheKey() throws {
        for (key, value) in [("penalty", JSONValue.string("fraction")), ("per_false_claim", .int(-1)), ("scope", .string("answer"))] {
            var p = VerifierParams([key: value])
            #expect(throws: VerifierParams.Failure.self) { _ = try StepsVerifier(params: &p) }
        }
    }

    @Test func expiredDeadlineIsATimeout() async throws {
        let v = try verifier()
        let result = try await v.verify(
            VerificationInput(item: ScoreItem(id: "1", completion: "$1 + 1 = 2$"), deadline: .now - .seconds(1)))
        #expect(result.status == .timeout)
    }
}
