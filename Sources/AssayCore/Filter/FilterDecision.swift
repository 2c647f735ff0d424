/// Whether one item was kept, and if not, the first term it failed and why.
public struct FilterDecision: Sendable, Hashable {
    /// The item's id (the CLI gives an item without one its line number).
    public var id: JSONValue
    public var kept: Bool
    /// The canonical text of the first failing term; nil for kept items and for items dropped before any term
    /// ran (invalid, over the size cap, not started before the batch deadline).
    public var term: String?
    /// `verdict=wrong`, `score=0.93`, `detail.x missing`, a status (`timeout`, `error`, `limit`, `invalid`), or
    /// `invalid: field` for a malformed item; nil for kept items.
    public var reason: String?

    public init(id: JSONValue, kept: Bool, term: String? = nil, reason: String? = nil) {
        self.id = id
        self.kept = kept
        self.term = term
        self.reason = reason
    }

    public static func keep(_ id: JSONValue) -> FilterDecision { FilterDecision(id: id, kept: true) }

    public static func drop(_ id: JSONValue, term: String?, reason: String) -> FilterDecision {
        FilterDecision(id: id, kept: false, term: term, reason: reason)
    }
}

/// A filtered batch: one decision per item in input order, and the counts.
public struct FilterBatch: Sendable {
    /// In input order.
    public var decisions: [FilterDecision]
    public var summary: FilterSummary
}
