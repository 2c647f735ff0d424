import AssayCore
import Foundation

/// The bearer token `assay serve --token-file` requires on every route but `GET /healthz`.
///
/// Only the token's SHA-256 digest is kept. ``accepts(authorization:)`` hashes the presented credential and
/// compares the two digests with a branch-free loop, so the time taken shows neither the token's length nor how
/// much of it matched. ``description`` never shows the token.
public struct BearerToken: Sendable, Equatable, CustomStringConvertible {
    private let digest: [UInt8]

    /// A token of visible ASCII (no spaces or control characters); `nil` if `token` is empty or not one.
    public init?(_ token: String) {
        guard Self.isValid(token) else { return nil }
        digest = SHA256Digest.hash(token).bytes
    }

    /// Whether an `Authorization` header value is `Bearer <this token>` (scheme case-insensitive, RFC 6750).
    public func accepts(authorization: String?) -> Bool {
        guard let authorization else { return false }
        let value = authorization.trimmingCharacters(in: .whitespaces)
        guard value.count > 7, value.prefix(7).lowercased() == "bearer " else { return false }
        let credential = value.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return Self.constantTimeEqual(SHA256Digest.hash(credential).bytes, digest)
    }

    public static func == (lhs: BearerToken, rhs: BearerToken) -> Bool { constantTimeEqual(lhs.digest, rhs.digest) }

    public var description: String { "BearerToken(<redacted>)" }

    /// Equal-length byte strings compared without an early exit.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    static func isValid(_ token: String) -> Bool {
        !token.isEmpty && token.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
}

extension BearerToken {
    /// Why a token file was refused; the message names the option and the file, never the file's content.
    public struct FileError: Error, CustomStringConvertible {
        public var description: String
    }

    /// A token read from a file, and a warning when the file is readable by group or others.
    public struct Loaded: Sendable {
        public var token: BearerToken
        /// Set when the file's mode lets group or others read it (the token is still used).
        public var warning: String?
    }

    /// Reads `--token-file`: the whole file, surrounding whitespace trimmed, must be one token of visible ASCII.
    ///
    /// An unreadable, empty or multi-word file throws. A file readable by group or others is accepted with a
    /// ``Loaded/warning``: Kubernetes secret volumes and Compose file secrets are often 0644 inside the container.
    public static func load(file path: String) throws(FileError) -> Loaded {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(description: "--token-file \(path): cannot read the file (missing, or not readable by this user)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileError(description: "--token-file \(path): the file is not UTF-8 text")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            throw FileError(description: "--token-file \(path): the file is empty; put the bearer token in it (e.g. openssl rand -hex 32)")
        }
        guard let token = BearerToken(trimmed) else {
            throw FileError(
                description: "--token-file \(path): the token must be one word of visible ASCII (no spaces, line breaks or control characters)")
        }
        var warning: String?
        if let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, mode & 0o044 != 0 {
            warning =
                "warning: --token-file \(path) is readable by group or others (mode \(String(mode & 0o777, radix: 8))); chmod 600 it (Kubernetes: defaultMode: 0400)"
        }
        return Loaded(token: token, warning: warning)
    }
}
