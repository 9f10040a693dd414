import ArgumentParser
import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakParameters
import BanenafspraakSimulation
import BanenafspraakStore
import Foundation

/// The exact command as typed, for receipts (arguments with spaces or quotes are single-quoted).
func exactCommand() -> String {
    boundedCommand((["banenafspraak"] + CommandLine.arguments.dropFirst()).map { arg in
        arg.allSatisfy({ $0.isLetter || $0.isNumber || "-_=./:,+@%".contains($0) }) && !arg.isEmpty
            ? arg : "'" + arg.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }.joined(separator: " "))
}

/// The longest command a receipt repeats whole: 4096 bytes. A longer one (a hundred reforms with long paths)
/// keeps its first 4096 bytes, its length and its SHA-256, so every reform's receipt stays small.
let receiptCommandBytes = 4096

func boundedCommand(_ command: String) -> String {
    let bytes = Array(command.utf8)
    guard bytes.count > receiptCommandBytes else { return command }
    var head = Array(bytes.prefix(receiptCommandBytes))
    while let last = head.last, last & 0xC0 == 0x80 { head.removeLast() }   // not inside a character
    if let last = head.last, last >= 0xC0 { head.removeLast() }
    return String(decoding: head, as: UTF8.self) + " … (command of \(bytes.count) bytes, SHA-256 \(Hashing.sha256(bytes)))"
}

/// The most `--reform` flags one simulation takes.
let maximumReforms = 100

