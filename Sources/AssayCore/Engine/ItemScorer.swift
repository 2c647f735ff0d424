/// Runs one rule's components on one item and composes the reward.
enum ItemScorer {
    static func score(_ item: ScoreItem, rule: Rule, deadline: ContinuousClock.Instant) async -> ItemResult {
        let clock = ContinuousClock()
        let start = clock.now
        let input = VerificationInput(item: item, deadline: deadline)
        var outcomes: [ComponentOutcome] = []
        outcomes.reserveCapacity(rule.components.count)
        var status = ItemStatus.ok
        var reward = 0.0
        for component in rule.components {
            let result: VerifierResult
            let score: Double
            if let gate = component.gate, let gateOutcome = outcomes.first(where: { $0.name == gate.component }),
                !gate.passes(gateOutcome.result, mappedScore: gateOutcome.score)
            {
                result = VerifierResult(
                    score: component.gatedScore, verdict: .gated,
                    detail: ["gate": .string(gate.component), "gate_verdict": .string(gateOutcome.result.verdict.rawValue)])
                score = component.gatedScore
            } else {
                result = await run(component, input: input)
                score = component.mappedScore(result, reference: item.reference)
            }
            status = max(status, result.status)
            reward += component.weight * score
            outcomes.append(ComponentOutcome(name: component.name, result: result, score: score, weight: component.weight))
        }
        // An item a verifier calls invalid (e.g. no reference answer) cannot be scored: no reward, so no advantage
        // and no weight in its group's statistics, as for items the parser rejects.
        return ItemResult(
            id: item.id, group: item.group, reward: status == .invalid ? nil : reward, status: status, components: outcomes,
            milliseconds: start.duration(to: clock.now).milliseconds, scoredBy: rule.name)
    }

    /// Runs a component's verifier, then its fallback when the first verdict asks for one. The fallback's result
    /// stands, with the first one kept in `detail.primary`.
    static func run(_ component: RuleComponent, input: VerificationInput) async -> VerifierResult {
        let first = await run(component.verifier, input: input)
        guard let fallback = component.fallback, first.status == .ok, fallback.verdicts.contains(first.verdict) else {
            return first
        }
        var second = await run(fallback.verifier, input: input)
        var primary: [String: JSONValue] = [
            "verifier": .string(component.verifier.name), "verdict": .string(first.verdict.rawValue),
        ]
        if let detail = first.detail { primary["detail"] = detail }
        var detail: [String: JSONValue]
        if case .object(let object) = second.detail { detail = object } else { detail = second.detail.map { ["detail": $0] } ?? [:] }
        detail["fallback"] = .string(fallback.verifier.name)
        detail["primary"] = .object(primary)
        second.detail = .object(detail)
        return second
    }

    /// Runs a verifier; its errors become status `error`. Expensive (asynchronous) verifiers race the deadline.
    static func run(_ verifier: any Verifier, input: VerificationInput) async -> VerifierResult {
        if ContinuousClock.now >= input.deadline {
            return .failure(.timeout, "item time budget exhausted before \(verifier.name) ran")
        }
        guard verifier.cost != .cheap && !verifier.honoursDeadline else {
            return await guarded(verifier, input: input)
        }
        return await withTaskGroup(of: VerifierResult?.self) { group in
            group.addTask { await guarded(verifier, input: input) }
            group.addTask {
                try? await Task.sleep(until: input.deadline, clock: .continuous)
                return nil
            }
            let first = await group.next()!
            group.cancelAll()
            return first ?? .failure(.timeout, "\(verifier.name) did not finish within the item's time budget")
        }
    }

    static func guarded(_ verifier: any Verifier, input: VerificationInput) async -> VerifierResult {
        do {
            return try await verifier.verify(input)
        } catch is CancellationError {
            return .failure(.timeout, "\(verifier.name) was cancelled at the item's deadline")
        } catch {
            return .failure(.error, "\(verifier.name) failed: \(error)")
        }
    }
}
