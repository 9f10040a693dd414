// Stands in for SwiftPM's generated resource accessor when the parameters module is built by
// scripts/fuzz.sh with swiftc: the bundle is the source folder holding `parameters/`.
import Foundation

extension Bundle {
    static let module: Bundle = {
        let dir = ProcessInfo.processInfo.environment["BANENAFSPRAAK_PARAMETERS_DIR"] ?? "Sources/BanenafspraakParameters"
        guard let b = Bundle(path: dir) else { fatalError("no parameter folder at \(dir)") }
        return b
    }()
}
