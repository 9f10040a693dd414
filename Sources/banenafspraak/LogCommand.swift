import ArgumentParser
import BanenafspraakCore
import BanenafspraakStore

/// `banenafspraak log` (spec section 14): the access log, every read of person-level data in the shape of the
/// Logboek dataverwerkingen: who (token id and role), what (endpoint, run, employer), when and on which ground.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the access log: every read of person-level data, oldest first.")

    @Option(help: "The results store (a SQLite file path or postgres://…).")
    var store: String

    @Option(help: "Only records from this date (YYYY-MM-DD) on.")
    var since: String?

    @Option(help: "text (one line per record, tab-separated) or json.")
    var format: ListFormat = .text

    func validate() throws {
        if let since, LocalDate(since) == nil { throw ValidationError("--since must be a date YYYY-MM-DD, got \(since)") }
    }

    func run() throws {
        let s = try openExistingStore(store)
        let records = try withStore { try s.accessLog(since: since) }
        switch format {
        case .json:
            print(JSONValue.array(records.map(\.json)).rendered(), terminator: "")
        case .text:
            for r in records {
                print([r.at, r.tokenId, r.role.rawValue, r.endpoint, r.run.map(String.init) ?? "-", r.employerId ?? "-", r.ground].joined(separator: "\t"))
            }
        }
    }
}
