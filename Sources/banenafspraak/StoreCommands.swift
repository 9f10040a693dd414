#if canImport(Glibc)
import BanenafspraakAssessment
import Glibc
#endif
import ArgumentParser
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakStore
import BanenafspraakStoreOpen
import BanenafspraakStorePostgres
import BanenafspraakStoreSQLite
import Foundation

/// Opens a results store, turning every store problem into a message naming it and exit status 1.
/// `location` is an SQLite file or `postgres://user:password@host:port/database` (``openResultsStore(url:create:)``).
func openStore(_ location: String, create: Bool, connectionWait: Duration = .seconds(10), checkIntegrity: Bool = false) throws -> any ResultsStore {
    do {
        let store = try openResultsStore(url: location, create: create, connectionWait: connectionWait)
        // Before a run is written into it or a server reads it: a damaged SQLite file is refused, naming it.
        if checkIntegrity { try (store as? SQLiteResultsStore)?.checkIntegrity() }
        // Test seam: kill the process inside the write transaction at a chosen stage (a killed run leaves no trace).
        var checkpoint: (@Sendable (String) throws -> Void)?
        if let stage = ProcessInfo.processInfo.environment["BANENAFSPRAAK_TEST_STORE_KILL_AT"] {
            checkpoint = { if $0 == stage { kill(getpid(), SIGKILL) } }
        } else if ProcessInfo.processInfo.environment["BANENAFSPRAAK_STORE_PROFILE"] == "1" {
            // Benchmarks: the time of each stage of the write transaction.
            let last = Clock()
            checkpoint = { stage in printError("store: \(stage) \(last.lap()) ms") }
        }
        if let checkpoint {
            (store as? SQLiteResultsStore)?.writeCheckpoint = checkpoint
            (store as? PostgresResultsStore)?.writeCheckpoint = checkpoint
        }
        return store
    } catch let e as StoreError {
        printError("error: \(e)")
        throw ExitCode(1)
    }
}

/// Runs a store operation, turning a ``StoreError`` into a message and exit status 1.
func withStore<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as StoreError {
        printError("error: \(e)")
        throw ExitCode(1)
    }
}

/// `quota … --store PATH`: opens the store before the run (so a bad store fails fast), and after the run writes it
/// with its receipt in one transaction. The inputs are hashed on a thread of their own beside that write: both
/// back-ends ask for the receipt only after the bulk rows, so the two share the machine's cores.
final class StoreWriting: @unchecked Sendable {
    let store: any ResultsStore
    let options: QuotaOptions
    let flags: [String]
    let createdAt: String

    /// `HOST:PID` of this process, kept with a run until its outputs are in place.
    let writer = "\(StoreWriting.hostName()):\(getpid())"

