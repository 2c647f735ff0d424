/// Request-controlled text (path, method, peer) as it goes into an access-log line: control characters, spaces,
/// backslashes and non-ASCII bytes are written `\xNN`, and the result is cut at ``maxBytes`` with `…` appended.
/// libmicrohttpd hands the handler the percent-decoded path, so `GET /%0Afake` would otherwise start a forged line.
public enum LogField {
    /// The most bytes of a field's text kept in a line.
    public static let maxBytes = 256

    public static func sanitized(_ text: String) -> String {
        var out = ""
        var kept = 0
        for byte in text.utf8 {
            if kept == maxBytes { return out + "…" }
            kept += 1
            if (0x21...0x7E).contains(byte) && byte != UInt8(ascii: "\\") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
