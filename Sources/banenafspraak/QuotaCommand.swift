import ArgumentParser
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakParameters
import Foundation

/// `--quota-percent SECTOR=VALUE`.
struct QuotaPercentOverride: ExpressibleByArgument {
    var key: String
    var value: BasisPoints
    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["markt", "overheid", "total"].contains(parts[0]), let v = BasisPoints(parts[1]), v.rawValue >= 0 else { return nil }
        key = parts[0]
        value = v
    }
}

extension RegisterRegime: ExpressibleByArgument {}
extension MilliPercent: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// Options shared by `quota` and `explain`.
struct RunOptions: ParsableArguments {
    @Option(help: "The year t to compute (required unless a stored run is read with --store).")
    var year: Int?

    @Option(name: .customLong("in"), help: "Folder with employers.csv, register.csv, payroll.csv and optionally collaborations.csv (required unless a stored run is read with --store).")
    var input: String?

    @Option(name: .customLong("quota-percent"), help: ArgumentHelp("Override a quotum percentage, e.g. markt=2.10 (markt, overheid or total; 2 decimals). Repeatable.", valueName: "SECTOR=VALUE"))
    var quotaPercent: [QuotaPercentOverride] = []

    @Option(name: .customLong("surcharge-percent"), help: "Override the surcharge rate (3 decimals).")
    var surchargePercent: MilliPercent?

    @Option(name: .customLong("regime-register"), help: "Register rules: current (the law) or widened (seed 001 proposal).")
    var regimeRegister: RegisterRegime = .current

    @Option(name: .customLong("params"), help: "A parameter file whose values override the repository's (policy reforms).")
    var params: String?

    func quotaOptions(output: String?) throws -> QuotaOptions {
        guard let year else { throw ValidationError("Missing expected argument '--year <year>'") }
        guard let input else { throw ValidationError("Missing expected argument '--in <in>'") }
        let parameters: ParameterSet
        do { parameters = try ParameterFiles.load(overridePath: params) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        var o = QuotaOptions(year: year, inputDirectory: input, outputDirectory: output, parameters: parameters)
        for q in quotaPercent { o.quotaPercentOverrides[q.key] = q.value }
        o.surchargeOverride = surchargePercent
        o.regime = regimeRegister
        return o
    }
}

/// Runs a quota computation, turning input and parameter problems into a message and exit status 1.
func runQuota(_ options: QuotaOptions, label: String) throws -> QuotaResult {
    var options = options
    let progress = ProgressReporter(label: label)
    options.progress = { done, total, lines in progress.update(done: done, total: total, lines: lines) }
    do {
        let result = try QuotaRun.run(options)
        progress.finish()
        return result
    } catch let e as IngestFileError {
        progress.finish()
        printError("error: \(e)")
        throw ExitCode(1)
    } catch let e as QuotaRunError {
        progress.finish()
        printError("error: \(e)")
        throw ExitCode(1)
    }
}

struct Quota: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measurement, quota (law of 2015) and the simplified scheme for every employer, in one pass (spec 5.2-5.4).",
        discussion: "Writes OUT/employers.csv, OUT/national.json, OUT/rejected.csv and OUT/report.html."
    )

    @OptionGroup var common: RunOptions

    @Option(name: .customLong("out"), help: "Output folder (created if needed).")
    var output: String

    @Flag(help: "Exit with status 3 when any row is rejected.")
    var strict = false

    @Option(name: .customLong("store"), help: "Also keep the run in this results store: an SQLite file (created if needed) or postgres://user:password@host:port/database (tables created in an empty database; spec 9).")
    var store: String?

    func run() throws {
        var options = try common.quotaOptions(output: output)
        let storing = try store.map { try StoreWriting(path: $0, options: options) }
        if storing != nil { options.keepLineDetail = true }
        let result = try runQuota(options, label: "payroll.csv")
        try QuotaOutputs.write(result, to: output)
        if let storing { try storing.finish(result, outputDirectory: output) }
        var rejected = 0
        for key in ["employers", "register", "payroll", "collaborations"] {
            let c = result.counts[key] ?? RowCounts()
            rejected += c.rejected
            let outside = key == "payroll" ? ", outside year \(c.outsideYear)" : ""
            printError("\(key).csv: read \(c.read) = accepted \(c.accepted) + rejected \(c.rejected)\(outside)")
        }
        let lines = result.counts["payroll"]?.read ?? 0
        let ns = max(result.wallNanoseconds, 1)
        let rate = UInt64(lines) * 1_000_000_000 / ns
        printError("computed in \(ns / 1_000_000_000).\(ns / 100_000_000 % 10) s (\(rate) payroll lines/s)")
        print("report: \(URL(fileURLWithPath: output).appendingPathComponent("report.html").path)")
        if strict && rejected > 0 {
            printError("error: \(rejected) row(s) rejected (--strict); see \(output)/rejected.csv")
            throw ExitCode(3)
        }
    }
}