    /// This machine's name (`gethostname`, no name lookup).
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, 255) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The SQLite store's integrity check (`PRAGMA quick_check`, about 6 s per GB), run on a thread of its own
    /// beside the quota run; ``finish(_:outputDirectory:)`` waits for it before writing.
    private let integrityChecked = DispatchGroup()
    private var integrity: Result<Void, any Error> = .success(())

    init(path: String, options: QuotaOptions) throws {
        store = try openStore(path, create: true)
        self.options = options
        // A `--store postgres://…` password never reaches the receipt.
        flags = CommandLine.arguments.dropFirst().map(redactingStorePassword)
        createdAt = Self.now()
        try settlePendingRuns()
        if let sqlite = store as? SQLiteResultsStore {
            OwnThread.start(in: integrityChecked) { [self] in integrity = Result { try sqlite.checkIntegrity() } }
        }
    }

    /// A run that a killed `quota --store` wrote before its outputs were in place stays hidden; the next writer
    /// says so and removes it, so store and `--out` tell the same story: that run never finished.
    func settlePendingRuns() throws {
        let host = Self.hostName()
        for pending in try withStore({ try store.pendingRuns() }) {
            let parts = pending.writer.split(separator: ":")
            guard parts.count >= 2, parts.dropLast().joined(separator: ":") == host, let pid = Int32(parts.last!) else {
                printError("store: run \(pending.id) of \(pending.createdAt) is waiting for its writer \(pending.writer) to put its outputs in place; it stays hidden until then")
                continue
            }
            if kill(pid, 0) == 0 || errno == EPERM {
                printError("store: run \(pending.id) is being finished by process \(pid); it stays hidden until its outputs are in place")
                continue
            }
            try withStore { try store.removePendingRun(pending.id) }
            printError("store: run \(pending.id) of \(pending.createdAt) was written by process \(pid), which ended before its outputs were in place; it never finished, and is removed from \(store.location)")
        }
    }

    /// Makes the run visible once its outputs are in place, and says so.
    /// Called with the outputs already in place: a failure here is said plainly (and makes the exit status 1),
    /// never reported as "OUT is as it was".
    @discardableResult
    func complete(_ id: RunID) -> Bool {
        do { try store.completeRun(id) } catch {
            printError("error: the outputs are in place, but run \(id) could not be marked complete in \(store.location) (\(error)); it stays hidden, and the next quota --store on this store removes it")
            return false
        }
        print("stored as run \(id) in \(store.location)")
        return true
    }

    /// Writes the run, hidden until ``complete(_:)``; returns its id. While another process writes into the
    /// store, this one waits (saying so), keeping its computed run, instead of giving up.
    func finish(_ result: QuotaResult, outputDirectory: String) throws -> RunID {
        // A damaged store is never written into.
        integrityChecked.wait()
        try withStore { try integrity.get() }
        let started = DispatchTime.now().uptimeNanoseconds
        func ms(_ from: UInt64, _ to: UInt64 = DispatchTime.now().uptimeNanoseconds) -> UInt64 { (to - from) / 1_000_000 }
        let hashing = InputHashing(directory: options.inputDirectory, asRead: result.inputStates)
        let rejected = FileManager.default.contents(atPath: URL(fileURLWithPath: outputDirectory).appendingPathComponent("rejected.csv").path)
        var made: UInt64 = 0
        let id = try withStore {
            let draft = RunReceipt(inputFiles: [], parametersSHA256: ParameterSetText.sha256(options.parameters), flags: flags,
                                   engineVersion: EngineVersion.current, createdAt: createdAt)
            let record = try RunRecord.make(result: result, receipt: draft, parameters: options.parameters,
                                            quotaPercentOverrides: options.quotaPercentOverrides, surchargeOverride: options.surchargeOverride,
                                            rejectedCSV: rejected.map { [UInt8]($0) }, pseudonymizer: try store.pseudonymizer())
            var pending = record
            pending.pendingWriter = writer
            made = DispatchTime.now().uptimeNanoseconds
            while true {
                do {
                    return try store.write(pending) {
                        var receipt = draft
                        receipt.inputFiles = try hashing.digests()
                        return receipt
                    }
                } catch let e as StoreError where e.kind == .locked {
                    printError("store: \(store.location) is being written by another process; waiting for it to finish (this run is kept and written next)")
                }
            }
        }
        printError("store: built the record in \(ms(started, made)) ms, wrote run \(id) in \(ms(made)) ms (of which \(hashing.waitedMilliseconds) ms waiting for the input hashes)")
        // Test seam: killed after the store's commit, before the outputs are in place.
        if ProcessInfo.processInfo.environment["BANENAFSPRAAK_TEST_STORE_KILL_AT"] == "stored" { kill(getpid(), SIGKILL) }
        return id
    }

    /// The report's "voorlopig naast definitief" rows (spec section 13): when this run has a stage and the store
    /// holds a run of the same year and register regime at the other stage (the latest such run), the two side by
    /// side; `nil` otherwise.
    func stageComparison(for result: QuotaResult) -> [(label: String, a: String, b: String)]? {
        guard let stage = result.calendar?.stage else { return nil }
        let other: CalendarStage = stage == .voorlopig ? .definitief : .voorlopig
        guard let runs = try? withStore({ try store.runs() }),
              let run = runs.last(where: { $0.year == result.year && $0.regime == result.regime && $0.stage == other.rawValue }),
              let stored = try? withStore({ try store.employers(run: run.id) }),
              let national = try? withStore({ try store.national(run: run.id) }) else { return nil }
        let mine = Dictionary(uniqueKeysWithValues: (0..<result.figures.count).map { (result.employers.ids.string(Int32($0)), result.figures[$0]) })
        let changed = stored.filter { mine[$0.id] != $0.figures }.count + max(0, mine.count - stored.count)
        func sum(_ figures: [EmployerFigures], _ k: KeyPath<EmployerFigures, Cents>) -> String { DutchNumber.euro(figures.reduce(Cents.zero) { $0 + $1[keyPath: k] }) }
        func hours(_ figures: [EmployerFigures]) -> String { DutchNumber.format(figures.reduce(CentiHours.zero) { $0 + $1.hoursTotal }.description) }
        let theirs = stored.map(\.figures)
        let p = result.counts[.payroll] ?? RowCounts(), q = run.counts[.payroll] ?? RowCounts()
        var rows: [(String, String, String)] = [
            ("run", "run \(run.id) (peildatum \(run.asOf ?? "-"))", "deze berekening (peildatum \(result.calendar?.asOf?.description ?? "-"))"),
            ("verloonde uren (alle werkgevers)", hours(theirs), hours(result.figures)),
            ("quotumheffing", sum(theirs, \.levy), sum(result.figures, \.levy)),
            ("opslag", sum(theirs, \.surcharge), sum(result.figures, \.surcharge)),
            ("quotumpercentage markt", DutchNumber.percent(national.quotaPercent[.markt] ?? .zero), DutchNumber.percent(result.percentages.percent[.markt]!)),
            ("quotumpercentage overheid", DutchNumber.percent(national.quotaPercent[.overheid] ?? .zero), DutchNumber.percent(result.percentages.percent[.overheid]!)),
            ("loonaangifteregels geteld", DutchNumber.count(q.accepted), DutchNumber.count(p.accepted)),
            ("na de peildatum", DutchNumber.count(q.afterCutoff), DutchNumber.count(p.afterCutoff)),
            ("vervangen door correctie", DutchNumber.count(q.superseded), DutchNumber.count(p.superseded)),
            ("werkgevers met andere cijfers", "–", DutchNumber.count(changed)),
        ]
        if stage == .voorlopig { rows = rows.map { ($0.0, $0.2, $0.1) } }
        return rows.map { (label: $0.0, a: $0.1, b: $0.2) }
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date())
    }
}

