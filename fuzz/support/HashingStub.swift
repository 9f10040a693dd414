// Stands in for the simulation module's Hashing (swift-crypto) when scripts/fuzz.sh builds the reform loader
// with swiftc: the harness does not need a reform's hash.
import Foundation

public enum Hashing {
    public static func sha256(_ data: some DataProtocol) -> String { "" }
}
