import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakStore
import Foundation
import Logging
import PostgresNIO

/// The results store on a PostgreSQL server (results store: docs/contracts-internal.md), for a deployment where analysts write runs while a server
/// reads them. Same protocol, schema versions and answers as the SQLite store.
///
/// - Connections come from a bounded pool (`PostgresClient`, at most `maximumConnections`).
/// - A run is written in one transaction (bulk tables by `COPY … FROM STDIN`), so a reader sees the old runs or
///   the new one, never part of one.
/// - A lost connection or a restarted server fails that request with a clear ``StoreError``; the pool opens
///   new connections for the next ones, so the store recovers without a restart.
/// - The synchronous API runs every async step on a thread this store owns (``StoreThreadExecutor``).
public final class PostgresResultsStore: ResultsStore, @unchecked Sendable {
    /// `postgres://user@host:port/database`, never the password.
    public let location: String
    public let url: PostgresURL
    private let client: PostgresClient
    private let executor: StoreThreadExecutor
    private let runTask: Task<Void, Never>
    private let secret: [UInt8]
    /// Whether `employers.subsector` (schema v8) is there: always, but in a store opened with `schemaUpTo` an
    /// older version (tests of older stores), which is written and read as that version wrote it.
    private let hasSubsector: Bool
    private let connectionWait: Duration
    let logger: Logger

    /// Test seam: called inside the write transaction after each stage (`run`, `employers`, `persons`,
    /// `target_group_hours`, `lines`, `rejections`); a throw rolls the run back.
    public var writeCheckpoint: (@Sendable (String) throws -> Void)? {
        get { checkpointLock.withLock { checkpoint } }
        set { checkpointLock.withLock { checkpoint = newValue } }
    }
    private let checkpointLock = NSLock()
    private var checkpoint: (@Sendable (String) throws -> Void)?

    /// The schema versions this build knows, oldest first (the same as the SQLite store's).
    public static let schemaVersions = PostgresSchema.versions

    /// Opens the store in the database named by `url` (`postgres://user:password@host:port/database`), creating its
    /// tables when `create` and the database is empty, and migrating an older schema. `maximumConnections` bounds
    /// the pool; `connectionWait` is how long a request waits for a connection before it fails.
    public init(url text: String, create: Bool = true, maximumConnections: Int = 8,
                connectionWait: Duration = .seconds(10), schemaUpTo: String? = nil) throws {
        let url = try PostgresURL(parsing: text)
        self.url = url
        location = url.location
        hasSubsector = schemaUpTo.map { (PostgresSchema.versions.firstIndex(of: $0) ?? 0) >= PostgresSchema.versions.firstIndex(of: "v8")! } ?? true
        self.connectionWait = connectionWait
        var logger = Logger(label: "banenafspraak.store.postgres")
        logger.logLevel = .error
        self.logger = logger

        let tls: PostgresClient.Configuration.TLS
        let connectionTLS: PostgresConnection.Configuration.TLS
        do {
            switch url.sslMode {
            case "require":
                tls = .require(.makeClientConfiguration())
                connectionTLS = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case "prefer":
                tls = .prefer(.makeClientConfiguration())
                connectionTLS = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default:
                tls = .disable
                connectionTLS = .disable
            }
        } catch {
            throw StoreError(.io, "cannot set up TLS for the PostgreSQL store \(url.location): \(error)")
        }
        var config = PostgresClient.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                  database: url.database, tls: tls)
        config.options.maximumConnections = max(1, maximumConnections)
        config.options.connectTimeout = .seconds(5)
        let client = PostgresClient(configuration: config, backgroundLogger: Logger(label: "banenafspraak.store.postgres.pool", factory: { _ in SwiftLogNoOpLogHandler() }))
        self.client = client
        let executor = StoreThreadExecutor(name: "banenafspraak-postgres")
        self.executor = executor
        let runTask = Task(executorPreference: executor) {
            await client.run()
            executor.stop()
        }
        self.runTask = runTask

