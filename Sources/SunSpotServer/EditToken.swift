import Crypto
import Foundation

/// Scene ids and edit tokens: unguessable random strings, and the one-way hash under
/// which a token is stored so a leaked database file grants no edits.
enum EditToken {
    /// A new scene id: 128 random bits as 32 lowercase hex digits (DESIGN.md: ids are unguessable).
    static func newSceneID() -> String { randomHex(bytes: 16) }

    /// A new edit token: 256 random bits as 64 hex digits.
    static func newToken() -> String { randomHex(bytes: 32) }

    /// SHA-256 of the token's UTF-8 bytes; the only form that is stored.
    static func hash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }

    /// Whether `token` hashes to `storedHash`, in time that does not depend on where the
    /// bytes first differ (no timing oracle on the stored hash).
    static func matches(_ token: String, storedHash: Data) -> Bool {
        let candidate = hash(token)
        guard candidate.count == storedHash.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(candidate, storedHash) { difference |= a ^ b }
        return difference == 0
    }

    /// Whether `text` has the shape of a scene id (checked before touching the database).
    static func isSceneID(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    static func randomHex(bytes count: Int) -> String {
        // SystemRandomNumberGenerator reads the kernel's CSPRNG (getrandom on Linux).
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count * 2)
        for _ in 0..<count {
            let byte = UInt8.random(in: 0...255, using: &generator)
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
