/// A keep expression bound to one rule with components: which component or verifier each subject runs, and the
/// order the subjects run in: by cost (cheap, expensive, remote; written order among equals), except that a subject
/// whose component gates another subject's goes just before it.
struct FilterPlan: Sendable {
    /// One subject and the terms that read it, in written order.
    struct Step: Sendable {
        var subject: String
        /// nil when neither the rule nor the registry has the subject (another route's component).
        var component: RuleComponent?
        /// Indices into the expression's terms.
        var terms: [Int]
    }

    let rule: Rule
    let steps: [Step]
    /// Everything a step may run, gates included, by name.
    let components: [String: RuleComponent]

    /// Binds the subjects: the rule's components first, then `verifiers` (registry verifiers with default params).
    init(expression: FilterExpression, rule: Rule, verifiers: [String: RuleComponent]) {
        self.rule = rule
        var components = verifiers
        for component in rule.components { components[component.name] = component }
        self.components = components
        var steps: [Step] = []
        for (index, term) in expression.terms.enumerated() {
            if let existing = steps.firstIndex(where: { $0.subject == term.subject }) {
                steps[existing].terms.append(index)
            } else {
                steps.append(Step(subject: term.subject, component: components[term.subject], terms: [index]))
            }
        }
        let ranks = steps.map { step in step.component.map { Self.rank($0, in: components) } ?? -1 }
        let sorted = steps.indices.sorted { (ranks[$0], $0) < (ranks[$1], $1) }.map { steps[$0] }
        // A subject that gates another goes just before it (it runs first anyway, and costs no more).
        var ordered: [Step] = []
        func place(_ step: Step) {
            guard !ordered.contains(where: { $0.subject == step.subject }) else { return }
            var gate = step.component?.gate
            var chain: [String] = []
            while let name = gate?.component, !chain.contains(name) {
                chain.append(name)
                gate = components[name]?.gate
            }
            for name in chain.reversed() {
                if let gating = sorted.first(where: { $0.subject == name }) { place(gating) }
            }
            ordered.append(step)
        }
        sorted.forEach(place)
        self.steps = ordered
    }

    /// The terms in evaluation order.
    var termOrder: [Int] { steps.flatMap(\.terms) }

    /// The components in the order they may run: each step's gate chain, then the step itself.
    var componentOrder: [String] {
        var order: [String] = []
        func visit(_ component: RuleComponent) {
            if let gate = component.gate, let gateComponent = components[gate.component] { visit(gateComponent) }
            if !order.contains(component.name) { order.append(component.name) }
        }
        for step in steps { step.component.map(visit) }
        return order
    }

    /// cheap 0 < expensive 1 < remote 2; a component costs as much as its fallback and its gate chain.
    static func rank(_ component: RuleComponent, in components: [String: RuleComponent]) -> Int {
        var rank = rank(component.verifier.cost)
        if let fallback = component.fallback { rank = max(rank, self.rank(fallback.verifier.cost)) }
        if let gate = component.gate, let gateComponent = components[gate.component], gateComponent.name != component.name {
            rank = max(rank, self.rank(gateComponent, in: components))
        }
        return rank
    }

    static func rank(_ cost: VerifierCost) -> Int {
        switch cost {
        case .cheap: 0
        case .expensive: 1
        case .remote: 2
        }
    }

    /// Whether some step may wait on another service.
    var isRemote: Bool {
        steps.contains { step in step.component.map { Self.rank($0, in: components) == 2 } ?? false }
    }
}