        // Open and migrate on one direct connection: its errors (refused, wrong password, no such database) are
        // precise, where the pool would retry quietly until the wait ends.
        var direct = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                      database: url.database, tls: connectionTLS)
        direct.options.connectTimeout = .seconds(5)
        let directConfiguration = direct
        let location = url.location
        do {
            let openLogger = logger
            secret = try executor.runBlocking {
                let logger = openLogger
                let connection = try await PostgresConnection.connect(configuration: directConfiguration, id: 0, logger: logger)
                do {
                    let secret = try await Self.migrate(connection, create: create, schemaUpTo: schemaUpTo, location: location, logger: logger)
                    try? await connection.close()
                    return secret
                } catch {
                    try? await connection.close()
                    throw error
                }
            }
        } catch {
            runTask.cancel()
            throw Self.translate((error as? PostgresTransactionError).flatMap { $0.closureError ?? $0.beginError ?? $0.commitError } ?? error,
                                 url: url, doing: "open", wait: connectionWait)
        }
    }

    deinit {
        runTask.cancel()
    }

    /// Closes the pool's connections. The store cannot be used afterwards.
    public func close() {
        runTask.cancel()
    }

    /// The schema versions applied to this store.
    public func appliedSchemaVersions() throws -> [String] {
        try rows("SELECT identifier FROM schema_migrations ORDER BY identifier") { try $0[0].decode(String.self) }
    }

    /// The size of the database in bytes (`pg_database_size`), for the benchmarks.
    public func databaseSize() throws -> Int64 {
        try rows("SELECT pg_database_size(current_database())") { try $0[0].decode(Int64.self) }.first ?? 0
    }

    public func pseudonymizer() throws -> Pseudonymizer { Pseudonymizer(secret: secret) }

    // MARK: Schema

    private static let advisoryLock: Int64 = 0x6261_6E65_6E61_6670 // "banenafp"

    private static func migrate(_ connection: PostgresConnection, create: Bool, schemaUpTo: String?, location: String,
                                logger: Logger) async throws -> [UInt8] {
        try await connection.withTransaction(logger: logger) { c in
            try await c.query("SELECT pg_advisory_xact_lock(\(advisoryLock))", logger: logger)
            var tables: Set<String> = []
            for try await name in try await c.query(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()", logger: logger
            ).decode(String.self) { tables.insert(name) }
            if tables.isEmpty {
                guard create else { throw StoreError(.notAStore, "there is no results store in \(location) (the database is empty)") }
                try await c.query("CREATE TABLE schema_migrations (identifier TEXT PRIMARY KEY)", logger: logger)
            } else {
                guard tables.contains("store_meta"), tables.contains("schema_migrations") else {
                    throw StoreError(.notAStore, "\(location) is a PostgreSQL database but not a banenafspraak results store")
                }
                var format: String?
                for try await v in try await c.query("SELECT value FROM store_meta WHERE key = 'format'", logger: logger).decode(String.self) { format = v }
                guard format == PostgresSchema.format else {
                    throw StoreError(.notAStore, "\(location) is a PostgreSQL database but not a banenafspraak results store")
                }
            }
            var applied: [String] = []
            for try await v in try await c.query("SELECT identifier FROM schema_migrations ORDER BY identifier", logger: logger).decode(String.self) {
                applied.append(v)
            }
            if applied.contains(where: { !PostgresSchema.versions.contains($0) }) {
                throw StoreError(.newerSchema, "\(location) was written by a newer version of banenafspraak (schema \(applied.joined(separator: ", "))); this version knows schema \(PostgresSchema.versions.joined(separator: ", ")) and cannot open it")
            }
            var wanted = PostgresSchema.versions
            if let schemaUpTo, let end = wanted.firstIndex(of: schemaUpTo) { wanted = Array(wanted[...end]) }
            for version in wanted where !applied.contains(version) {
                for statement in PostgresSchema.statements(version) {
                    try await c.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                if version == "v1" {
                    let hex = PostgresSchema.hex(Pseudonymizer.newSecret())
                    try await c.query("INSERT INTO store_meta (key, value) VALUES ('format', \(PostgresSchema.format)), ('pseudonym_secret', \(hex))", logger: logger)
                }
                try await c.query("INSERT INTO schema_migrations (identifier) VALUES (\(version))", logger: logger)
            }
            var hex: String?
            for try await v in try await c.query("SELECT value FROM store_meta WHERE key = 'pseudonym_secret'", logger: logger).decode(String.self) { hex = v }
            guard let hex, let bytes = Hex.decode(hex), bytes.count == 32 else {
                throw StoreError(.notAStore, "\(location) is a results store without a valid pseudonym key")
            }
            return bytes
        }
    }

    // MARK: Writing

    public func write(_ run: RunRecord) throws -> RunID {
        try write(run, receipt: { run.receipt })
    }

    /// The `runs` row goes in first (the foreign keys need it), with the receipt `run` holds; the receipt that
    /// `receipt` gives replaces it after the bulk rows, in the same transaction, so the inputs are hashed beside the write.
    public func write(_ run: RunRecord, receipt: @escaping @Sendable () throws -> RunReceipt) throws -> RunID {
        let checkpoint = writeCheckpoint ?? { _ in }
        let logger = logger, hasSubsector = hasSubsector
        return try perform(doing: "write the run into") { connection in
            try await connection.withTransaction(logger: logger) { c in
                // Writers take turns (readers are not blocked), so run ids are 1, 2, … in order of writing.
                try await c.query("LOCK TABLE runs IN EXCLUSIVE MODE", logger: logger)
                var id: RunID = 1
                for try await v in try await c.query("SELECT COALESCE(MAX(id), 0) + 1 FROM runs", logger: logger).decode(Int64.self) { id = v }
                try await Self.insertRun(run, id: id, c, logger)
                if let writer = run.pendingWriter {
                    try await c.query("UPDATE runs SET pending_writer = \(writer) WHERE id = \(id)", logger: logger)
                }
                try checkpoint("run")
                try await Self.copy(c, "employers", logger, run.employers.count) { out, i in
                    let e = run.employers[i], f = e.figures
                    out.int(id); out.tab(); out.int(Int64(e.index)); out.tab(); out.text(e.id); out.tab(); out.text(e.name); out.tab()
                    out.text(e.sector.rawValue); out.tab(); out.int(Int64(e.region)); out.tab(); out.bool(e.staffingAgency); out.tab()
                    out.int(e.priorYearHours?.rawValue)
                    for v in [f.hoursTotal.rawValue, f.hoursA.rawValue, f.hoursC.rawValue, f.premiumBase.rawValue] { out.tab(); out.int(v) }
                    out.tab(); out.bool(f.liable)
                    for v in [f.requiredHours.rawValue, f.shortfallTenths, f.levy.rawValue, f.surcharge.rawValue, f.lkv.rawValue,
                              f.bonus.rawValue, f.transfersOut.rawValue, f.transfersIn.rawValue, f.net.rawValue,
                              Int64(e.lineCounts.a), Int64(e.lineCounts.premiumBase), Int64(e.lineCounts.capped)] {
                        out.tab(); out.int(v)
                    }
                    if hasSubsector { out.tab(); out.text(e.subsector?.rawValue) }
                    out.endRow()
                }
                try await Self.copy(c, "collaborations", logger, run.collaborations.count) { out, i in
                    let co = run.collaborations[i]
                    for (n, v) in [id, Int64(i), Int64(co.from), Int64(co.to), Int64(co.year), co.percent.rawValue, Int64(co.line)].enumerated() {
                        if n > 0 { out.tab() }
                        out.int(v)
                    }
                    out.endRow()
                }
                try checkpoint("employers")
                try await Self.copy(c, "persons", logger, run.persons.count) { out, i in
                    out.int(id); out.tab(); out.int(Int64(i)); out.tab(); out.text(run.persons[i]); out.tab()
                    out.text(i < run.personRoutes.count ? run.personRoutes[i].map(\.rawValue).joined(separator: ",") : "")
                    out.endRow()
                }
                try checkpoint("persons")
                try await Self.copy(c, "target_group_hours", logger, run.targetGroupHours.count) { out, i in
                    let p = run.targetGroupHours[i]
                    out.int(id); out.tab(); out.int(Int64(p.employer)); out.tab(); out.int(Int64(p.person)); out.tab(); out.int(p.hours.rawValue)
                    out.endRow()
                }
                try checkpoint("target_group_hours")
                try await Self.copy(c, "target_group_lines", logger, run.lines.count) { out, i in
                    let l = run.lines[i]
                    out.int(id); out.tab(); out.int(Int64(i)); out.tab(); out.int(Int64(l.employer)); out.tab()
                    out.int(l.hirer >= 0 ? Int64(l.hirer) : nil)
                    for v in [Int64(l.person), Int64(l.period.year * 100 + l.period.month), l.hours.rawValue, l.wage.rawValue,
                              Int64(l.scheme.rawValue), Int64(l.line)] {
                        out.tab(); out.int(v)
                    }
                    out.endRow()
                }
                try checkpoint("lines")
                try await Self.copy(c, "calendar_lines", logger, run.calendarLines.count) { out, i in
                    let l = run.calendarLines[i]
                    out.int(id); out.tab(); out.int(Int64(i)); out.tab(); out.text(l.kind.rawValue); out.tab(); out.int(Int64(l.employer)); out.tab()
                    out.int(l.hirer >= 0 ? Int64(l.hirer) : nil); out.tab(); out.int(Int64(l.person)); out.tab()
                    out.int(Int64(l.period.year * 100 + l.period.month)); out.tab(); out.text(ReceivedDate.text(l.received)); out.tab()
                    out.int(l.hoursBefore?.rawValue); out.tab(); out.int(l.hours.rawValue); out.tab(); out.int(Int64(l.line)); out.tab()
                    out.int(l.replacedLine.map { Int64($0) })
                    out.endRow()
                }
                try checkpoint("calendar_lines")
                try await Self.insertRejections(run, id: id, c, logger)
                try checkpoint("rejections")
                let final = try receipt()
                if final != run.receipt {
                    let json = String(decoding: try JSONEncoder.sortedKeys.encode(final), as: UTF8.self)
                    try await c.query("UPDATE runs SET receipt_json = \(json) WHERE id = \(id)", logger: logger)
                }
                try checkpoint("receipt")
                return id
            }
        }
    }

    /// Streams `count` rows into `table` with `COPY … FROM STDIN`, about 1 MiB per message.
    private static func copy(_ c: PostgresConnection, _ table: String, _ logger: Logger, _ count: Int,
                             _ row: (inout CopyText, Int) -> Void) async throws {
        guard count > 0 else { return }
        try await c.copyFrom(table: table, logger: logger) { writer in
            var out = CopyText(reserving: 1 << 20 + 4096)
            for i in 0..<count {
                row(&out, i)
                if out.bytes.count >= 1 << 20 {
                    try await writer.write(ByteBuffer(bytes: out.bytes))
                    out.bytes.removeAll(keepingCapacity: true)
                }
            }
            if !out.bytes.isEmpty { try await writer.write(ByteBuffer(bytes: out.bytes)) }
        }
    }

    private static func insertRun(_ run: RunRecord, id: RunID, _ c: PostgresConnection, _ logger: Logger) async throws {
        let n = run.national
        let receipt = String(decoding: try JSONEncoder.sortedKeys.encode(run.receipt), as: UTF8.self)
        func p(_ key: Quotum) -> String { n.quotaPercentProvenance[key]?.rawValue ?? "computed" }
        func v(_ x: Int64?) -> Int64 { x ?? 0 }
        let q: PostgresQuery = """
            INSERT INTO runs (id, year, regime, created_at, engine_version, receipt_json, employers,
                quota_percent_markt, quota_percent_overheid, quota_percent_total, provenance_markt, provenance_overheid, provenance_total,
                sum_a_markt, sum_a_overheid, sum_a_total, surcharge_percent, surcharge_provenance, sum_premium_base,
                hours_december_markt, hours_december_overheid, override_markt, override_overheid, override_total, override_surcharge,
                parameters_text, national_json)
            VALUES (\(id), \(Int64(run.year)), \(run.regime.rawValue), \(run.receipt.createdAt), \(run.receipt.engineVersion), \(receipt),
                \(Int64(run.employers.count)),
                \(v(n.quotaPercent[.markt]?.rawValue)), \(v(n.quotaPercent[.overheid]?.rawValue)), \(v(n.quotaPercent[.combined]?.rawValue)),
                \(p(.markt)), \(p(.overheid)), \(p(.combined)),
                \(v(n.sumA[.markt]?.rawValue)), \(v(n.sumA[.overheid]?.rawValue)), \(v(n.sumA[.combined]?.rawValue)),
                \(n.surchargePercent.rawValue), \(n.surchargeProvenance.rawValue), \(n.sumPremiumBase.rawValue),
                \(n.hoursDecember[.markt]?.rawValue ?? 0), \(n.hoursDecember[.overheid]?.rawValue ?? 0),
                \(n.quotaPercentOverrides[.markt]?.rawValue), \(n.quotaPercentOverrides[.overheid]?.rawValue),
                \(n.quotaPercentOverrides[.combined]?.rawValue), \(n.surchargeOverride?.rawValue),
                \(n.parametersText), \(n.nationalJSON))
            """
        try await c.query(q, logger: logger)
        // The legal calendar's columns (schema v5) only for a run that has one: every other run is written as before.
        if let calendar = run.calendar {
            try await c.query("UPDATE runs SET as_of = \(calendar.asOf?.description), stage = \(calendar.stage?.rawValue) WHERE id = \(id)", logger: logger)
        }
        let counts = run.counts.sorted(by: { $0.key.key < $1.key.key })
        if !counts.isEmpty && run.calendar == nil {
            try await c.query("""
                INSERT INTO run_row_counts (run_id, file, read, accepted, rejected, outside_year)
                SELECT \(id), * FROM unnest(\(counts.map { $0.key.key })::text[], \(counts.map { Int64($0.value.read) })::bigint[],
                    \(counts.map { Int64($0.value.accepted) })::bigint[], \(counts.map { Int64($0.value.rejected) })::bigint[],
                    \(counts.map { Int64($0.value.outsideYear) })::bigint[])
                """, logger: logger)
        } else if !counts.isEmpty {
            try await c.query("""
                INSERT INTO run_row_counts (run_id, file, read, accepted, rejected, outside_year, after_cutoff, superseded)
                SELECT \(id), * FROM unnest(\(counts.map { $0.key.key })::text[], \(counts.map { Int64($0.value.read) })::bigint[],
                    \(counts.map { Int64($0.value.accepted) })::bigint[], \(counts.map { Int64($0.value.rejected) })::bigint[],
                    \(counts.map { Int64($0.value.outsideYear) })::bigint[], \(counts.map { Int64($0.value.afterCutoff) })::bigint[],
                    \(counts.map { Int64($0.value.superseded) })::bigint[])
                """, logger: logger)
        }
    }

    private static func insertRejections(_ run: RunRecord, id: RunID, _ c: PostgresConnection, _ logger: Logger) async throws {
        var files: [String] = [], codes: [String] = [], numbers: [Int64] = []
        for (file, byCode) in run.rejections.byCode.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            for (code, n) in byCode.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                files.append(file.rawValue); codes.append(code.rawValue); numbers.append(Int64(n))
            }
        }
        if !files.isEmpty {
            try await c.query("""
                INSERT INTO run_rejection_counts SELECT \(id), * FROM unnest(\(files)::text[], \(codes)::text[], \(numbers)::bigint[])
                """, logger: logger)
        }
        for (seq, r) in run.rejections.sample.enumerated() {
            try await c.query("""
                INSERT INTO run_rejection_sample VALUES (\(id), \(Int64(seq)), \(r.file.rawValue), \(Int64(r.line)), \(r.column), \(r.code.rawValue),
                    \(r.message), \(ByteBuffer(bytes: r.raw)))
                """, logger: logger)
        }
        if let csv = run.rejections.csv {
            try await c.query("INSERT INTO run_files VALUES (\(id), 'rejected.csv', \(ByteBuffer(bytes: csv)))", logger: logger)
        }
    }

    // MARK: Reading

    public func runs() throws -> [RunSummary] { try summaries(of: nil) }

    public func run(_ id: RunID) throws -> RunSummary {
        guard let summary = try summaries(of: id).first else { throw StoreError(.unknownRun, "there is no run \(id) in \(location)") }
        return summary
    }

    /// The summaries of every run (`only` nil) or of one, read on one connection in two queries.
    private func summaries(of only: RunID?) throws -> [RunSummary] {
        let location = location, logger = logger
        let filter = only.map { " WHERE pending_writer IS NULL AND id = \($0)" } ?? " WHERE pending_writer IS NULL", countsFilter = only.map { " WHERE run_id = \($0)" } ?? ""
        return try perform(doing: "read") { c in
            var counts: [RunID: [InputFile: RowCounts]] = [:]
            for try await (run, file, read, accepted, rejected, outside, afterCutoff, superseded) in try await c.query(
                PostgresQuery(unsafeSQL: "SELECT run_id, file, read, accepted, rejected, outside_year, after_cutoff, superseded FROM run_row_counts" + countsFilter), logger: logger
            ).decode((Int64, String, Int64, Int64, Int64, Int64, Int64, Int64).self) {
                guard let file = InputFile(key: file) else { continue }
                var rc = RowCounts()
                rc.read = Int(read); rc.accepted = Int(accepted); rc.rejected = Int(rejected); rc.outsideYear = Int(outside)
                rc.afterCutoff = Int(afterCutoff); rc.superseded = Int(superseded)
                counts[run, default: [:]][file] = rc
            }
            var out: [RunSummary] = []
            for try await (id, year, regime, createdAt, engineVersion, receiptJSON, employers, asOf, stage) in try await c.query(
                PostgresQuery(unsafeSQL: "SELECT id, year, regime, created_at, engine_version, receipt_json, employers, as_of, stage FROM runs" + filter + " ORDER BY id"),
                logger: logger
            ).decode((Int64, Int64, String, String, String, String, Int64, String?, String?).self) {
                guard let receipt = try? JSONDecoder().decode(RunReceipt.self, from: Data(receiptJSON.utf8)) else {
                    throw StoreError(.invalidRun, "run \(id) in \(location) has an unreadable receipt")
                }
                out.append(RunSummary(id: id, year: Int(year), regime: RegisterRegime(rawValue: regime) ?? .current, createdAt: createdAt,
                                      engineVersion: engineVersion, receipt: receipt, employers: Int(employers), counts: counts[id] ?? [:],
                                      asOf: asOf, stage: stage))
            }
            return out
        }
    }

    public func national(run id: RunID) throws -> StoredNational {
        let found = try rows("""
            SELECT year, regime, quota_percent_markt, quota_percent_overheid, quota_percent_total,
                provenance_markt, provenance_overheid, provenance_total, sum_a_markt, sum_a_overheid, sum_a_total,
                surcharge_percent, surcharge_provenance, sum_premium_base, hours_december_markt, hours_december_overheid,
                override_markt, override_overheid, override_total, override_surcharge, parameters_text, national_json
            FROM runs WHERE id = \(id) AND pending_writer IS NULL
            """) { r -> StoredNational in
            func i(_ n: Int) throws -> Int64 { try r[n].decode(Int64.self) }
            func o(_ n: Int) throws -> Int64? { try r[n].decode(Int64?.self) }
            func prov(_ n: Int) throws -> StoredProvenance { StoredProvenance(rawValue: try r[n].decode(String.self)) ?? .computed }
            var overrides: [Quotum: BasisPoints] = [:]
            for (n, key) in [(16, Quotum.markt), (17, .overheid), (18, .combined)] { if let v = try o(n) { overrides[key] = BasisPoints(v) } }
            return StoredNational(
                year: Int(try i(0)), regime: RegisterRegime(rawValue: try r[1].decode(String.self)) ?? .current,
                quotaPercent: [.markt: BasisPoints(try i(2)), .overheid: BasisPoints(try i(3)), .combined: BasisPoints(try i(4))],
                quotaPercentProvenance: [.markt: try prov(5), .overheid: try prov(6), .combined: try prov(7)],
                sumA: [.markt: CentiHours(try i(8)), .overheid: CentiHours(try i(9)), .combined: CentiHours(try i(10))],
                surchargePercent: MilliPercent(try i(11)), surchargeProvenance: try prov(12), sumPremiumBase: Cents(try i(13)),
                hoursDecember: [.markt: CentiHours(try i(14)), .overheid: CentiHours(try i(15))],
                quotaPercentOverrides: overrides, surchargeOverride: try o(19).map { MilliPercent($0) },
                parametersText: try r[20].decode(String.self), nationalJSON: try r[21].decode(String.self))
        }
        guard let national = found.first else { throw StoreError(.unknownRun, "there is no run \(id) in \(location)") }
        return national
    }

    private static let employerColumns = """
        idx, employer_id, name, sector, region, staffing_agency, prior_year_hours, hours_total, hours_a, hours_c, premium_base,
        liable, required_hours, shortfall_tenths, levy, surcharge, lkv, bonus, transfers_out, transfers_in, net,
        lines_a, lines_premium_base, lines_capped
        """

    /// The columns of ``employer(_:)`` in this store's schema.
    private var employerColumns: String { Self.employerColumns + (hasSubsector ? ", subsector" : ", NULL::text") }

    private static func employer(_ r: PostgresRandomAccessRow) throws -> StoredEmployer {
        func i(_ n: Int) throws -> Int64 { try r[n].decode(Int64.self) }
        var f = EmployerFigures()
        f.hoursTotal = CentiHours(try i(7)); f.hoursA = CentiHours(try i(8)); f.hoursC = CentiHours(try i(9))
        f.premiumBase = Cents(try i(10)); f.liable = try r[11].decode(Bool.self); f.requiredHours = CentiHours(try i(12))
        f.shortfallTenths = try i(13); f.levy = Cents(try i(14)); f.surcharge = Cents(try i(15)); f.lkv = Cents(try i(16))
        f.bonus = Cents(try i(17)); f.transfersOut = Cents(try i(18)); f.transfersIn = Cents(try i(19)); f.net = Cents(try i(20))
        return StoredEmployer(
            index: Int32(try i(0)), id: try r[1].decode(String.self), name: try r[2].decode(String.self),
            sector: Sector(rawValue: try r[3].decode(String.self)) ?? .markt, region: UInt8(try i(4)),
            staffingAgency: try r[5].decode(Bool.self), priorYearHours: try r[6].decode(Int64?.self).map { CentiHours($0) }, figures: f,
            lineCounts: EmployerLineCounts(a: Int(try i(21)), premiumBase: Int(try i(22)), capped: Int(try i(23))),
            subsector: try r[24].decode(String?.self).flatMap(OverheidSubsector.init(rawValue:)))
    }

    public func employer(run id: RunID, id employerId: String) throws -> StoredEmployer? {
        try requireRun(id)
        return try rows("SELECT \(unescaped: self.employerColumns) FROM employers WHERE run_id = \(id) AND employer_id = \(employerId)",
                        Self.employer).first
    }

    public func employers(run id: RunID, indexes: [Int32]) throws -> [StoredEmployer] {
        try requireRun(id)
        let wanted = indexes.map { Int64($0) }
        var byIndex: [Int32: StoredEmployer] = [:]
        for e in try rows("SELECT \(unescaped: self.employerColumns) FROM employers WHERE run_id = \(id) AND idx = ANY(\(wanted)::bigint[])",
                          Self.employer) {
            byIndex[e.index] = e
        }
        return indexes.compactMap { byIndex[$0] }
    }

    public func employers(run id: RunID) throws -> [StoredEmployer] {
        try requireRun(id)
        return try rows("SELECT \(unescaped: self.employerColumns) FROM employers WHERE run_id = \(id) ORDER BY idx", Self.employer)
    }

    public func collaborations(run id: RunID) throws -> [Collaboration] {
        try requireRun(id)
        return try rows("SELECT from_idx, to_idx, year, percent, line FROM collaborations WHERE run_id = \(id) ORDER BY seq") { r in
            Collaboration(from: Int32(try r[0].decode(Int64.self)), to: Int32(try r[1].decode(Int64.self)),
                          year: Int(try r[2].decode(Int64.self)), percent: BasisPoints(try r[3].decode(Int64.self)),
                          line: Int(try r[4].decode(Int64.self)))
        }
    }

    public func targetGroupLines(run id: RunID, employer: Int32) throws -> [StoredLine] {
        try requireRun(id)
        let e = Int64(employer)
        return try rows("""
            SELECT l.employer_idx, l.hirer_idx, p.pseudonym, l.period, l.hours, l.wage, l.scheme, l.line
            FROM target_group_lines l JOIN persons p ON p.run_id = l.run_id AND p.idx = l.person_idx
            WHERE l.run_id = \(id) AND (l.employer_idx = \(e) OR l.hirer_idx = \(e)) ORDER BY l.seq
            """) { r in
            let period = Int(try r[3].decode(Int64.self))
            return StoredLine(employer: Int32(try r[0].decode(Int64.self)), hirer: try r[1].decode(Int64?.self).map { Int32($0) } ?? -1,
                              person: try r[2].decode(String.self), period: YearMonth(year: period / 100, month: period % 100)!,
                              hours: CentiHours(try r[4].decode(Int64.self)), wage: Cents(try r[5].decode(Int64.self)),
                              scheme: PayrollScheme(rawValue: UInt8(try r[6].decode(Int64.self))) ?? .regular,
                              line: Int(try r[7].decode(Int64.self)))
        }
    }

    public func monthLines(run id: RunID, period: YearMonth) throws -> [MonthLine] {
        try requireRun(id)
        let p = Int64(period.year * 100 + period.month)
        return try rows("SELECT employer_idx, hirer_idx, person_idx, hours FROM target_group_lines WHERE run_id = \(id) AND period = \(p)") { r in
            MonthLine(employer: Int32(try r[0].decode(Int64.self)), hirer: try r[1].decode(Int64?.self).map { Int32($0) } ?? -1,
                      person: Int32(try r[2].decode(Int64.self)), hours: CentiHours(try r[3].decode(Int64.self)))
        }
    }

    public func calendarLines(run id: RunID, employer: Int32) throws -> [StoredCalendarLine] {
        try requireRun(id)
        let e = Int64(employer), location = location
        return try rows("""
            SELECT c.kind, c.employer_idx, c.hirer_idx, p.pseudonym, c.period, c.received, c.hours_before, c.hours, c.line, c.replaced_line
            FROM calendar_lines c JOIN persons p ON p.run_id = c.run_id AND p.idx = c.person_idx
            WHERE c.run_id = \(id) AND (c.employer_idx = \(e) OR c.hirer_idx = \(e)) ORDER BY c.seq
            """) { r in
            let period = Int(try r[4].decode(Int64.self))
            guard let kind = CalendarLineKind(rawValue: try r[0].decode(String.self)), let month = YearMonth(year: period / 100, month: period % 100) else {
                throw StoreError(.invalidRun, "run \(id) in \(location): a calendar line cannot be read")
            }
            return StoredCalendarLine(kind: kind, employer: Int32(try r[1].decode(Int64.self)), hirer: try r[2].decode(Int64?.self).map { Int32($0) } ?? -1,
                                      person: try r[3].decode(String.self), period: month, received: try r[5].decode(String.self),
                                      hoursBefore: try r[6].decode(Int64?.self).map { CentiHours($0) }, hours: CentiHours(try r[7].decode(Int64.self)),
                                      line: Int(try r[8].decode(Int64.self)), replacedLine: try r[9].decode(Int64?.self).map { Int($0) })
        }
    }

    public func personRoutes(run id: RunID, persons: [String]) throws -> [String: [RegisterRoute]] {
        try requireRun(id)
        var out: [String: [RegisterRoute]] = [:]
        guard !persons.isEmpty else { return out }
        for (p, routes) in try rows("SELECT pseudonym, routes FROM persons WHERE run_id = \(id) AND pseudonym = ANY(\(persons)::text[])", { r in
            (try r[0].decode(String.self), try r[1].decode(String.self))
        }) {
            out[p] = routes.split(separator: ",").compactMap { RegisterRoute(rawValue: String($0)) }
        }
        return out
    }

    public func aggregates(run id: RunID) throws -> QuotaAggregates {
        let national = try national(run: id)
        let employers = try employers(run: id)
        let collaborations = try collaborations(run: id)
        let summary = try run(id)
        let rejections = try rejections(run: id, withCSV: false)
        let pairs = try rows("""
            SELECT h.employer_idx, p.pseudonym, h.hours FROM target_group_hours h
            JOIN persons p ON p.run_id = h.run_id AND p.idx = h.person_idx
            WHERE h.run_id = \(id) ORDER BY h.employer_idx, p.pseudonym COLLATE "C"
            """) { r in
            QuotaAggregates.TargetGroupHours(employer: Int32(try r[0].decode(Int64.self)), person: try r[1].decode(String.self),
                                             hours: CentiHours(try r[2].decode(Int64.self)))
        }
        return QuotaAggregates(national: national, employers: employers, targetGroupHours: pairs, collaborations: collaborations,
                               counts: summary.counts, rejections: rejections)
    }

    public func rejections(run id: RunID) throws -> StoredRejections { try rejections(run: id, withCSV: true) }

    private func rejections(run id: RunID, withCSV: Bool) throws -> StoredRejections {
        try requireRun(id)
        var byCode: [InputFile: [RejectionCode: Int]] = [:]
        for (file, code, n) in try rows("SELECT file, code, count FROM run_rejection_counts WHERE run_id = \(id)", { r in
            (try r[0].decode(String.self), try r[1].decode(String.self), Int(try r[2].decode(Int64.self)))
        }) {
            if let file = InputFile(rawValue: file), let code = RejectionCode(rawValue: code) { byCode[file, default: [:]][code] = n }
        }
        let sample = try rows("""
            SELECT file, line, column_name, code, message, raw FROM run_rejection_sample WHERE run_id = \(id) ORDER BY seq
            """) { r -> Rejection? in
            guard let file = InputFile(rawValue: try r[0].decode(String.self)) else { return nil }
            return Rejection(file: file, line: Int(try r[1].decode(Int64.self)), column: try r[2].decode(String.self),
                             code: RejectionCode(rawValue: try r[3].decode(String.self)) ?? .malformed, message: try r[4].decode(String.self),
                             raw: Array(try r[5].decode(ByteBuffer.self).readableBytesView))
        }.compactMap { $0 }
        let csv = withCSV
            ? try rows("SELECT content FROM run_files WHERE run_id = \(id) AND name = 'rejected.csv'") {
                Array(try $0[0].decode(ByteBuffer.self).readableBytesView)
            }.first
            : nil
        return StoredRejections(byCode: byCode, sample: sample, csv: csv)
    }

    // MARK: Tokens

    public func insertToken(hash: String, access: TokenAccess, createdAt: String) throws {
        let logger = logger
        try perform(doing: "write to") { c in
            let employer = access.employerId, role = access.role.rawValue, region = access.region
            try await c.query("INSERT INTO tokens (hash, employer_id, role, created_at, region) VALUES (\(hash), \(employer), \(role), \(createdAt), \(region))", logger: logger)
        }
    }

    public func revokeToken(hash: String, at: String) throws -> Bool {
        !(try rows("UPDATE tokens SET revoked_at = \(at) WHERE hash = \(hash) AND revoked_at IS NULL RETURNING hash", doing: "write to") {
            try $0[0].decode(String.self)
        }).isEmpty
    }

    public func token(hash: String) throws -> StoredToken? {
        try rows("SELECT hash, employer_id, role, created_at, revoked_at, region FROM tokens WHERE hash = \(hash)") { r -> StoredToken? in
            guard let access = TokenAccess(role: try r[2].decode(String.self), employerId: try r[1].decode(String?.self),
                                           region: try r[5].decode(String?.self)) else { return nil }
            return StoredToken(hash: try r[0].decode(String.self), access: access,
                               createdAt: try r[3].decode(String.self), revokedAt: try r[4].decode(String?.self))
        }.first ?? nil
    }

    // MARK: Runs whose outputs are not in place yet

    public func completeRun(_ id: RunID) throws {
        _ = try rows("UPDATE runs SET pending_writer = NULL WHERE id = \(id)", doing: "write to") { _ in 0 }
    }

    public func pendingRuns() throws -> [PendingRun] {
        try rows("SELECT id, pending_writer, created_at FROM runs WHERE pending_writer IS NOT NULL ORDER BY id") { r in
            PendingRun(id: try r[0].decode(Int64.self), writer: try r[1].decode(String.self), createdAt: try r[2].decode(String.self))
        }
    }

    public func removePendingRun(_ id: RunID) throws {
        let logger = logger
        try perform(doing: "write to") { connection in
            try await connection.withTransaction(logger: logger) { c in
                var pending = false
                for try await _ in try await c.query("SELECT id FROM runs WHERE id = \(id) AND pending_writer IS NOT NULL FOR UPDATE", logger: logger).decode(Int64.self) {
                    pending = true
                }
                guard pending else { return }
                for table in ResultsStoreTables.perRun {
                    try await c.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE run_id = \(id)"), logger: logger)
                }
                try await c.query("DELETE FROM runs WHERE id = \(id)", logger: logger)
            }
        }
    }

    // MARK: Sessions

    public func insertSession(hash: String, tokenHash: String, createdAt: String, expiresAt: String) throws {
        let logger = logger
        try perform(doing: "write to") { c in
            try await c.query("DELETE FROM sessions WHERE expires_at <= \(createdAt)", logger: logger)
            try await c.query("INSERT INTO sessions (hash, token_hash, created_at, expires_at) VALUES (\(hash), \(tokenHash), \(createdAt), \(expiresAt))", logger: logger)
        }
    }

    public func session(hash: String) throws -> StoredSession? {
        try rows("SELECT hash, token_hash, created_at, expires_at FROM sessions WHERE hash = \(hash)") { r in
            StoredSession(hash: try r[0].decode(String.self), tokenHash: try r[1].decode(String.self),
                          createdAt: try r[2].decode(String.self), expiresAt: try r[3].decode(String.self))
        }.first
    }

    public func deleteSession(hash: String) throws {
        try perform(doing: "write to") { [logger] c in
            try await c.query("DELETE FROM sessions WHERE hash = \(hash)", logger: logger)
        }
    }

    // MARK: Helpers

    private func requireRun(_ id: RunID) throws {
        guard try !rows("SELECT id FROM runs WHERE id = \(id) AND pending_writer IS NULL", { try $0[0].decode(Int64.self) }).isEmpty else {
            throw StoreError(.unknownRun, "there is no run \(id) in \(location)")
        }
    }

    /// Runs one query on a pooled connection and maps every row.
    func rows<T: Sendable>(_ query: PostgresQuery, doing: String = "read",
                                   _ map: @escaping @Sendable (PostgresRandomAccessRow) throws -> T) throws -> [T] {
        let logger = logger
        return try perform(doing: doing) { c in
            var out: [T] = []
            for try await row in try await c.query(query, logger: logger) { out.append(try map(row.makeRandomAccess())) }
            return out
        }
    }

    /// Runs `body` on a pooled connection on the store's own thread, blocking the caller; the wait for a
    /// connection is bounded by `connectionWait`, and every failure becomes a ``StoreError`` naming the store.
    @discardableResult
    func perform<T: Sendable>(doing: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        let client = client, wait = connectionWait
        do {
            return try executor.runBlocking(waitingAtMost: wait) { start in
                try await client.withConnection { c in
                    guard start() else { throw ConnectionWaitTimeout() }
                    return try await body(c)
                }
            }
        } catch {
            throw Self.storeError(error, url: url, doing: doing, wait: wait)
        }
    }

    /// A failure as the caller should see it: the database's failures as a ``StoreError``; an error thrown by the
    /// caller's own code (the test seam) unchanged, as the SQLite store does.
    static func storeError(_ error: any Error, url: PostgresURL, doing: String, wait: Duration) -> any Error {
        var error = error
        if let t = error as? PostgresTransactionError {
            error = t.closureError ?? t.beginError ?? t.commitError ?? t.rollbackError ?? error
        }
        switch error {
        case is StoreError, is PSQLError, is ConnectionWaitTimeout, is CancellationError:
            return translate(error, url: url, doing: doing, wait: wait)
        default:
            return error
        }
    }

    /// A message for every failure that names the store (user, host, port, database) and never the password.
    static func translate(_ error: any Error, url: PostgresURL, doing: String, wait: Duration) -> StoreError {
        if let e = error as? StoreError { return e }
        let place = "the PostgreSQL store \(url.location)"
        let server = "\(url.host):\(url.port)"
        if error is ConnectionWaitTimeout || error is CancellationError {
            return StoreError(.io, "cannot \(doing) \(place): no connection to the server at \(server) within \(wait.components.seconds) s (is PostgreSQL running?); this request failed, try again")
        }
        guard let p = error as? PSQLError else {
            return StoreError(.io, "cannot \(doing) \(place): \(error)")
        }
        switch p.code {
        case .server:
            let state = p.serverInfo?[.sqlState] ?? ""
            let message = p.serverInfo?[.message] ?? "error"
            switch state {
            case "28P01", "28000":
                return StoreError(.io, "cannot \(doing) \(place): the server at \(server) refused user \(url.user) for database \(url.database) (wrong user or password)")
            case "3D000":
                return StoreError(.notAStore, "cannot \(doing) \(place): the server at \(server) has no database \(url.database)")
            case "57P01", "57P02", "57P03", "08006", "08003":
                return StoreError(.io, "cannot \(doing) \(place): the server at \(server) is shutting down or restarting (\(message)); this request failed, try again")
            case "40001", "40P01", "55P03":
                return StoreError(.locked, "cannot \(doing) \(place): \(message) (another writer holds a lock; try again)")
            default:
                return StoreError(.io, "cannot \(doing) \(place): \(message) (SQLSTATE \(state))")
            }
        case .connectionError:
            let reason = p.underlying.map { "\($0)" } ?? "cannot connect"
            return StoreError(.io, "cannot \(doing) \(place): cannot connect to the server at \(server) (\(reason))")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return StoreError(.io, "cannot \(doing) \(place): the connection to the server at \(server) was lost (the server stopped or restarted); this request failed, the next one reconnects")
        case .poolClosed:
            return StoreError(.io, "cannot \(doing) \(place): the store has been closed")
        case .authMechanismRequiresPassword:
            return StoreError(.io, "cannot \(doing) \(place): the server at \(server) wants a password for user \(url.user) and database \(url.database); put it in the address")
        case .sslUnsupported:
            return StoreError(.io, "cannot \(doing) \(place): the server at \(server) does not offer TLS (sslmode=require)")
        default:
            return StoreError(.io, "cannot \(doing) \(place): \(p.code)")
        }
    }
}

extension JSONEncoder {
    static var sortedKeys: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
