/// One checkable-looking relation found in a completion's reasoning: `left op right`.
public struct StepClaim: Sendable, Hashable {
    /// How the checker judged the claim.
    public enum Judgement: String, Sendable, Hashable {
        /// Both sides evaluated to numbers and the relation holds.
        case `true`
        /// Both sides evaluated to numbers and the relation does not hold.
        case `false`
        /// A side has variables, words, units, an unsupported notation or context (mod, base), or the claim
        /// was questioned or retracted; see ``StepClaim/reason``.
        case uncheckable
    }

    /// The claim as written, `left op right` (trimmed, at most 200 bytes per side).
    public var text: String
    /// The relation: `=`, `<`, `>`, `\le`, `\ge`, `\ne`, `\approx`.
    public var relation: String
    public var judgement: Judgement
    /// Why the claim is false or uncheckable (values compared, or what stopped the check).
    public var reason: String
    /// UTF-8 byte offset of the claim's left side in the completion (of its right side when the left side is
    /// carried over from the previous row of an `align`).
    public var offset: Int
    /// 1-based line of ``offset``.
    public var line: Int
    /// The values of both sides as evaluated (exact rational, or `≈` a double), when both evaluated.
    public var values: (left: String, right: String)?

    public static func == (a: StepClaim, b: StepClaim) -> Bool {
        a.text == b.text && a.relation == b.relation && a.judgement == b.judgement && a.offset == b.offset
            && a.reason == b.reason
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(offset)
    }
}

/// What the step checker found in one text.
public struct StepReport: Sendable {
    public var claims: [StepClaim]
    /// Claims found beyond ``StepCheckOptions/maxClaims`` (not evaluated).
    public var skipped: Int
    /// Set when the scan stopped at the time budget; the claims so far stand.
    public var timedOut: Bool

    public var trueCount: Int { claims.count { $0.judgement == .true } }
    public var falseCount: Int { claims.count { $0.judgement == .false } }
    public var uncheckableCount: Int { claims.count { $0.judgement == .uncheckable } }
    public var falseClaims: [StepClaim] { claims.filter { $0.judgement == .false } }
}

/// Bounds and switches of the step checker.
public struct StepCheckOptions: Sendable {
    /// Relations evaluated at most; further ones are counted in ``StepReport/skipped``.
    public var maxClaims = 400
    /// Longest side evaluated, in bytes; longer sides are uncheckable.
    public var maxSideBytes = 300
    /// Text scanned at most, in bytes (the rest is ignored and reported as skipped).
    public var maxScanBytes = 256 * 1024
    /// Also look for claims in plain text (`12 * 7 = 84` outside LaTeX).
    public var plainText = true
    /// A false claim followed shortly by a retraction (`wait`, `no,`, `mistake`…) or written as a question counts
    /// as uncheckable instead of false when this is on.
    public var forgiveRetracted = true
    /// When the scan must stop.
    public var deadline: ContinuousClock.Instant?

    public init() {}
}
