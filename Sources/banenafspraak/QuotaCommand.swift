import ArgumentParser
import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakParameters
import Foundation

/// `--quota-percent SECTOR=VALUE`.
struct QuotaPercentOverride: ExpressibleByArgument {
    var key: Quotum
    var value: BasisPoints
    init?(argument: String) {
        guard let v = try? Self.parse(argument) else { return nil }
        self = v
    }
    init(key: Quotum, value: BasisPoints) { self.key = key; self.value = value }

    /// Parses `SECTOR=VALUE`, with a message that says what is wrong (a decimal comma in particular).
    static func parse(_ argument: String) throws -> QuotaPercentOverride {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw FlagValueError("expected SECTOR=VALUE, e.g. markt=2.10") }
        guard let key = Quotum(rawValue: parts[0]) else {
            throw FlagValueError("the sector must be markt, overheid or total, not '\(parts[0])'")
        }
        try FlagValueError.checkDecimalPoint(parts[1], example: "\(parts[0])=2.10")
        guard let v = BasisPoints(parts[1]), v.rawValue >= 0 else {
            throw FlagValueError("'\(parts[1])' is not a percentage with at most 2 decimals, e.g. \(parts[0])=2.10")
        }
        return QuotaPercentOverride(key: key, value: v)
    }
}

/// Why a flag's value was refused; ArgumentParser prints the description after "The value ... is invalid".
struct FlagValueError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }

    /// A decimal comma (`0,67`) gets its own message: the flags use a decimal point, like the CSV files.
    static func checkDecimalPoint(_ value: String, example: String) throws {
        if value.contains(",") {
            let fixed = value.replacingOccurrences(of: ",", with: ".")
            throw FlagValueError("use a decimal point, not a comma: \(fixed) (e.g. \(example))")
        }
    }
}

extension RegisterRegime: ExpressibleByArgument {}
extension CalendarStage: ExpressibleByArgument {}
extension MilliPercent: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// Options shared by `quota` and `explain`.
struct RunOptions: ParsableArguments {
    @Option(help: "The year t to compute (required unless a stored run is read with --store).")
    var year: Int?

    @Option(name: .customLong("in"), help: "Folder with employers.csv, register.csv, payroll.csv and optionally collaborations.csv (required unless a stored run is read with --store).")
    var input: String?

    @Option(name: .customLong("quota-percent"), help: ArgumentHelp("Override a quotum percentage, e.g. markt=2.10 (markt, overheid or total; 2 decimals, decimal point). Repeatable. Without it the values in IN/manifest.json are used when present.", valueName: "SECTOR=VALUE"),
            transform: QuotaPercentOverride.parse)
    var quotaPercent: [QuotaPercentOverride] = []

    @Option(name: .customLong("surcharge-percent"), help: "Override the surcharge rate (3 decimals, decimal point, e.g. 0.893).",
            transform: { text in
                try FlagValueError.checkDecimalPoint(text, example: "0.893")
                guard let v = MilliPercent(text), v.rawValue >= 0 else { throw FlagValueError("'\(text)' is not a percentage with at most 3 decimals, e.g. 0.893") }
                return v
            })
    var surchargePercent: MilliPercent?

    @Option(name: .customLong("regime-register"), help: "Register rules: current (the law) or widened (the proposal of Kamerstukken II 2022/23, 34 352, nr. 281).")
    var regimeRegister: RegisterRegime = .current

