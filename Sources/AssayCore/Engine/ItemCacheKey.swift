import Foundation

/// The cache key of one item under one rule: SHA-256 over the rule hash, every component's verifier
/// name, version and canonical params, and the item's task, prompt, reference, `completion_tokens` (when
/// present: length-shaped verifiers read it) and completion.
/// Any change to any of these is a different key, so a cached result can never be stale.
enum ItemCacheKey {
    static func make(rule: Rule, item: ScoreItem) -> SHA256Digest {
        let hasher = SHA256Hasher()
        hasher.update("assay-item-v1\u{0}")
        hasher.update(rule.hash)
        for component in rule.components {
            hasher.update("\u{0}\(component.name)\u{0}\(component.verifier.name)@\(component.verifier.version)\u{0}")
            hasher.update(component.verifier.canonicalParams.canonicalText)
            if let fallback = component.fallback {
                hasher.update("\u{0}fallback\u{0}\(fallback.verifier.name)@\(fallback.verifier.version)\u{0}")
                hasher.update(fallback.verifier.canonicalParams.canonicalText)
                hasher.update("\u{0}" + fallback.verdicts.map(\.rawValue).sorted().joined(separator: ","))
            }
        }
        hasher.update("\u{0}task\u{0}\(item.task ?? "")\u{0}prompt\u{0}")
        hasher.update(item.prompt ?? "")
        hasher.update("\u{0}reference\u{0}")
        hasher.update(item.reference?.canonicalText ?? "null")
        // Only when present, so the keys of items without it stay what they were.
        if let tokens = item.completionTokens { hasher.update("\u{0}completion_tokens\u{0}\(tokens)") }
        hasher.update("\u{0}completion\u{0}")
        hasher.update(item.completion)
        return hasher.finalize()
    }
}

/// What the cache stores per item: enough to rebuild the result without running a verifier.
struct CachedOutcome: Codable {
    var reward: Double
    var status: ItemStatus
    var components: [ComponentOutcome]

    func encoded() -> Data? { try? JSONEncoder().encode(self) }

    static func decode(_ data: Data) -> CachedOutcome? { try? JSONDecoder().decode(CachedOutcome.self, from: data) }
}
