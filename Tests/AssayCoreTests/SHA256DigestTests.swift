import Foundation
import Testing

import AssayCore

@Suite("SHA256Digest")
struct SHA256DigestTests {
    @Test("known vectors (FIPS 180-2)", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, expected: String) {
        #expect(SHA256Digest.hash(input).hex == expected)
        #expect(SHA256Digest.hash(Array(input.utf8)).hex == expected)
        #expect(SHA256Digest.hash(Data(input.utf8)).hex == expected)
    }

    @Test("one million 'a'")
    func millionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(SHA256Digest.hash(String(repeating: "a", count: 1_000_000)).hex == expected)

        let hasher = SHA256Hasher()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000)
        for _ in 0..<1_000 { hasher.update(chunk) }
        #expect(hasher.finalize().hex == expected)
    }

    @Test("incremental equals one-shot, for every split point")
    func incrementalMatchesOneShot() {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let expected = SHA256Digest.hash(message)
        let hasher = SHA256Hasher()
        for split in [0, 1, 55, 56, 63, 64, 65, 128, 299, 300] {
            hasher.update(message[..<split])
            hasher.update(message[split...])
            #expect(hasher.finalize() == expected, "split at \(split)")
        }
        hasher.update("ab")
        hasher.update("c")
        #expect(hasher.finalize() == SHA256Digest.hash("abc"))
    }

    @Test("finalize resets the hasher")
    func finalizeResets() {
        let hasher = SHA256Hasher()
        hasher.update("abc")
        _ = hasher.finalize()
        #expect(hasher.finalize() == SHA256Digest.hash(""))
    }

    @Test("non-contiguous sequences hash like their bytes")
    func nonContiguousSequence() {
        let lazyBytes = (0..<1_000).lazy.map { UInt8(truncatingIfNeeded: $0) }
        #expect(SHA256Digest.hash(lazyBytes) == SHA256Digest.hash(Array(lazyBytes)))
    }

    @Test("bytes, hex round trip, equality and hashing")
    func representation() throws {
        let digest = SHA256Digest.hash("abc")
        #expect(digest.bytes.count == 32)
        #expect(digest.bytes.prefix(4) == [0xba, 0x78, 0x16, 0xbf])
        #expect(SHA256Digest(bytes: digest.bytes) == digest)
        #expect(SHA256Digest(bytes: [1, 2, 3]) == nil)
        #expect(SHA256Digest(hex: digest.hex) == digest)
        #expect(SHA256Digest(hex: digest.hex.uppercased()) == digest)
        #expect(SHA256Digest(hex: "zz" + String(digest.hex.dropFirst(2))) == nil)
        #expect(SHA256Digest(hex: "abc") == nil)
        #expect(digest.description == digest.hex)

        let other = SHA256Digest.hash("abd")
        #expect(digest != other)
        #expect(Set([digest, other, SHA256Digest.hash("abc")]).count == 2)
    }

    @Test("100k x 2 KB hashes well under a second")
    func throughput() {
        var body = [UInt8](repeating: 0x61, count: 2_048)
        let clock = ContinuousClock()
        var last = SHA256Digest.hash("")
        let elapsed = clock.measure {
            for index in 0..<100_000 {
                body[0] = UInt8(truncatingIfNeeded: index)
                body[1] = UInt8(truncatingIfNeeded: index >> 8)
                last = SHA256Digest.hash(body)
            }
        }
        #expect(last != SHA256Digest.hash(""))
        // Generous for debug builds and a loaded CI machine; release measures far lower.
        #expect(elapsed < .seconds(15), "took \(elapsed)")
    }
}
