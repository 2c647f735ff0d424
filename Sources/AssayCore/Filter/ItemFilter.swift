/// Rejection sampling (DeepSeek-R1's stage 3): keeps the items a ``FilterExpression`` accepts, running each
/// item's components lazily, cheapest first, and stopping at the first failing term.
///
/// Each component runs at most once per item, through the same path as ``RewardEngine`` (fallback, deadline race,
/// gates), so a kept item is exactly one whose full scoring satisfies the expression. Items resolve their rule by
/// task as in scoring; the size cap, per-item deadline, batch deadline and worker count are the engine's.
/// There is no result cache: the cache stores whole-rule results, and a filter stops after part of a rule.
public struct ItemFilter: Sendable {
    /// The rule as named (a router resolves each item's rule by task).
    public let rule: Rule
    /// The parsed keep expression, in written order.
    public let expression: FilterExpression
    /// Canonical terms in the order they run for items without a task (a router's: its default rule's).
    public let evaluationOrder: [String]
    let plans: [String: FilterPlan]
    let rules: RuleSet
    let limits: EngineLimits
    /// Term index → its row in ``FilterSummary/terms``.
    let position: [Int]
    let componentIndex: [String: Int]
    let componentNames: [String]
    let isRemote: Bool

    /// Parses `keep` and binds its subjects to `rule` (and the rules it routes to) or to verifiers of the rules'
    /// registry, run with default params.
    ///
    /// - Throws: ``FilterExpressionError`` for a syntax error, an unknown subject (the message lists the
    ///   components and the registered verifiers), or a verifier that cannot run with default params.
    public init(keep: String, rule: Rule, rules: RuleSet, limits: EngineLimits) throws(FilterExpressionError) {
        let expression = try FilterExpression.parse(keep)
        self.rule = rule
        self.expression = expression
        self.rules = rules
        self.limits = limits
        let targets = ([rule] + rule.routeList.compactMap { rules[$0.rule] }).filter { !$0.components.isEmpty }
        let verifiers = try Self.bareVerifiers(expression, targets: targets, rule: rule, registry: rules.registry)
        var plans: [String: FilterPlan] = [:]
        for target in targets { plans[target.name] = FilterPlan(expression: expression, rule: target, verifiers: verifiers) }
        self.plans = plans

        let primary = rules.resolve(rule, task: nil).flatMap { plans[$0.name] }
        let order = primary?.termOrder ?? Array(expression.terms.indices)
        var position = [Int](repeating: 0, count: order.count)
        for (row, index) in order.enumerated() { position[index] = row }
        self.position = position
        evaluationOrder = order.map { expression.terms[$0].description }

        var names = primary?.componentOrder ?? []
        for plan in plans.values.sorted(by: { $0.rule.name < $1.rule.name }) {
            for name in plan.componentOrder where !names.contains(name) { names.append(name) }
        }
        componentNames = names
        componentIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        isRemote = plans.values.contains(where: \.isRemote)
    }

    /// ``init(keep:rule:rules:limits:)`` with the engine's rules and limits (its cache is not used).
    public init(keep: String, rule: Rule, engine: RewardEngine) throws(FilterExpressionError) {
        try self.init(keep: keep, rule: rule, rules: engine.rules, limits: engine.limits)
    }

    /// Subjects that are not a component of every rule an item may resolve to, built from the registry.
    static func bareVerifiers(_ expression: FilterExpression, targets: [Rule], rule: Rule, registry: VerifierRegistry)
        throws(FilterExpressionError) -> [String: RuleComponent]
    {
        var verifiers: [String: RuleComponent] = [:]
        var seen: Set<String> = []
        for term in expression.terms where seen.insert(term.subject).inserted {
            let holders = targets.filter { $0.components.contains { $0.name == term.subject } }
            if holders.count == targets.count && !targets.isEmpty { continue }
            guard registry.entries[term.subject] != nil else {
                if !holders.isEmpty { continue }
                let components = targets.flatMap { $0.components.map(\.name) }.reduce(into: [String]()) { list, name in
                    if !list.contains(name) { list.append(name) }
                }
                let owner = rule.isRouter ? "rule \(rule.name) and its routes have" : "rule \(rule.name) has"
                throw FilterExpressionError(
                    column: term.column,
                    message: "unknown subject \"\(term.subject)\": \(owner) components \(components.joined(separator: ", ")); registered verifiers: \(registry.names.joined(separator: ", "))"
                )
            }
            do {
                let verifier = try registry.makeVerifier(named: term.subject, params: [:])
                verifiers[term.subject] = RuleComponent(name: term.subject, verifier: verifier)
            } catch {
                if !holders.isEmpty { continue }
                throw FilterExpressionError(
                    column: term.column,
                    message: "verifier \"\(term.subject)\" cannot run with default params (\(error)); add it to the rule as a component with params")
            }
        }
        return verifiers
    }

