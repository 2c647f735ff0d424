/// Exponential backoff with full jitter (the AWS architecture blog's "full jitter"): retry *n* (from 0) waits a
/// uniformly random time in [0, min(cap, base·2ⁿ)], which spreads a burst of rate-limited callers apart.
/// A server's `Retry-After` wins when it asks for longer.
struct Backoff: Sendable {
    var base: Duration
    var cap: Duration

    func delay(retry: Int, retryAfter: Duration?) -> Duration {
        let ceiling = min(cap, base * (1 << min(retry, 30)))
        let nanoseconds = ceiling.nanosecondsClamped
        let jittered = Duration.nanoseconds(nanoseconds > 0 ? Int64.random(in: 0...nanoseconds) : 0)
        guard let retryAfter else { return jittered }
        return max(jittered, min(retryAfter, .seconds(120)))
    }

    /// `Retry-After` as seconds (the HTTP-date form is not used by the APIs this talks to, and is ignored).
    static func retryAfter(_ header: String?) -> Duration? {
        guard let header, let seconds = Double(header.trimmingCharacters(in: .whitespaces)), seconds >= 0,
            seconds.isFinite
        else { return nil }
        return .milliseconds(Int64(min(seconds, 3600) * 1000))
    }
}

extension Duration {
    /// Whole nanoseconds, clamped to `Int64`.
    var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        if seconds >= Int64.max / 1_000_000_000 { return .max }
        if seconds < 0 { return 0 }
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
