import CPCRE2
import Synchronization

/// Per-call match resources: a match context (limits) and a JIT stack.
///
/// A scratch is used by exactly one thread at a time: it is checked out of
/// ``PCRE2ScratchPool`` for the duration of one match and handed back afterwards.
/// That is why the raw pointers may cross threads (`@unchecked Sendable`).
final class PCRE2MatchScratch: @unchecked Sendable {
    let context: OpaquePointer
    let jitStack: OpaquePointer?

    /// JIT stack: starts at 32 KiB, may grow to 1 MiB.
    static let jitStackStart = 32 * 1024
    static let jitStackMax = 1024 * 1024

    init?() {
        guard let ctx = pcre2_match_context_create_8(nil) else { return nil }
        context = ctx
        jitStack = pcre2_jit_stack_create_8(Self.jitStackStart, Self.jitStackMax, nil)
        if let jitStack {
            pcre2_jit_stack_assign_8(ctx, nil, UnsafeMutableRawPointer(jitStack))
        }
    }

    func apply(_ limits: PCRE2Limits) {
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        pcre2_set_heap_limit_8(context, limits.heapLimitKiB)
    }

    deinit {
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}

/// A small lock-protected free list of ``PCRE2MatchScratch`` shared by all patterns,
/// so a match does not pay for creating a JIT stack (an `mmap`) every time.
final class PCRE2ScratchPool: Sendable {
    private let free = Mutex<[PCRE2MatchScratch]>([])
    private let maxPooled: Int

    init(maxPooled: Int = 16) { self.maxPooled = maxPooled }

    static let shared = PCRE2ScratchPool()

    /// Runs `body` with a scratch whose context carries `limits`; returns `nil` only if
    /// PCRE2 could not allocate a match context.
    func withScratch<R>(_ limits: PCRE2Limits, _ body: (PCRE2MatchScratch) -> R) -> R? {
        let taken = free.withLock { $0.popLast() }
        guard let scratch = taken ?? PCRE2MatchScratch() else { return nil }
        scratch.apply(limits)
        let result = body(scratch)
        free.withLock { list in
            if list.count < maxPooled { list.append(scratch) }
        }
        return result
    }
}