    /// Decides every item; decisions keep input order.
    public func filter(_ slots: [ScoreItemSlot]) async -> FilterBatch {
        let clock = ContinuousClock()
        let start = clock.now
        let batchDeadline = start.advanced(by: limits.batchTimeout)
        var summary = emptySummary()
        summary.items = slots.count
        var decisions = [FilterDecision?](repeating: nil, count: slots.count)
        var pending: [Pending] = []
        pending.reserveCapacity(slots.count)
        for (index, slot) in slots.enumerated() {
            switch slot {
            case .invalid(let id, let field, _):
                decisions[index] = .drop(id, term: nil, reason: "invalid: \(field)")
                summary.unscored["invalid", default: 0] += 1
            case .item(let item):
                guard let effective = rules.resolve(rule, task: item.task), let plan = plans[effective.name] else {
                    decisions[index] = .drop(item.id, term: nil, reason: "invalid: task")
                    summary.unscored["invalid", default: 0] += 1
                    continue
                }
                if item.completion.utf8.count > effective.maxCompletionBytes ?? limits.maxCompletionBytes {
                    decisions[index] = .drop(item.id, term: nil, reason: ItemStatus.limit.rawValue)
                    summary.unscored[ItemStatus.limit.rawValue, default: 0] += 1
                    continue
                }
                pending.append(Pending(index: index, item: item, plan: plan))
            }
        }
        let (decided, tally) = await decideConcurrently(pending, batchDeadline: batchDeadline)
        summary.merge(tally)
        for (p, decision) in zip(pending, decided) { decisions[p.index] = decision }
        let final = decisions.map { $0! }
        summary.kept = final.count(where: \.kept)
        summary.elapsedMilliseconds = start.duration(to: clock.now).milliseconds
        return FilterBatch(decisions: final, summary: summary)
    }

    struct Pending: Sendable {
        var index: Int
        var item: ScoreItem
        var plan: FilterPlan
    }

    func emptySummary() -> FilterSummary { FilterSummary(terms: evaluationOrder, components: componentNames) }

    private func decideConcurrently(_ items: [Pending], batchDeadline: ContinuousClock.Instant) async
        -> ([FilterDecision], FilterSummary)
    {
        guard !items.isEmpty else { return ([], emptySummary()) }
        let next = WorkCounter()
        let workers = min(isRemote ? limits.remoteConcurrency : limits.concurrency, items.count)
        let itemTimeout = limits.itemTimeout
        return await withTaskGroup(of: ([(Int, FilterDecision)], FilterSummary).self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var done: [(Int, FilterDecision)] = []
                    var tally = emptySummary()
                    while true {
                        let i = next.take()
                        guard i < items.count else { break }
                        let p = items[i]
                        let now = ContinuousClock.now
                        if now >= batchDeadline {
                            done.append((i, .drop(p.item.id, term: nil, reason: ItemStatus.timeout.rawValue)))
                            tally.unscored[ItemStatus.timeout.rawValue, default: 0] += 1
                            continue
                        }
                        let deadline = min(now.advanced(by: itemTimeout), batchDeadline)
                        done.append((i, await decide(p.item, plan: p.plan, deadline: deadline, tally: &tally)))
                    }
                    return (done, tally)
                }
            }
            var ordered = [FilterDecision?](repeating: nil, count: items.count)
            var total = emptySummary()
            for await (chunk, tally) in group {
                for (i, decision) in chunk { ordered[i] = decision }
                total.merge(tally)
            }
            return (ordered.map { $0! }, total)
        }
    }

    typealias Outcome = (result: VerifierResult, score: Double)

    /// Runs the plan's steps in order until a term fails.
    func decide(_ item: ScoreItem, plan: FilterPlan, deadline: ContinuousClock.Instant, tally: inout FilterSummary) async
        -> FilterDecision
    {
        let input = VerificationInput(item: item, deadline: deadline)
        var outcomes: [String: Outcome] = [:]
        for step in plan.steps {
            guard let component = step.component else {
                let first = step.terms[0]
                tally.terms[position[first]].evaluated += 1
                return .drop(
                    item.id, term: expression.terms[first].description,
                    reason: "invalid: rule \(plan.rule.name) has no component \(step.subject)")
            }
            let outcome = await self.outcome(of: component, plan: plan, input: input, outcomes: &outcomes, tally: &tally)
            for index in step.terms {
                let term = expression.terms[index]
                tally.terms[position[index]].evaluated += 1
                if let reason = term.check(outcome.result, score: outcome.score) {
                    return .drop(item.id, term: term.description, reason: reason)
                }
                tally.terms[position[index]].passed += 1
            }
        }
        return .keep(item.id)
    }

    /// A component's result and mapped score, computed once per item; a gate is evaluated first and, when it does
    /// not pass, gives the `gated` result exactly as ``RewardEngine`` scoring does.
    private func outcome(
        of component: RuleComponent, plan: FilterPlan, input: VerificationInput, outcomes: inout [String: Outcome],
        tally: inout FilterSummary
    ) async -> Outcome {
        if let known = outcomes[component.name] { return known }
        var closedGate: (gate: RuleGate, outcome: Outcome)?
        if let gate = component.gate, let gateComponent = plan.components[gate.component] {
            let gateOutcome = await self.outcome(of: gateComponent, plan: plan, input: input, outcomes: &outcomes, tally: &tally)
            if !gate.passes(gateOutcome.result, mappedScore: gateOutcome.score) { closedGate = (gate, gateOutcome) }
        }
        let outcome: Outcome
        if let closedGate {
            let result = VerifierResult(
                score: component.gatedScore, verdict: .gated,
                detail: [
                    "gate": .string(closedGate.gate.component),
                    "gate_verdict": .string(closedGate.outcome.result.verdict.rawValue),
                ])
            outcome = (result, component.gatedScore)
        } else {
            let clock = ContinuousClock()
            let start = clock.now
            let result = await ItemScorer.run(component, input: input)
            if let row = componentIndex[component.name] {
                tally.components[row].runs += 1
                tally.components[row].milliseconds += start.duration(to: clock.now).milliseconds
            }
            outcome = (result, component.mappedScore(result, reference: input.reference))
        }
        outcomes[component.name] = outcome
        return outcome
    }
}
