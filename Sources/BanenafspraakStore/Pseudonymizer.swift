#if canImport(Glibc)
import Glibc
#endif
import Crypto

/// Keyed pseudonyms for person ids: HMAC-SHA256 under a per-store secret, the first 96 bits in hex. The same
/// person has the same pseudonym in every run of one store (so `diff` can follow a person), and no one without
/// the secret can compute or reverse it. Person ids never enter a store in clear (results store: docs/contracts-internal.md).
public struct Pseudonymizer: Sendable {
    private let secret: [UInt8]

    public init(secret: [UInt8]) {
        self.secret = secret
    }

    /// The pseudonym of one person id (24 lowercase hex characters).
    public func pseudonym(_ personId: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(personId.utf8), using: SymmetricKey(data: secret))
        return Hex.encode(Array(mac.prefix(12)))
    }

    /// A new random secret for a new store (256 bits).
    public static func newSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

/// Lowercase hex.
public enum Hex {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let h = nibble(chars[i]), let l = nibble(chars[i + 1]) else { return nil }
            out.append(h << 4 | l)
            i += 2
        }
        return out
    }
}

/// SHA-256 of files and texts, for the receipt (results store: docs/contracts-internal.md) and token hashes.
public enum Digest {
    public static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        Hex.encode(SHA256.hash(data: Array(bytes)))
    }

    public static func sha256(text: String) -> String { sha256(Array(text.utf8)) }

    /// Streams a file through SHA-256 in 4 MiB chunks; returns the hex digest and the size.
    public static func sha256(file path: String) throws -> (sha256: String, bytes: Int64) {
        guard let f = fopen(path, "rb") else { throw StoreError(.io, "cannot read \(path) to compute its SHA-256") }
        defer { fclose(f) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 22)
        var total: Int64 = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 {
                buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                total += Int64(n)
            }
            if n < buffer.count {
                if ferror(f) != 0 { throw StoreError(.io, "error while reading \(path) to compute its SHA-256") }
                break
            }
        }
        return (Hex.encode(hasher.finalize()), total)
    }
}
