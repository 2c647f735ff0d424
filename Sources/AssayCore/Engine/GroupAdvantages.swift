/// GRPO advantages: rewards normalised within each group of completions of the same prompt.
public enum GroupAdvantages {
    /// ε added to the std, as TRL's GRPOTrainer does, so a group with equal rewards gets advantage 0.
    public static let epsilon = 1e-4

    /// The text key of a group id (`"7"` for 7 and for "7").
    public static func key(_ group: JSONValue) -> String {
        switch group {
        case .string(let s): s
        default: group.canonicalText
        }
    }

    /// Fills `advantage` on every item that has a group and a reward; returns each group's statistics.
    public static func apply(_ mode: AdvantageMode, to results: inout [ItemResult]) -> [String: GroupStatistics] {
        var members: [String: [Int]] = [:]
        for (index, result) in results.enumerated() {
            guard let group = result.group, result.reward != nil else { continue }
            members[key(group), default: []].append(index)
        }
        var statistics: [String: GroupStatistics] = [:]
        for (key, indices) in members {
            let rewards = indices.map { results[$0].reward! }
            let stats = Self.statistics(rewards)
            statistics[key] = stats
            guard mode != .none else { continue }
            for index in indices {
                let centred = results[index].reward! - stats.mean
                results[index].advantage = mode == .grpo ? centred / (stats.std + epsilon) : centred
            }
        }
        return statistics
    }

    public static func statistics(_ values: [Double]) -> GroupStatistics {
        let n = values.count
        guard n > 0 else { return GroupStatistics(count: 0, mean: 0, std: 0) }
        let mean = values.reduce(0, +) / Double(n)
        guard n > 1 else { return GroupStatistics(count: n, mean: mean, std: 0) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        return GroupStatistics(count: n, mean: mean, std: variance.squareRoot())
    }
}
