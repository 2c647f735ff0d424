import CCrypto

/// An incremental SHA-256 hasher over an OpenSSL `EVP_MD_CTX`.
///
/// ```swift
/// let hasher = SHA256Hasher()
/// hasher.update("a")
/// hasher.update([0x62, 0x63])
/// let digest = hasher.finalize()   // == SHA256Digest.hash("abc")
/// ```
///
/// After ``finalize()`` the hasher is reset and can hash a new message. A hasher is not
/// `Sendable`: use one per task or thread.
public final class SHA256Hasher {
    private let context: OpaquePointer

    /// Creates a hasher ready for the first ``update(_:)-(some Sequence<UInt8>)``.
    public init() {
        guard let context = EVP_MD_CTX_new() else {
            fatalError("OpenSSL: EVP_MD_CTX_new failed (out of memory)")
        }
        self.context = context
        reset()
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Appends `bytes` to the message. Contiguous collections are hashed in place.
    public func update(_ bytes: some Sequence<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ update(buffer: UnsafeRawBufferPointer($0)) }) != nil {
            return
        }
        Array(bytes).withUnsafeBytes { update(buffer: $0) }
    }

    /// Appends the UTF-8 encoding of `string` to the message.
    public func update(_ string: String) {
        var string = string
        string.withUTF8 { update(buffer: UnsafeRawBufferPointer($0)) }
    }

    /// Appends the bytes of `buffer` to the message.
    public func update(buffer: UnsafeRawBufferPointer) {
        guard buffer.count > 0 else { return }
        let ok = EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
        precondition(ok == 1, "OpenSSL EVP_DigestUpdate failed")
    }

    /// Returns the digest of everything appended since creation or the last `finalize()`,
    /// then resets the hasher.
    public func finalize() -> SHA256Digest {
        var output = [UInt8](repeating: 0, count: SHA256Digest.byteCount)
        var length: UInt32 = 0
        let ok = EVP_DigestFinal_ex(context, &output, &length)
        precondition(ok == 1 && length == 32, "OpenSSL EVP_DigestFinal_ex failed")
        reset()
        return output.withUnsafeBytes { SHA256Digest(unsafeBytes: $0) }
    }

    private func reset() {
        let ok = EVP_DigestInit_ex2(context, assaySHA256Algorithm, nil)
        precondition(ok == 1, "OpenSSL EVP_DigestInit_ex2 failed")
    }
}
