import ArgumentParser
import BanenafspraakStore
import BanenafspraakStorePostgres
import BanenafspraakStoreSQLite
import Foundation

/// `banenafspraak token issue|revoke` (server: docs/contracts-internal.md): bearer tokens for the server. A token is 256 random bits,
/// shown once; the store keeps only its SHA-256.
struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Issue or revoke the server's bearer tokens (employer, analyst, municipality or auditor).",
        subcommands: [Issue.self, Revoke.self]
    )

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token; it is printed once, alone on the last line.",
            discussion: "An employer token reads only that employer's figures and explanation, in every run; an analyst token reads everything; a municipality token (--role municipality --region AMRnn) the figures, not the persons, of the employers in its arbeidsmarktregio; an auditor token (--role auditor) reads runs, receipts, decisions, objections and the access log, and no person-level data."
        )

        @Option(help: "The results store (a SQLite file path).")
        var store: String

        @Option(help: "The employer_id whose figures the token may read.")
        var employer: String?

        @Option(help: "analyst (reads everything), municipality (with --region) or auditor (read-only); instead of --employer.")
        var role: String?

        @Option(help: "The arbeidsmarktregio of a municipality token, AMR01–AMR35.")
        var region: String?

        func validate() throws {
            switch (employer, role) {
            case (nil, nil): throw ValidationError("give --employer ID or --role analyst|municipality|auditor")
            case (.some, .some): throw ValidationError("give either --employer or --role, not both")
            case (nil, .some(let r)) where !["analyst", "municipality", "auditor"].contains(r):
                throw ValidationError("--role must be analyst, municipality or auditor (employer tokens use --employer ID)")
            case (.some(let id), nil) where !Self.isEmployerId(id): throw ValidationError("--employer must be 1–32 characters of A-Z, a-z, 0-9")
            default: break
            }
            if role == "municipality" {
                guard let region, Self.isRegion(region) else { throw ValidationError("--role municipality needs --region AMRnn, an arbeidsmarktregio AMR01–AMR35") }
            } else if region != nil {
                throw ValidationError("--region belongs to --role municipality only")
            }
        }

        /// `AMR01`–`AMR35`, the 35 arbeidsmarktregio's.
        static func isRegion(_ s: String) -> Bool {
            guard s.hasPrefix("AMR"), s.utf8.count == 5, let n = Int(s.dropFirst(3)) else { return false }
            return (1...35).contains(n)
        }

        var access: TokenAccess {
            if let employer { return .employer(employer) }
            switch role {
            case "municipality": return .municipality(region: region ?? "")
            case "auditor": return .auditor
            default: return .analyst
            }
        }

        static func isEmployerId(_ s: String) -> Bool {
            !s.isEmpty && s.utf8.count <= 32 && s.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }
        }

        func run() throws {
            // An existing store only: a mistyped path must not become a new, empty store with a token in it.
            let results = try openExistingStore(store)
            var rng = SystemRandomNumberGenerator()
            var bytes: [UInt8] = []
            for _ in 0..<4 { withUnsafeBytes(of: rng.next() as UInt64) { bytes.append(contentsOf: $0) } }
            let token = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
            try withStore { try results.insertToken(hash: Digest.sha256(text: token), access: access, createdAt: ISO8601DateFormatter().string(from: Date())) }
            switch access {
            case .employer(let id): print("Token for employer \(id) (shown once; the store keeps only its SHA-256):")
            case .analyst: print("Analyst token (shown once; the store keeps only its SHA-256):")
            case .municipality(let region): print("Municipality token for \(region) (shown once; the store keeps only its SHA-256):")
            case .auditor: print("Auditor token (shown once; the store keeps only its SHA-256):")
            }
            print(token)
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: it stops working at once.")

        @Option(help: "The results store (a SQLite file path).")
        var store: String

        @Argument(help: "The token to revoke.")
        var token: String

        func run() throws {
            let results = try openExistingStore(store)
            let revoked = try withStore { try results.revokeToken(hash: Digest.sha256(text: token), at: ISO8601DateFormatter().string(from: Date())) }
            if revoked {
                print("revoked")
            } else {
                printError("error: no active token like that in \(store)")
                throw ExitCode(1)
            }
        }
    }
}


/// Opens a store that must already exist (the token commands): a path with no store is an error that says how a
/// store comes to be, instead of a new empty store.
func openExistingStore(_ location: String) throws -> any ResultsStore {
    if !PostgresURL.isPostgres(location) && !FileManager.default.fileExists(atPath: location) {
        printError("error: there is no results store at \(location); token commands work on an existing store (check the path, or create the store first with quota --store or serve --store)")
        throw ExitCode(1)
    }
    return try openStore(location, create: false)
}
