import AssayCore
import AssayMath
import AssayText

/// The registry of `scripts/fuzz rules`: the standard one without `code` (starts worker processes) and `judge`
/// (network), so rule files naming them fail validation like any unknown verifier.
let registry: VerifierRegistry = {
    var registry = VerifierRegistry()
    TextVerifiers.register(into: &registry)
    MathVerifiers.register(into: &registry)
    return registry
}()

/// libFuzzer entry point: the input is a rule file. Any ``RuleError`` is a fine answer; a crash, trap, memory error
/// or an input slower than `-timeout` is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let rule = try RuleLoader(registry: registry).load(yaml: text, file: "fuzz.yaml")
        _ = rule.name
    } catch {
        _ = error.description
    }
    return 0
}