/// Loads every reform, reporting all errors of all files together (exit status 2) before any work.
func loadReforms(_ paths: [String], base: ParameterSet) throws -> [Reform] {
    var reforms: [Reform] = []
    var failed = false
    for path in paths {
        do { reforms.append(try ReformLoader.load(path: path, base: base)) } catch let e as ReformLoadError {
            printError("error: \(e)")
            failed = true
        }
    }
    if failed { throw ExitCode(2) }
    return reforms
}

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Policy simulation: a baseline and one or more reforms on the same data; winners and losers, summary, report, sweeps and break-even.",
        discussion: """
        Writes OUT/employers.csv, OUT/summary.json and OUT/report.html (with several --reform: one folder per reform, \
        OUT/NN-name/, plus OUT/summary.json and OUT/report.html comparing them). A reform that changes no per-line rule \
        runs on the aggregates without reading the payroll again; one that changes the register regime or the \
        premium-base cap says so and rereads it.
        """
    )

    @OptionGroup var common: RunOptions

    @Option(name: .customLong("reform"), help: ArgumentHelp("A reform file {\"name\",\"description\",\"parameters\",\"options\"}. Repeatable: each reform against the same baseline.", valueName: "FILE"))
    var reforms: [String] = []

    @Option(name: .customLong("out"), help: "Output folder (created if needed).")
    var output: String

    @Option(name: .customLong("store"), help: "Simulate on a stored run's aggregates instead of reading CSV files (needs --run; the run's own flags apply to baseline and reform). With --in as well, a reform that changes a per-line rule rereads those files.")
    var store: String?

    @Option(name: .customLong("run"), help: "The stored run to simulate on (with --store; see `runs`).")
    var storedRun: Int64?

    @Option(help: ArgumentHelp("Run the reform over a grid of one parameter, on the aggregates: a quota parameter id, surcharge_percent or quota_percent.SECTOR. Writes OUT/sweep.csv.", valueName: "PARAM=FROM:TO:STEP"))
    var sweep: String?

    @Option(help: ArgumentHelp("Find the value of PARAM in [LOW, HIGH] at which --target is reached (exact bisection, no floating point). Writes OUT/solve.json.", valueName: "PARAM=LOW:HIGH"))
    var solve: String?

    @Option(help: ArgumentHelp("The goal of --solve: a total (difference, levy, surcharge, lkv, bonus, transfers, net) and an amount in euros. difference=0 means the reform costs the treasury nothing against the baseline.", valueName: "TOTAL=EUROS"))
    var target: String = "difference=0"

    func validate() throws {
        if reforms.isEmpty && sweep == nil && solve == nil {
            throw ValidationError("give at least one --reform FILE (or --sweep / --solve on the baseline)")
        }
        if reforms.count > maximumReforms {
            throw ValidationError("at most \(maximumReforms) --reform flags, not \(reforms.count); run them in several simulations")
        }
        if (sweep != nil || solve != nil) && reforms.count > 1 {
            throw ValidationError("--sweep and --solve take at most one --reform")
        }
        if store != nil {
            guard storedRun != nil else { throw ValidationError("--store needs --run RUN (see `banenafspraak runs --store STORE`)") }
            if !common.quotaPercent.isEmpty || common.surchargePercent != nil || common.params != nil || common.regimeRegister != .current {
                throw ValidationError("with --store the stored run's own flags and parameters apply to baseline and reform; express changes in the reform file")
            }
        }
    }

    func run() throws {
        let started = DispatchTime.now().uptimeNanoseconds
        func ms() -> UInt64 { (DispatchTime.now().uptimeNanoseconds - started) / 1_000_000 }
        let baseline: SimulationBaseline
        let reformList: [Reform]
        let sweepTarget: SweepTarget?, sweepGrid: SweepGrid?
        let solveSpec: (SweepTarget, Int64, Int64)?
        if let store, let storedRun {
            let s = try openStore(store, create: false)
            // Check the reforms against the run's parameters before any aggregate is read.
            var parameters = try withStore { try s.parameters(run: storedRun).set }
            for (id, p) in try ParameterFiles.loadDefault().parameters where parameters.parameters[id] == nil { parameters.insert(p) }
            reformList = try loadReforms(reforms, base: parameters)
            (sweepTarget, sweepGrid) = try parseSweep(parameters: parameters)
            solveSpec = try parseSolve(parameters: parameters)
            baseline = try withStore { try SimulationBaseline.fromStore(s, run: storedRun, inputDirectory: common.input) }
        } else {
            var options = try common.quotaOptions(output: nil)
            reformList = try loadReforms(reforms, base: options.parameters)
            (sweepTarget, sweepGrid) = try parseSweep(parameters: options.parameters)
            solveSpec = try parseSolve(parameters: options.parameters)
            let progress = ProgressReporter(label: "payroll.csv")
            options.progress = { done, total, lines in progress.update(done: done, total: total, lines: lines) }
            do {
                (baseline, _) = try SimulationBaseline.fromCSV(options)
                progress.finish()
            } catch let e as IngestFileError { progress.finish(); printError("error: \(e)"); throw ExitCode(1) }
            catch let e as QuotaRunError { progress.finish(); printError("error: \(e)"); throw ExitCode(1) }
        }
        printError("baseline aggregates ready after \(ms()) ms (\(baseline.aggregates.employerCount) employers)")
        let simulator: Simulator
        do { simulator = try Simulator(baseline) } catch { printError("error: \(error)"); throw ExitCode(1) }
        let command = exactCommand()
        // All or nothing, as `quota`: everything goes into a staging folder that takes the place of --out at the end.
        let folder = try RunSafety.openOutput(output, outputs: OutputFolder.simulationOutputs, subfolders: true)
        try RunSafety.fill(folder) { staging in
            let out = URL(fileURLWithPath: staging)
            /// Where a file of the staging folder will be once the run is committed.
            func shown(_ url: URL) -> String { folder.target + String(url.path.dropFirst(staging.count)) }

            var outcomes: [(ReformOutcome, String)] = []
            for (k, reform) in reformList.enumerated() {
                let dir = reformList.count == 1 ? out : out.appendingPathComponent(folderName(k, reform.name))
                let outcome: ReformOutcome
                do {
                    let changes = try simulator.perLineChanges(reform)
                    if !changes.isEmpty {
                        printError("reform \"\(reform.name)\" changes a per-line rule (\(changes.map { String($0.prefix { $0 != ":" }) }.joined(separator: "; "))): reading the payroll again")
                    } else {
                        printError("reform \"\(reform.name)\": on the aggregates, no payroll read")
                    }
                    outcome = try simulator.run(reform)
                } catch let e as SimulationError { printError("error: \(e)"); throw ExitCode(1) }
                catch let e as QuotaRunError { printError("error: \(e)"); throw ExitCode(1) }
                for w in outcome.warnings { printError("warning: reform \"\(reform.name)\": \(w.message)") }
                for v in reform.valuesWithoutSource { printError("note: reform \"\(reform.name)\": \(v.path) has no source (bron ontbreekt)") }
                printError("reform \"\(reform.name)\" computed after \(ms()) ms")
                try SimulationOutputs.write(outcome, simulator: simulator, command: command, to: dir.path)
                printError("reform \"\(reform.name)\" written after \(ms()) ms")
                let g = SimulationOutputs.gainLoss(outcome).all
                print("\(reform.name): difference \(outcome.totalDifference), gain \(g.gain), lose \(g.lose), equal \(g.equal)\(outcome.rescanned ? " (payroll read again)" : "") -> \(shown(dir))")
                outcomes.append((outcome, dir.lastPathComponent))
            }
            if outcomes.count > 1 { try SimulationComparison.write(outcomes, simulator: simulator, command: command, to: out.path) }

            if let target = sweepTarget, let grid = sweepGrid {
                let reform = reformList.first ?? .empty()
                let points: [SweepPoint]
                do { points = try simulator.sweep(reform, target: target, grid: grid) } catch { printError("error: \(error)"); throw ExitCode(1) }
                try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
                let csv = SimulationComparison.sweepCSV(points, target: target)
                try csv.write(to: out.appendingPathComponent("sweep.csv"), atomically: true, encoding: .utf8)
                print(csv, terminator: "")
            }
            if let (target, low, high) = solveSpec {
                let reform = reformList.first ?? .empty()
                let (metric, goal) = try parseTarget()
                let found: BreakEven
                do { found = try simulator.solve(reform, target: target, low: low, high: high, metric: metric, goal: goal) } catch {
                    printError("error: \(error)"); throw ExitCode(1)
                }
                try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
                let json = SimulationComparison.solveJSON(found, reform: reform, command: command)
                try json.rendered().write(to: out.appendingPathComponent("solve.json"), atomically: true, encoding: .utf8)
                let before = found.previous.map { ", at \(target.format($0)) it is \(found.metricAtPrevious!)" } ?? ""
                print("\(target.name) = \(target.format(found.value)): \(metric) is \(found.metricAtValue) (goal \(goal))\(before); \(found.evaluations) evaluations")
            }
        }
    }

    func folderName(_ k: Int, _ name: String) -> String {
        let slug = String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
        return (k + 1 < 10 ? "0" : "") + String(k + 1) + "-" + slug
    }

    func parseSweep(parameters: ParameterSet) throws -> (SweepTarget?, SweepGrid?) {
        guard let sweep else { return (nil, nil) }
        let parts = sweep.split(separator: "=", maxSplits: 1).map(String.init)
        do {
            guard parts.count == 2 else { throw SimulationError("--sweep must be PARAM=FROM:TO:STEP") }
            let target = try SweepTarget(parts[0], parameters: parameters)
            return (target, try SweepGrid(parts[1], target: target))
        } catch { printError("error: --sweep: \(error)"); throw ExitCode(2) }
    }

    func parseSolve(parameters: ParameterSet) throws -> (SweepTarget, Int64, Int64)? {
        guard let solve else { return nil }
        let parts = solve.split(separator: "=", maxSplits: 1).map(String.init)
        do {
            guard parts.count == 2 else { throw SimulationError("--solve must be PARAM=LOW:HIGH") }
            let target = try SweepTarget(parts[0], parameters: parameters)
            let range = parts[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard range.count == 2, let low = target.parse(range[0]), let high = target.parse(range[1]), low < high else {
                throw SimulationError("--solve range must be LOW:HIGH with LOW < HIGH, each with at most \(target.scale) decimals")
            }
            guard high <= target.maximum else {
                throw SimulationError("--solve range: \(target.name) goes up to at most \(target.format(target.maximum))")
            }
            _ = try parseTarget()
            return (target, low, high)
        } catch let e as ExitCode { throw e } catch { printError("error: --solve: \(error)"); throw ExitCode(2) }
    }

    func parseTarget() throws -> (String, Cents) {
        let parts = target.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, Simulator.metrics.contains(parts[0]), let goal = Cents(parts[1]) else {
            printError("error: --target must be TOTAL=EUROS with TOTAL one of \(Simulator.metrics.joined(separator: ", "))")
            throw ExitCode(2)
        }
        return (parts[0], goal)
    }
}