/// The SHA-256 of each input file present, computed on a thread of its own from creation on.
final class InputHashing: @unchecked Sendable {
    private let done = DispatchGroup()
    private var result: Result<[InputFileDigest], any Error> = .success([])
    /// How long ``digests()`` waited for the thread (for the closing line on stderr).
    private(set) var waitedMilliseconds: UInt64 = 0

    /// `asRead`: each file as the run read it; a file hashed in another state (grown, replaced) is an error.
    init(directory: String, asRead: [InputFile: InputFileState] = [:]) {
        let dir = URL(fileURLWithPath: directory)
        OwnThread.start(in: done) { [self] in
            result = Result {
                try InputFile.allCases.compactMap { file -> InputFileDigest? in
                    let path = dir.appendingPathComponent(file.rawValue).path
                    guard FileManager.default.fileExists(atPath: path) else { return nil }
                    let d = try Digest.sha256(file: path)
                    if let state = asRead[file] {
                        try state.checkUnchanged(path: path, when: "between the run and the hashing of its receipt")
                        guard d.bytes == state.size else {
                            throw IngestFileError(file: path, message: "the file changed between the run and the hashing of its receipt (\(state.size) bytes read, \(d.bytes) hashed); the run is refused: run it again on files that are not being written")
                        }
                    }
                    return InputFileDigest(name: file.rawValue, sha256: d.sha256, bytes: d.bytes)
                }
            }
        }
    }

    /// Waits for the hashes.
    func digests() throws -> [InputFileDigest] {
        let asked = DispatchTime.now().uptimeNanoseconds
        done.wait()
        waitedMilliseconds = (DispatchTime.now().uptimeNanoseconds - asked) / 1_000_000
        return try result.get()
    }
}

