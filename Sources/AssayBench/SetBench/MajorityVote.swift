/// cons@k: accuracy of the majority-voted answer among k samples.
///
/// A problem's n samples are split, in order, into ⌊n/k⌋ consecutive blocks of k (leftovers are not used) and
/// the problem's cons@k is the mean over its blocks, so cons@k uses every sample when k divides n and equals
/// the usual single vote when n = k. In a block, samples without an answer do not vote; the answer class with
/// the most votes wins, and a tie goes to the class whose first vote comes earliest in the block (sample
/// order is the order of the completions file). The block scores the verdict of the first sample in it that
/// voted for the winner; a block without any vote scores 0.
public enum MajorityVote {
    /// One sample as the vote sees it: its answer class (nil: no answer) and its verdict.
    public struct Ballot: Sendable, Hashable {
        public var vote: Int?
        public var correct: Bool

        public init(vote: Int?, correct: Bool) {
            self.vote = vote
            self.correct = correct
        }
    }

    /// cons@k of one problem; `k` must be in 1...ballots.count.
    public static func consensus(_ ballots: [Ballot], k: Int) -> Double {
        precondition(k >= 1 && k <= ballots.count, "cons@k needs 1 ≤ k ≤ n")
        let blocks = ballots.count / k
        var total = 0.0
        for b in 0..<blocks {
            if blockWinnerIsCorrect(ballots[(b * k)..<((b + 1) * k)]) { total += 1 }
        }
        return total / Double(blocks)
    }

    static func blockWinnerIsCorrect(_ block: ArraySlice<Ballot>) -> Bool {
        var counts: [Int: Int] = [:]
        var first: [Int: Int] = [:]
        for (position, ballot) in block.enumerated() {
            guard let vote = ballot.vote else { continue }
            counts[vote, default: 0] += 1
            if first[vote] == nil { first[vote] = position }
        }
        guard let winner = counts.max(by: { a, b in a.value != b.value ? a.value < b.value : first[a.key]! > first[b.key]! })?.key
        else { return false }
        return block[block.startIndex + first[winner]!].correct
    }
}
