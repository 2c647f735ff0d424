import AssayCore

/// Verdicts of the answer-signal verifiers (`answer_leak`, `hedging`, `think_answer`).
extension AssayCore.Verdict {
    static let leaked: AssayCore.Verdict = "leaked"
    static let clean: AssayCore.Verdict = "clean"
    /// `answer_leak` without a prompt to look in.
    static let unknown: AssayCore.Verdict = "unknown"
    static let hedged: AssayCore.Verdict = "hedged"
    static let consistent: AssayCore.Verdict = "consistent"
    static let inconsistent: AssayCore.Verdict = "inconsistent"
    /// The reasoning block states no final answer (the common case, not a fault).
    static let noThinkAnswer: AssayCore.Verdict = "no_think_answer"
}
