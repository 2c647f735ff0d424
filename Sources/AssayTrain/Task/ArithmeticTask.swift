import AssayCore

/// One generated problem: the text, the policy's prompt tokens (start marker, the expression, `=`) and the gold.
public struct ArithmeticProblem: Sendable, Hashable {
    public var text: String
    public var promptTokens: [Int]
    public var answer: String
}

/// Procedurally generated arithmetic with a held-out split no training step ever sees.
///
/// Every problem of the family (see ``ArithmeticFamily``) is enumerated and a seeded shuffle puts 20 % of them in
/// the held-out split, so held-out accuracy measures whether the policy learned to compute, not which answers it
/// memorised. Training prompts are drawn balanced by answer (``sampleTraining(using:)``): a policy that ignores
/// the question then scores 1 / (number of answers), and no frequent answer dominates the gradient.
public struct ArithmeticTask: Sendable {
    public typealias Family = ArithmeticFamily

    public let family: Family
    public let vocabulary = TaskVocabulary()
    public let trainingProblems: [ArithmeticProblem]
    public let heldOutProblems: [ArithmeticProblem]
    /// Training problems grouped by gold answer, answers in ascending numeric order.
    private let trainingByAnswer: [[ArithmeticProblem]]

    public init(family: Family, seed: UInt64) {
        self.family = family
        let vocabulary = TaskVocabulary()
        var all = family.expressions.map { Self.problem($0.text, answer: $0.answer, vocabulary: vocabulary) }
        var random = SplitMix64(seed: seed ^ 0x7A5C_5EED)
        all.shuffle(using: &random)
        let heldOut = all.count / 5
        heldOutProblems = Array(all.prefix(heldOut))
        trainingProblems = Array(all.dropFirst(heldOut))
        let groups = Dictionary(grouping: trainingProblems, by: \.answer)
        trainingByAnswer = groups.keys.sorted { Int($0)! < Int($1)! }.map { groups[$0]! }
    }

    static func problem(_ text: String, answer: Int, vocabulary: TaskVocabulary) -> ArithmeticProblem {
        let tokens = [vocabulary.beginning] + vocabulary.encode(text)! + [vocabulary.encode("=")![0]]
        return ArithmeticProblem(text: text, promptTokens: tokens, answer: String(answer))
    }

    /// The distinct gold answers of the training split, ascending.
    public var trainingAnswers: [String] { trainingByAnswer.map { $0[0].answer } }

    /// A training problem: an answer uniformly among ``trainingAnswers``, then a problem with that answer uniformly.
    public func sampleTraining(using random: inout SplitMix64) -> ArithmeticProblem {
        let group = trainingByAnswer[random.below(trainingByAnswer.count)]
        return group[random.below(group.count)]
    }

    /// Supervised cold-start pairs that teach the template only: `<think>…</think><answer>` a *wrong* answer
    /// `</answer>` EOS, for answer-balanced training problems.
    ///
    /// The wrong answer is the gold of another training problem (drawn answer-balanced, redrawn while it equals
    /// this problem's gold), so the policy learns the tags and the range of answers but nothing that links a
    /// question to its answer: held-out accuracy after the cold start stays near chance. The think block is empty
    /// or restates the expression (`echoExpression`); neither says anything about the answer.
    public func demonstrations(count: Int, seed: UInt64, echoExpression: Bool = false) -> [(prompt: [Int], completion: [Int])] {
        precondition(trainingByAnswer.count >= 2, "a wrong answer needs at least two distinct answers")
        var random = SplitMix64(seed: seed ^ 0xC01D_57A7)
        return (0..<count).map { _ in
            let problem = sampleTraining(using: &random)
            var wrong = problem.answer
            while wrong == problem.answer { wrong = sampleTraining(using: &random).answer }
            let think = echoExpression ? vocabulary.encode(problem.text)! : []
            let completion = [vocabulary.think] + think + [vocabulary.thinkEnd, vocabulary.answer] + vocabulary.encode(wrong)!
                + [vocabulary.answerEnd, vocabulary.endOfSequence]
            return (problem.promptTokens, completion)
        }
    }
}
