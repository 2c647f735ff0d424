#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte positions of the four R1 tags in a UTF-8 buffer, found in one linear pass.
///
/// A tag is the exact, case-sensitive byte sequence `<name>` or `</name>`. Occurrences never
/// overlap: after a tag is recognised the scan continues behind it.
struct R1TagScan {
    var thinkOpen: [Int] = []
    var thinkClose: [Int] = []
    var answerOpen: [Int] = []
    var answerClose: [Int] = []

    let thinkOpenTag: [UInt8]
    let thinkCloseTag: [UInt8]
    let answerOpenTag: [UInt8]
    let answerCloseTag: [UInt8]

    init(thinkTag: String, answerTag: String) {
        thinkOpenTag = Array("<\(thinkTag)>".utf8)
        thinkCloseTag = Array("</\(thinkTag)>".utf8)
        answerOpenTag = Array("<\(answerTag)>".utf8)
        answerCloseTag = Array("</\(answerTag)>".utf8)
    }

    /// Scans `bytes` in one pass: O(n) times the small, fixed tag length.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        while i < n {
            // memchr jumps to the next "<" (vectorised in libc).
            guard let hit = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) else { return }
            i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            if Self.hasPrefix(bytes, at: i, thinkOpenTag) {
                thinkOpen.append(i); i += thinkOpenTag.count
            } else if Self.hasPrefix(bytes, at: i, thinkCloseTag) {
                thinkClose.append(i); i += thinkCloseTag.count
            } else if Self.hasPrefix(bytes, at: i, answerOpenTag) {
                answerOpen.append(i); i += answerOpenTag.count
            } else if Self.hasPrefix(bytes, at: i, answerCloseTag) {
                answerClose.append(i); i += answerCloseTag.count
            } else {
                i += 1
            }
        }
    }

    @inline(__always)
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ tag: [UInt8]) -> Bool {
        guard i + tag.count <= bytes.count else { return false }
        var k = 0
        while k < tag.count {
            if bytes[i + k] != tag[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether `bytes[range]` is empty or only whitespace (ASCII fast path; Unicode
    /// `White_Space` for non-ASCII scalars).
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            if b >= 0x80 {
                let rest = UnsafeBufferPointer(rebasing: bytes[i..<range.upperBound])
                return String(decoding: rest, as: UTF8.self).unicodeScalars.allSatisfy { $0.properties.isWhitespace }
            }
            switch b {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: i += 1
            default: return false
            }
        }
        return true
    }

    /// First element of sorted `positions` that is `>= bound`.
    static func first(_ positions: [Int], atOrAfter bound: Int) -> Int? {
        var lo = 0, hi = positions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if positions[mid] < bound { lo = mid + 1 } else { hi = mid }
        }
        return lo < positions.count ? positions[lo] : nil
    }

    /// Last element of sorted `positions` that is `<= bound`.
    static func last(_ positions: [Int], atOrBefore bound: Int) -> Int? {
        var lo = 0, hi = positions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if positions[mid] <= bound { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? positions[lo - 1] : nil
    }
}
