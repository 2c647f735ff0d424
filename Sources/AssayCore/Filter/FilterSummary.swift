/// What a filter run did: per term how many items it saw and let through, per component its runs and time.
public struct FilterSummary: Sendable, Hashable {
    /// One term's counts; an item reaches a term only when every earlier term held.
    public struct TermCount: Sendable, Hashable {
        /// The canonical term text.
        public var term: String
        public var evaluated = 0
        public var passed = 0
        /// Items this term dropped (the first term they failed).
        public var dropped: Int { evaluated - passed }
    }

    /// One component's (or bare verifier's) verifier runs; a gated component does not run.
    public struct ComponentCost: Sendable, Hashable {
        public var name: String
        public var runs = 0
        public var milliseconds = 0.0
    }

    /// Items seen, kept or not (invalid ones included).
    public var items = 0
    public var kept = 0
    /// In evaluation order.
    public var terms: [TermCount]
    /// In the order they may run.
    public var components: [ComponentCost]
    /// Items dropped before any term was evaluated, by reason (`invalid`, `limit`, `timeout`).
    public var unscored: [String: Int] = [:]
    public var elapsedMilliseconds = 0.0

    public init(terms: [String], components: [String]) {
        self.terms = terms.map { TermCount(term: $0) }
        self.components = components.map { ComponentCost(name: $0) }
    }

    /// Items not kept, for any reason.
    public var dropped: Int { items - kept }

    /// Adds another run's counts (same terms and components); the elapsed time is not added.
    public mutating func merge(_ other: FilterSummary) {
        items += other.items
        kept += other.kept
        for i in terms.indices {
            terms[i].evaluated += other.terms[i].evaluated
            terms[i].passed += other.terms[i].passed
        }
        for i in components.indices {
            components[i].runs += other.components[i].runs
            components[i].milliseconds += other.components[i].milliseconds
        }
        unscored.merge(other.unscored, uniquingKeysWith: +)
    }

    /// `{"items","kept","terms":[{"term","evaluated","passed","dropped"}],"components":[{"name","runs","ms"}],
    /// "unscored":{reason: n},"elapsed_ms"}`.
    public var json: String {
        var out = "{\"items\":\(items),\"kept\":\(kept),\"terms\":["
        for (i, term) in terms.enumerated() {
            if i > 0 { out += "," }
            out += "{\"term\":"
            JSONText.appendQuoted(term.term, to: &out)
            out += ",\"evaluated\":\(term.evaluated),\"passed\":\(term.passed),\"dropped\":\(term.dropped)}"
        }
        out += "],\"components\":["
        for (i, component) in components.enumerated() {
            if i > 0 { out += "," }
            out += "{\"name\":"
            JSONText.appendQuoted(component.name, to: &out)
            out += ",\"runs\":\(component.runs),\"ms\":"
            JSONText.appendNumber(Self.rounded(component.milliseconds), to: &out)
            out += "}"
        }
        out += "],\"unscored\":{"
        for (i, key) in unscored.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            JSONText.appendQuoted(key, to: &out)
            out += ":\(unscored[key]!)"
        }
        out += "},\"elapsed_ms\":"
        JSONText.appendNumber(Self.rounded(elapsedMilliseconds), to: &out)
        return out + "}"
    }

    static func rounded(_ milliseconds: Double) -> Double { (milliseconds * 1000).rounded() / 1000 }
}
