import BanenafspraakCore
import BanenafspraakStore
import Crypto
import Foundation

/// SHA-256 in lowercase hex, for receipts.
public enum Hashing {
    public static func sha256(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// The SHA-256 of a file, read in 4 MiB pieces; `nil` when it cannot be read.
    public static func sha256(file path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            guard let chunk = try? handle.read(upToCount: 4 << 20), !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// The SHA-256 of a parameter set in the store's canonical text (the same hash as a stored run's receipt).
    public static func sha256(parameters: ParameterSet) -> String { ParameterSetText.sha256(parameters) }
}