enum ListFormat: String, ExpressibleByArgument { case text, json }

struct Runs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the runs in a results store: id, year, time, receipt summary and row counts."
    )

    @Option(name: .customLong("store"), help: "The results store: an SQLite file or postgres://user:password@host:port/database.")
    var store: String

    @Option(help: "text (one line per run, beginning with the run id) or json (an array of runs).")
    var format: ListFormat = .text

    func run() throws {
        let s = try openStore(store, create: false)
        let runs = try withStore { try s.runs() }
        switch format {
        case .json:
            print(JSONValue.array(runs.map(Self.json)).rendered(), terminator: "")
        case .text:
            for r in runs {
                let p = r.counts[.payroll] ?? RowCounts()
                let inputs = r.receipt.inputFiles.map { "\($0.name)=\($0.sha256.prefix(12))" }.joined(separator: " ")
                // The legal calendar (spec section 13), only for a run seen at a date.
                let calendar = r.asOf == nil && r.stage == nil ? "" : "\tas_of \(r.asOf ?? "-") stage \(r.stage ?? "-")"
                print("\(r.id)\t\(r.year)\t\(r.createdAt)\t\(r.regime.rawValue)\temployers \(r.employers)\tpayroll read \(p.read) accepted \(p.accepted) rejected \(p.rejected) outside_year \(p.outsideYear)\tparameters \(r.receipt.parametersSHA256.prefix(12))\t\(inputs)\(calendar)")
            }
            if runs.isEmpty { printError("no runs in \(s.location)") }
        }
    }

    /// The run as the server lists it, plus its row counts.
    static func json(_ r: RunSummary) -> JSONValue {
        guard case .object(var fields) = r.json else { return r.json }
        if r.asOf != nil || r.stage != nil {
            fields.append(("as_of", r.asOf.map { .string($0) } ?? .null))
            fields.append(("stage", r.stage.map { .string($0) } ?? .null))
        }
        fields.append(("rows", .object(r.counts.sorted { $0.key.key < $1.key.key }.map { file, c in
            var pairs: [(String, JSONValue)] = [("read", .integer(Int64(c.read))), ("accepted", .integer(Int64(c.accepted))),
                                                ("rejected", .integer(Int64(c.rejected)))]
            if file == .payroll { pairs.append(("outside_year", .integer(Int64(c.outsideYear)))) }
            return (file.key, .object(pairs))
        })))
        return .object(fields)
    }
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the employers whose figures differ between two stored runs, column by column.",
        discussion: "A late correction is a new run; the diff shows whom it touched and by how much."
    )

    @Option(name: .customLong("store"), help: "The results store: an SQLite file or postgres://user:password@host:port/database.")
    var store: String

    @Argument(help: "The earlier run's id.")
    var runA: Int64

    @Argument(help: "The later run's id.")
    var runB: Int64

    @Option(help: "text (one line per employer) or json.")
    var format: ListFormat = .text

    @Flag(help: "Also name, per changed employer, the rows received between the two runs' cut-offs that touch it (spec section 13); needs --in.")
    var causes = false

    @Option(name: .customLong("in"), help: "With --causes: the input folder both runs were computed from.")
    var input: String?

    func run() throws {
        let s = try openStore(store, create: false)
        let d = try withStore { try RunDiff.compute(store: s, runA: runA, runB: runB) }
        if causes {
            guard let input else { throw ValidationError("--causes needs --in DIR, the input folder of both runs") }
            let (a, b) = try withStore { (try s.run(runA), try s.run(runB)) }
            try printCauses(d, a: a, b: b, input: input)
            return
        }
        switch format {
        case .json:
            print(JSONValue.object([
                ("run_a", .integer(runA)), ("run_b", .integer(runB)), ("employers_compared", .integer(Int64(d.compared))),
                ("employers", .array(d.employers.map { e in
                    .object([("employer_id", .string(e.employerId)), ("change", .string(e.kind.rawValue)),
                             ("columns", .array(e.changes.map { .object([("column", .string($0.column)), ("run_a", .string($0.before)), ("run_b", .string($0.after))]) }))])
                })),
            ]).rendered(), terminator: "")
        case .text:
            for e in d.employers {
                let columns = e.changes.map { "\($0.column) \($0.before.isEmpty ? "-" : $0.before) -> \($0.after.isEmpty ? "-" : $0.after)" }
                print("\(e.employerId)\t\(e.kind.rawValue)\t\(columns.joined(separator: "; "))")
            }
            printError("\(d.employers.count) of \(d.compared) employers differ between run \(runA) and run \(runB)")
        }
    }
}