    @Option(name: .customLong("params"), help: "A parameter file whose values override the repository's (policy reforms).")
    var params: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The inputs as known on this date (YYYY-MM-DD): rows received later (the received column of payroll.csv and register.csv) are not used (Wfsv art. 38e lid 3).", valueName: "DATE"),
            transform: { text in
                guard let d = LocalDate(text) else { throw FlagValueError("'\(text)' is not a date YYYY-MM-DD") }
                return d
            })
    var asOf: LocalDate?

    @Option(name: .customLong("stage"), help: "voorlopig (as of 31 January of year t+1, Wtl art. 4.1) or definitief (1 May of year t+1, Wfsv art. 38e lid 3); the dates are parameters.")
    var stage: CalendarStage?

    func quotaOptions(output: String?) throws -> QuotaOptions {
        guard let year else { throw ValidationError("Missing expected argument '--year <year>'") }
        guard let input else { throw ValidationError("Missing expected argument '--in <in>'") }
        let parameters: ParameterSet
        do { parameters = try ParameterFiles.load(overridePath: params) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        var o = QuotaOptions(year: year, inputDirectory: input, outputDirectory: output, parameters: parameters)
        o.parametersFile = params
        for q in quotaPercent { o.quotaPercentOverrides[q.key] = q.value }
        try applyManifest(to: &o)
        o.surchargeOverride = surchargePercent
        o.regime = regimeRegister
        o.calendar = try calendar(year: year, parameters: parameters)
        return o
    }

    /// `--as-of` or `--stage` (not both), as the run's calendar (spec section 13).
    func calendar(year: Int, parameters: ParameterSet) throws -> RunCalendar {
        if asOf != nil && stage != nil { throw ValidationError("give --as-of or --stage, not both") }
        guard let stage else { return RunCalendar(asOf: asOf) }
        do { return RunCalendar(asOf: try stage.cutoff(year: year, parameters: parameters).date, stage: stage) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}

extension RunOptions {
    /// Takes the quotum percentages from `IN/manifest.json` (the generator's suggestion) for every sector no
    /// `--quota-percent` flag gives, and says so in one line on stderr.
    func applyManifest(to o: inout QuotaOptions) throws {
        let manifest: (path: String, percent: [Quotum: BasisPoints])?
        do { manifest = try RunGuards.manifestPercentages(inputDirectory: o.inputDirectory) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        guard let manifest else { return }
        var taken: [String] = []
        for key in Quotum.allCases where o.quotaPercentOverrides[key] == nil {
            guard let v = manifest.percent[key] else { continue }
            o.quotaPercentOverrides[key] = v
            o.quotaPercentSources[key] = .manifest(path: manifest.path)
            taken.append("\(key)=\(v)")
        }
        if !taken.isEmpty {
            printError("quotum percentages from \(manifest.path): \(taken.joined(separator: " ")) (override with --quota-percent)")
        }
    }

    /// Prints the plausibility warnings; with `strict` they are an error (exit status 3).
    static func reportImplausible(_ result: QuotaResult, strict: Bool) throws {
        let warnings = RunGuards.plausibilityWarnings(result)
        for w in warnings { printError((strict ? "error: " : "warning: ") + w.message) }
        if strict && !warnings.isEmpty {
            printError("error: implausible percentages (--strict); no outputs written")
            throw ExitCode(3)
        }
    }
}

/// Runs a quota computation, turning input and parameter problems into a message and exit status 1.
func runQuota(_ options: QuotaOptions, label: String) throws -> QuotaResult {
    RunSafety.install()
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
    } catch let e as ExitCode {
        progress.finish()
        throw e
    } catch {
        progress.finish()
        printError("error: \(error)")
        throw ExitCode(1)
    }
}

struct Quota: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measurement, quota (law of 2015) and the simplified scheme for every employer, in one pass.",
        discussion: "Writes OUT/employers.csv, OUT/national.json, OUT/rejected.csv and OUT/report.html."
    )

    @OptionGroup var common: RunOptions

    @Option(name: .customLong("out"), help: "Output folder (created if needed). It is replaced as a whole when the run succeeds and left as it was when it fails; it must be empty or hold only outputs of a run.")
    var output: String

    enum CSVDialect: String, ExpressibleByArgument { case contract, nl }

    @Option(name: .customLong("csv-dialect"), help: "nl also writes OUT/employers-nl.csv for Dutch Excel (semicolons, decimal comma, UTF-8 BOM, employer names); employers.csv stays the contract file.")
    var csvDialect: CSVDialect = .contract

    @Flag(help: "Exit with status 3 when any row is rejected, or when a computed percentage is implausible for national data (quotum > 10%, opslag > 5%).")
    var strict = false

    @Option(name: .customLong("store"), help: "Also keep the run in this results store: an SQLite file (created if needed) or postgres://user:password@host:port/database (tables created in an empty database).")
    var store: String?

    func run() throws {
        var options = try common.quotaOptions(output: nil)
        let storing = try store.map { try StoreWriting(path: $0, options: options) }
        if storing != nil { options.keepLineDetail = true }
        let folder = try RunSafety.openOutput(output)
        var storedRun: Int64?
        // The stored run becomes visible the moment its outputs are in place.
        var completed = true
        let result = try RunSafety.fill(folder, afterSwap: { if let storing, let storedRun { completed = storing.complete(storedRun) } }) { staging in
            options.outputDirectory = staging
            var result = try runQuota(options, label: "payroll.csv")
            try RunOptions.reportImplausible(result, strict: strict)
            if let storing { result.stageComparison = storing.stageComparison(for: result) }
            try QuotaOutputs.write(result, to: staging)
            if csvDialect == .nl { _ = try DutchCSVExport.write(result, to: staging) }
            // The store is written before the outputs move into place, hidden until they are: a failed store write
            // leaves both as they were, and a run killed in between is removed by the next writer.
            if let storing { storedRun = try storing.finish(result, outputDirectory: staging) }
            return result
        }
        if !completed { throw ExitCode(1) }
        if csvDialect == .nl {
            printError("for Excel: \(URL(fileURLWithPath: folder.target).appendingPathComponent(DutchCSVExport.fileName).path)")
        }
        var rejected = 0
        for file in InputFile.allCases {
            let c = result.counts[file] ?? RowCounts()
            rejected += c.rejected
            let outside = file == .payroll ? ", outside year \(c.outsideYear)" : ""
            var calendar = ""
            if result.calendar != nil && file == .payroll { calendar = " + after cut-off \(c.afterCutoff) + superseded \(c.superseded)" }
            if result.calendar != nil && file == .register { calendar = " + after cut-off \(c.afterCutoff)" }
            printError("\(file): read \(c.read) = accepted \(c.accepted) + rejected \(c.rejected)\(outside)\(calendar)")
        }
        let lines = result.counts[.payroll]?.read ?? 0
        let ns = max(result.wallNanoseconds, 1)
        let rate = UInt64(lines) * 1_000_000_000 / ns
        printError("computed in \(ns / 1_000_000_000).\(ns / 100_000_000 % 10) s (\(rate) payroll lines/s)")
        print("report: \(URL(fileURLWithPath: folder.target).appendingPathComponent("report.html").path)")
        if strict && rejected > 0 {
            printError("error: \(rejected) row(s) rejected (--strict); see \(output)/rejected.csv")
            throw ExitCode(3)
        }
    }
}
