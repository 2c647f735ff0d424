import CCrypto

/// The fetched `EVP_MD` for SHA-256, shared by every hash in the process.
///
/// `EVP_MD_fetch` once instead of `EVP_sha256()` per call avoids OpenSSL 3's implicit
/// fetch (a locked provider lookup) on every digest. An `EVP_MD` is immutable after fetch and
/// OpenSSL documents it as safe to share between threads, so `nonisolated(unsafe)` is sound here.
nonisolated(unsafe) let assaySHA256Algorithm: OpaquePointer = {
    guard let md = EVP_MD_fetch(nil, "SHA256", nil) else {
        fatalError("OpenSSL: EVP_MD_fetch(SHA256) failed; libcrypto is unusable")
    }
    return md
}()

/// A SHA-256 digest: 32 bytes, compared and hashed by value.
///
/// Create one with ``hash(_:)-(some Sequence<UInt8>)``, ``hash(_:)-(String)`` or an incremental
/// ``SHA256Hasher``. ``hex`` gives the usual lowercase hexadecimal form.
///
/// ```swift
/// let key = SHA256Digest.hash("abc")
/// key.hex  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public struct SHA256Digest: Hashable, Sendable {
    /// The number of bytes in a digest (32).
    public static let byteCount = 32

    // The 32 digest bytes in their original order (the words are raw memory, not numbers).
    private var storage: (UInt64, UInt64, UInt64, UInt64)

    /// Creates a digest from exactly 32 raw bytes, or returns `nil` for any other length.
    public init?(bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        guard array.count == Self.byteCount else { return nil }
        var words = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        Swift.withUnsafeMutableBytes(of: &words) { destination in
            array.withUnsafeBytes { destination.copyMemory(from: $0) }
        }
        self.init(storage: words)
    }

    /// Parses 64 hexadecimal characters (either case); returns `nil` for anything else.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == Self.byteCount * 2 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Self.byteCount)
        for index in 0..<Self.byteCount {
            guard let high = Self.nibble(utf8[2 * index]), let low = Self.nibble(utf8[2 * index + 1]) else {
                return nil
            }
            bytes[index] = high << 4 | low
        }
        self.init(bytes: bytes)
    }

    /// Copies 32 bytes from `buffer` (which must hold at least 32 bytes).
    init(unsafeBytes buffer: UnsafeRawBufferPointer) {
        precondition(buffer.count >= Self.byteCount, "SHA256Digest needs 32 bytes")
        storage = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &storage) { destination in
            destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<Self.byteCount]))
        }
    }

    /// The 32 digest bytes.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Calls `body` with the 32 digest bytes; the pointer is only valid inside `body`.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        var copy = storage
        return try Swift.withUnsafeBytes(of: &copy) { (buffer) throws(Failure) -> Result in
            try body(buffer)
        }
    }

    /// The digest as 64 lowercase hexadecimal characters.
    public var hex: String {
        let digits: StaticString = "0123456789abcdef"
        return withUnsafeBytes { raw in
            String(unsafeUninitializedCapacity: Self.byteCount * 2) { output in
                digits.withUTF8Buffer { table in
                    for (index, byte) in raw.enumerated() {
                        output[2 * index] = table[Int(byte >> 4)]
                        output[2 * index + 1] = table[Int(byte & 0x0F)]
                    }
                }
                return Self.byteCount * 2
            }
        }
    }

    /// Hashes `bytes` in one shot.
    ///
    /// Contiguous collections (`[UInt8]`, `Data`, `UnsafeRawBufferPointer`, ...) are hashed in
    /// place; other sequences are first copied into an array.
    public static func hash(_ bytes: some Sequence<UInt8>) -> SHA256Digest {
        if let digest = bytes.withContiguousStorageIfAvailable({ hash(buffer: UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        return Array(bytes).withUnsafeBytes { hash(buffer: $0) }
    }

    /// Hashes the UTF-8 encoding of `string` in one shot.
    public static func hash(_ string: String) -> SHA256Digest {
        var string = string
        return string.withUTF8 { hash(buffer: UnsafeRawBufferPointer($0)) }
    }

    /// Hashes the bytes of `buffer` in one shot with `EVP_Digest`.
    public static func hash(buffer: UnsafeRawBufferPointer) -> SHA256Digest {
        var output = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var length: UInt32 = 0
        let ok = Swift.withUnsafeMutableBytes(of: &output) { out in
            EVP_Digest(
                buffer.baseAddress, buffer.count,
                out.baseAddress!.assumingMemoryBound(to: UInt8.self), &length,
                assaySHA256Algorithm, nil)
        }
        precondition(ok == 1 && length == 32, "OpenSSL EVP_Digest(SHA-256) failed")
        return SHA256Digest(storage: output)
    }

    private init(storage: (UInt64, UInt64, UInt64, UInt64)) {
        self.storage = storage
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    public static func == (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
        lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1
            && lhs.storage.2 == rhs.storage.2 && lhs.storage.3 == rhs.storage.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
    }
}

extension SHA256Digest: CustomStringConvertible {
    /// The lowercase hexadecimal form, same as ``hex``.
    public var description: String { hex }
}