extension Diff {
    /// `diff --causes`: each changed employer with its changed columns and the rows received between the two
    /// runs' cut-offs that touch it (spec section 13).
    func printCauses(_ d: RunDiff, a: RunSummary, b: RunSummary, input: String) throws {
        guard a.year == b.year else { throw ValidationError("runs \(runA) and \(runB) are of different years (\(a.year), \(b.year))") }
        func key(_ s: RunSummary) throws -> Int32 {
            guard let text = s.asOf else { return ReceivedDate.noCutoff }
            guard let date = LocalDate(text) else { throw ValidationError("run \(s.id) has an unreadable as_of \(text)") }
            return ReceivedDate.key(date)
        }
        let (ka, kb) = (try key(a), try key(b))
        let changed = d.employers.filter { $0.kind == .changed }
        let found: [String: [DiffCauses.Cause]]
        do {
            found = try DiffCauses.find(inputDirectory: input, year: a.year, lo: min(ka, kb), hi: max(ka, kb), changed: Set(changed.map(\.employerId)))
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        func hours(_ h: CentiHours?) -> JSONValue { h.map { .string($0.description) } ?? .null }
        switch format {
        case .json:
            print(JSONValue.object([
                ("run_a", .integer(runA)), ("run_b", .integer(runB)),
                ("as_of_a", a.asOf.map { .string($0) } ?? .null), ("as_of_b", b.asOf.map { .string($0) } ?? .null),
                ("employers", .array(changed.map { e in
                    .object([
                        ("employer_id", .string(e.employerId)),
                        ("changed", .object(e.changes.map { ($0.column, .object([("a", .string($0.before)), ("b", .string($0.after))])) })),
                        ("causes", .array((found[e.employerId] ?? []).map { c in
                            .object([("file", .string(c.file)), ("line", .integer(Int64(c.line))), ("received", .string(c.received)),
                                     ("kind", .string(c.kind)), ("employer_id", .string(c.employerId)), ("person_id", .string(c.personId)),
                                     ("period", c.period.map { .string($0) } ?? .null),
                                     ("hours_before", hours(c.hoursBefore)), ("hours_after", hours(c.hoursAfter))])
                        })),
                    ])
                })),
            ]).rendered(), terminator: "")
        case .text:
            for e in changed {
                print("\(e.employerId)\t\(e.changes.map { "\($0.column) \($0.before) -> \($0.after)" }.joined(separator: "; "))")
                for c in found[e.employerId] ?? [] {
                    let before = c.hoursBefore.map { "\($0) -> " } ?? ""
                    print("  \(c.file):\(c.line)\treceived \(c.received)\t\(c.kind)\t\(c.personId) \(c.period ?? "")\t\(before)\(c.hoursAfter.map { $0.description } ?? "") hours")
                }
            }
            let explained = changed.filter { !(found[$0.employerId] ?? []).isEmpty }.count
            printError("\(changed.count) of \(d.compared) employers changed between run \(runA) (as of \(a.asOf ?? "every row")) and run \(runB) (as of \(b.asOf ?? "every row")); \(explained) with rows received between them")
        }
    }
}

/// Milliseconds since the previous lap (for `BANENAFSPRAAK_STORE_PROFILE`).
final class Clock: @unchecked Sendable {
    private var last = DispatchTime.now().uptimeNanoseconds
    func lap() -> UInt64 {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return (now - last) / 1_000_000
    }
}
