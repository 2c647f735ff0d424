/// A batch of variable-length sequences packed time-major without padding.
///
/// Sequences are sorted by the number of steps they need (longest first, ties by batch index), so the rows still
/// running at step `t` are always the first `width(t)` sorted sequences and occupy rows
/// `offset(t) ..< offset(t) + width(t)` of every packed activation matrix. Padding therefore never enters the
/// arithmetic, and a sequence's results are the same alone or next to longer ones.
struct PackedBatch: Sendable {
    /// The batch index of each sorted position.
    let order: [Int]
    /// Rows running at each step.
    let widths: [Int]
    /// First packed row of each step.
    let offsets: [Int]
    /// Total packed rows.
    let rowCount: Int
    /// The input token of each packed row.
    let tokens: [Int]
    /// The packed row whose hidden state predicts each completion token, batch-major (sequence, then position).
    let predictionRows: [Int]
    /// The completion token predicted at each of `predictionRows`.
    let targets: [Int]
    /// Completion lengths, by batch index.
    let completionLengths: [Int]

    var stepCount: Int { widths.count }

    /// Packs `prompts[b] + completions[b]`; step `t` feeds token `t` and predicts token `t + 1`, and only the
    /// positions that predict a completion token (and those before them) are run.
    init(prompts: [[Int]], completions: [[Int]], vocabularySize: Int) {
        precondition(prompts.count == completions.count, "one completion per prompt")
        let steps = zip(prompts, completions).map { prompt, completion in
            precondition(!prompt.isEmpty, "a prompt needs at least one token")
            for token in prompt + completion {
                precondition(token >= 0 && token < vocabularySize, "token \(token) outside the vocabulary")
            }
            return completion.isEmpty ? 0 : prompt.count + completion.count - 1
        }
        let order = steps.indices.sorted { steps[$0] != steps[$1] ? steps[$0] > steps[$1] : $0 < $1 }
        let stepCount = order.first.map { steps[$0] } ?? 0
        var widths = [Int](repeating: 0, count: stepCount)
        for length in steps where length > 0 { widths[length - 1] += 1 }
        for t in stride(from: stepCount - 2, through: 0, by: -1) { widths[t] += widths[t + 1] }
        var offsets = [Int](repeating: 0, count: stepCount)
        var total = 0
        for t in 0..<stepCount {
            offsets[t] = total
            total += widths[t]
        }
        var position = [Int](repeating: 0, count: order.count)
        for (sorted, index) in order.enumerated() { position[index] = sorted }

        var tokens = [Int](repeating: 0, count: total)
        for (sorted, index) in order.enumerated() {
            let sequence = prompts[index] + completions[index]
            for t in 0..<steps[index] { tokens[offsets[t] + sorted] = sequence[t] }
        }
        var predictionRows: [Int] = []
        var targets: [Int] = []
        for index in prompts.indices {
            for (k, token) in completions[index].enumerated() {
                predictionRows.append(offsets[prompts[index].count - 1 + k] + position[index])
                targets.append(token)
            }
        }
        self.order = order
        self.widths = widths
        self.offsets = offsets
        self.rowCount = total
        self.tokens = tokens
        self.predictionRows = predictionRows
        self.targets = targets
        self.completionLengths = completions.map(\.count)
    }
}
