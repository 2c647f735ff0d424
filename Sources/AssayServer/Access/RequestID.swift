/// Request ids: an incoming `X-Request-Id` is kept (sanitised) so a proxy's id follows the request into the
/// access log; otherwise one is generated. Every response carries it back in `X-Request-Id`.
public enum RequestID {
    /// The longest id kept; longer incoming ids are cut.
    public static let maxLength = 128

    /// The id for a request that sent `incoming` (nil: none): its visible ASCII characters (no spaces or control
    /// characters, so it cannot split a log line or a header), at most ``maxLength``; a fresh id when nothing is left.
    public static func resolve(_ incoming: String?) -> String {
        if let incoming {
            let kept = incoming.utf8.lazy.filter { (0x21...0x7E).contains($0) }.prefix(maxLength)
            if !kept.isEmpty { return String(decoding: Array(kept), as: UTF8.self) }
        }
        return generate()
    }

    /// 16 random hexadecimal digits.
    public static func generate() -> String {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
