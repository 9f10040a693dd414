import ArgumentParser
import BanenafspraakCore
import BanenafspraakStore

struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Persons and jobs of the target group per sector, overheid subsector and arbeidsmarktregio, from a stored run.",
        discussion: """
            Writes monitor.json, sectors.csv, subsectors.csv, regions.csv and monitor.html into --out. The sector \
            figures of December are official (officieel) for a definitive run or a run without a cut-off; regions, \
            subsectors and quarters are indicative (indicatief). With --region only that region is written, and no \
            national figure.
            """
    )

    @Option(name: .customLong("store"), help: "The results store: an SQLite file or postgres://user:password@host:port/database.")
    var store: String

    @Option(name: .customLong("run"), help: "The run's id in the store.")
    var runId: Int64

    @Option(help: "The folder to write into (created when missing).")
    var out: String

    @Option(help: "1–4: count the last month of this quarter instead of December (indicative).")
    var quarter: Int?

    @Option(help: "AMR01–AMR35: only this arbeidsmarktregio, without any national figure.")
    var region: String?

    func validate() throws {
        if let quarter, !(1...4).contains(quarter) { throw ValidationError("--quarter must be 1, 2, 3 or 4, not \(quarter)") }
        if let region, Arbeidsmarktregio.number(region) == nil { throw ValidationError("--region must be AMR01 … AMR35, not \(region)") }
    }

    func run() throws {
        let s = try openStore(store, create: false)
        let monitor = try withStore { try Monitor.compute(store: s, run: runId, quarter: quarter, region: region) }
        do { try monitor.write(to: out) } catch {
            printError("cannot write the monitor into \(out): \(error)")
            throw ExitCode(1)
        }
        print("wrote the monitor of run \(runId) (\(monitor.month)) into \(out)")
    }
}
