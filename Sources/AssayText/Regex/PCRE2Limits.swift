/// Resource limits applied to every PCRE2 match call.
///
/// They are what keeps a catastrophic pattern such as `(a+)+$` from hanging a verifier:
/// the match stops with ``PCRE2MatchOutcome/limitExceeded(_:)`` instead.
///
/// Which limits apply depends on the engine:
/// - JIT-compiled patterns honour ``matchLimit`` only (PCRE2's JIT ignores the depth and heap
///   limits); they are additionally bounded by a fixed 1 MiB JIT stack
///   (``PCRE2LimitKind/jitStack``).
/// - Interpreted patterns honour all three.
public struct PCRE2Limits: Sendable, Hashable {
    /// Maximum number of internal backtracking steps (`pcre2_set_match_limit`). Default 1,000,000.
    public var matchLimit: UInt32
    /// Maximum backtracking depth for the interpreter (`pcre2_set_depth_limit`). Default 100,000.
    public var depthLimit: UInt32
    /// Maximum heap memory in KiB the interpreter may use for backtracking (`pcre2_set_heap_limit`).
    /// Default 65,536 (64 MiB).
    public var heapLimitKiB: UInt32

    /// Creates limits; every argument has a sensible default.
    public init(matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 100_000, heapLimitKiB: UInt32 = 65_536) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.heapLimitKiB = heapLimitKiB
    }

    /// The default limits (1M steps, depth 100k, 64 MiB heap).
    public static let `default` = PCRE2Limits()
}

/// Which resource limit stopped a match.
public enum PCRE2LimitKind: String, Sendable, Hashable, CaseIterable {
    /// `PCRE2_ERROR_MATCHLIMIT` (-47): too many backtracking steps.
    case match
    /// `PCRE2_ERROR_DEPTHLIMIT` (-53): nested backtracking too deep (interpreter only).
    case depth
    /// `PCRE2_ERROR_HEAPLIMIT` (-63): backtracking memory exceeded (interpreter only).
    case heap
    /// `PCRE2_ERROR_JIT_STACKLIMIT` (-46): the JIT stack ran out.
    case jitStack
}
