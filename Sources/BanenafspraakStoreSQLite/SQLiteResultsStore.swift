#if canImport(Glibc)
import BanenafspraakAssessment
import Glibc
#endif
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakStore
import Foundation
import GRDB

/// The embedded results store: one SQLite file through GRDB (results store: docs/contracts-internal.md). The schema is versioned with
/// `DatabaseMigrator` and migrated on open; a run is written in one immediate transaction, so a failed or
/// killed run leaves nothing behind.
public final class SQLiteResultsStore: ResultsStore {
    public let location: String
    /// The one connection that writes (and migrates, and checks).
    private let queue: DatabaseQueue
    /// Read-only connections for ``read(_:)`` and ``readStatements(_:)``: in WAL mode a read runs beside the writer
    /// instead of waiting behind its commit. Opened only after the file was recognised as a store and migrated.
    private let readers: DatabasePool
    private let secret: [UInt8]
    /// Whether `employers.subsector` (schema v8) is there: always, but in a store opened with `schemaUpTo` an
    /// older version (tests of older stores), which is written and read as that version wrote it.
    private let hasSubsector: Bool

    /// Test seam: called inside the write transaction after each stage (`run`, `employers`, `persons`,
    /// `target_group_hours`, `lines`, `rejections`); a throw rolls the run back, a kill leaves it uncommitted.
    public var writeCheckpoint: (@Sendable (String) throws -> Void)? {
        get { checkpointBox.value }
        set { checkpointBox.value = newValue }
    }
    private let checkpointBox = CheckpointBox()

    /// The schema versions this build knows, oldest first.
    public static let schemaVersions = SQLiteSchema.versions

    /// Opens the store at `path`, creating it when `create` and no file is there. `busyTimeoutMilliseconds` is how long to
    /// wait for another process's write lock before failing with `.locked`. `schemaUpTo` migrates only up to
    /// that version (tests of older stores).
    public init(path: String, create: Bool = true, busyTimeoutMilliseconds: Int = 5000, schemaUpTo: String? = nil) throws {
        location = path
        hasSubsector = schemaUpTo.map { (SQLiteSchema.versions.firstIndex(of: $0) ?? 0) >= SQLiteSchema.versions.firstIndex(of: "v8")! } ?? true
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue { throw StoreError(.notAStore, "\(path) is a directory, not a results store") }
        if !exists && !create { throw StoreError(.notAStore, "there is no results store at \(path)") }
        // No descriptor of our own is opened on an existing store: closing one would drop the POSIX locks SQLite
        // holds on that file through every other connection of this process. A file that is not SQLite is refused
        // by SQLite itself on the first read (SQLITE_NOTADB, translated below).
        if exists { try Self.checkFolderWritable(path) } else {
            // A new store holds the pseudonym secret: readable by its owner only, from its first byte on.
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd) } else if errno != EEXIST {
                throw StoreError(.io, "cannot create the store \(path): \(String(cString: strerror(errno)))")
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(TimeInterval(busyTimeoutMilliseconds) / 1000)  // a wait, not a legal figure
        config.label = "banenafspraak-store"
        do { queue = try DatabaseQueue(path: path, configuration: config) } catch {
            throw Self.translate(error, path: path, doing: "open")
        }
        let migrator = SQLiteSchema.migrator(secret: { Pseudonymizer.newSecret() })
        do {
            let (isForeign, superseded, applied, current) = try queue.read { db -> (Bool, Bool, [String], Bool) in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                if tables.isEmpty { return (false, false, [], false) }
                guard tables.contains("store_meta"),
                      try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = 'format'") == SQLiteSchema.format else {
                    return (true, false, [], false)
                }
                let applied = try migrator.appliedIdentifiers(db).sorted()
                let wal = try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal"
                // Up to date and in WAL mode: opening needs no write (readers never wait for a lock or a disk flush).
                let complete = try migrator.hasCompletedMigrations(db)
                let current = wal && schemaUpTo == nil && complete
                return (false, try migrator.hasBeenSuperseded(db), applied, current)
            }
            if isForeign { throw StoreError(.notAStore, "\(path) is an SQLite database but not a banenafspraak results store") }
            if superseded {
                throw StoreError(.newerSchema, "\(path) was written by a newer version of banenafspraak (schema \(applied.joined(separator: ", "))); this version knows schema \(SQLiteSchema.versions.joined(separator: ", ")) and cannot open it")
            }
            if !current {
                try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
                if let schemaUpTo { try migrator.migrate(queue, upTo: schemaUpTo) } else { try migrator.migrate(queue) }
            }
            try queue.inDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            guard let hex = try queue.read({ try String.fetchOne($0, sql: "SELECT value FROM store_meta WHERE key = 'pseudonym_secret'") }),
                  let bytes = Hex.decode(hex), bytes.count == 32 else {
                throw StoreError(.notAStore, "\(path) is a results store without a valid pseudonym key")
            }
            secret = bytes
            var readOnly = config
            readOnly.readonly = true
            readOnly.label = "banenafspraak-store-reader"
            readers = try DatabasePool(path: path, configuration: readOnly)
        } catch let e as StoreError {
            throw e
        } catch {
            throw Self.translate(error, path: path, doing: "open")
        }
    }

    /// SQLite keeps `-wal` and `-shm` files beside the store and must create them even to read it: a store in a
    /// folder this user cannot write is refused with a message that says so, not a misleading "cannot open".
    static func checkFolderWritable(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        guard access(folder, W_OK) != 0 else { return }
        let reason = String(cString: strerror(errno))
        // Both side files present and writable: SQLite needs to create nothing.
        if access(path + "-wal", R_OK | W_OK) == 0 && access(path + "-shm", R_OK | W_OK) == 0 { return }
        throw StoreError(.io, "cannot open the store \(path): its folder \(folder) cannot be written (\(reason)), and SQLite must create \((path as NSString).lastPathComponent)-wal and \((path as NSString).lastPathComponent)-shm beside the store even to read it; make the folder writable, or copy the store into a folder you can write")
    }

    /// Checks the whole file (`PRAGMA quick_check`) before a run is written into it or a server reads from it: a
    /// damaged store is refused with a message that names it and says what to do.
    public func checkIntegrity() throws {
        let findings: [String]
        do { findings = try queue.read { try String.fetchAll($0, sql: "PRAGMA quick_check(5)") } } catch {
            throw Self.translate(error, path: location, doing: "check")
        }
        guard findings != ["ok"] else { return }
        throw StoreError(.damaged, Self.damagedMessage(location, findings.joined(separator: "; ")))
    }

    static func damagedMessage(_ path: String, _ detail: String) -> String {
        "the store \(path) is damaged (\(detail)); it was left as it is. Restore it from a backup, or move it aside and start a new store with quota --store"
    }

    /// The schema versions applied to this store.
    public func appliedSchemaVersions() throws -> [String] {
        try queue.read { try SQLiteSchema.migrator(secret: { [] }).appliedIdentifiers($0).sorted() }
    }

    public func pseudonymizer() throws -> Pseudonymizer { Pseudonymizer(secret: secret) }

    // MARK: Writing

    public func write(_ run: RunRecord) throws -> RunID {
        try write(run, receipt: { run.receipt })
    }

    /// The run's rows go in first, under an id taken inside the transaction (which holds the write lock), and the
    /// `runs` row last, with the receipt asked for only then; foreign keys are checked at the commit.
    public func write(_ run: RunRecord, receipt: @escaping @Sendable () throws -> RunReceipt) throws -> RunID {
        let checkpoint = checkpointBox.value ?? { _ in }
        do {
            var id: RunID = 0
            try queue.writeWithoutTransaction { db in
                // A larger page cache while a big run goes in (256 MiB at most), back to the default afterwards.
                try db.execute(sql: "PRAGMA cache_size = -262144")
            }
            defer { try? queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA cache_size = -2000") } }
            try queue.inTransaction(.immediate) { db in
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                // AUTOINCREMENT never reuses an id: the next one is past both the highest given and the highest present.
                id = try RunID.fetchOne(db, sql: """
                    SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'runs'), 0), COALESCE((SELECT MAX(id) FROM runs), 0)) + 1
                    """) ?? 1
                try Self.insertEmployers(run, id: id, db: db, subsector: hasSubsector)
                try checkpoint("employers")
                try Self.insertPersons(run, id: id, db: db)
                try checkpoint("persons")
                var pairs = try BulkInsert(db, sql: "INSERT INTO target_group_hours VALUES (?, ?, ?, ?)")
                for p in run.targetGroupHours {
                    pairs.int(id); pairs.int(Int64(p.employer)); pairs.int(Int64(p.person)); pairs.int(p.hours.rawValue)
                    try pairs.step()
                }
                try checkpoint("target_group_hours")
                var lines = try BulkInsert(db, sql: "INSERT INTO target_group_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                for (seq, l) in run.lines.enumerated() {
                    lines.int(id); lines.int(Int64(seq)); lines.int(Int64(l.employer)); lines.intOrNull(l.hirer >= 0 ? Int64(l.hirer) : nil)
                    lines.int(Int64(l.person)); lines.int(Int64(l.period.year * 100 + l.period.month)); lines.int(l.hours.rawValue)
                    lines.int(l.wage.rawValue); lines.int(Int64(l.scheme.rawValue)); lines.int(Int64(l.line))
                    try lines.step()
                }
                try checkpoint("lines")
                // Prepared only when there are rows, so a run without them goes into a store of an older schema too.
                if !run.calendarLines.isEmpty {
                    try Self.insertCalendarLines(run, id: id, db: db)
                }
                try checkpoint("calendar_lines")
                try Self.insertRejections(run, id: id, db: db)
                try checkpoint("rejections")
                var complete = run
                complete.receipt = try receipt()
                try Self.insertRun(complete, id: id, db: db)
                if let writer = run.pendingWriter {
                    try db.execute(sql: "UPDATE runs SET pending_writer = ? WHERE id = ?", arguments: [writer, id])
                }
                try checkpoint("run")
                return .commit
            }
            try checkpoint("commit")
            return id
        } catch let e as StoreError {
            throw e
        } catch let e as DatabaseError {
            throw Self.translate(e, path: location, doing: "write the run into")
        }
    }

    /// The calendar rows of the run (schema v6).
    private static func insertCalendarLines(_ run: RunRecord, id: RunID, db: Database) throws {
        var calendar = try BulkInsert(db, sql: "INSERT INTO calendar_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for (seq, c) in run.calendarLines.enumerated() {
            calendar.int(id); calendar.int(Int64(seq)); calendar.text(c.kind.rawValue); calendar.int(Int64(c.employer))
            calendar.intOrNull(c.hirer >= 0 ? Int64(c.hirer) : nil); calendar.int(Int64(c.person))
            calendar.int(Int64(c.period.year * 100 + c.period.month)); calendar.text(ReceivedDate.text(c.received))
            calendar.intOrNull(c.hoursBefore?.rawValue); calendar.int(c.hours.rawValue); calendar.int(Int64(c.line))
            calendar.intOrNull(c.replacedLine.map(Int64.init))
            try calendar.step()
        }
    }

    private static func insertRun(_ run: RunRecord, id: RunID, db: Database) throws {
        let n = run.national
        let receipt = String(decoding: try JSONEncoder.sorted.encode(run.receipt), as: UTF8.self)
        func p(_ key: Quotum) -> String { n.quotaPercentProvenance[key]?.rawValue ?? "computed" }
        try db.execute(sql: """
            INSERT INTO runs (id, year, regime, created_at, engine_version, receipt_json, employers,
                quota_percent_markt, quota_percent_overheid, quota_percent_total, provenance_markt, provenance_overheid, provenance_total,
                sum_a_markt, sum_a_overheid, sum_a_total, surcharge_percent, surcharge_provenance, sum_premium_base,
                hours_december_markt, hours_december_overheid, override_markt, override_overheid, override_total, override_surcharge,
                parameters_text, national_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: StatementArguments([
                id, Int64(run.year), run.regime.rawValue, run.receipt.createdAt, run.receipt.engineVersion, receipt, Int64(run.employers.count),
                n.quotaPercent[.markt]?.rawValue, n.quotaPercent[.overheid]?.rawValue, n.quotaPercent[.combined]?.rawValue,
                p(.markt), p(.overheid), p(.combined),
                n.sumA[.markt]?.rawValue, n.sumA[.overheid]?.rawValue, n.sumA[.combined]?.rawValue,
                n.surchargePercent.rawValue, n.surchargeProvenance.rawValue, n.sumPremiumBase.rawValue,
                n.hoursDecember[.markt]?.rawValue ?? 0, n.hoursDecember[.overheid]?.rawValue ?? 0,
                n.quotaPercentOverrides[.markt]?.rawValue, n.quotaPercentOverrides[.overheid]?.rawValue,
                n.quotaPercentOverrides[.combined]?.rawValue, n.surchargeOverride?.rawValue,
                n.parametersText, n.nationalJSON,
            ] as [(any DatabaseValueConvertible)?]))
        // The legal calendar's columns (schema v5) only for a run that has one: every other run is written as before.
        if let calendar = run.calendar {
            try db.execute(sql: "UPDATE runs SET as_of = ?, stage = ? WHERE id = ?",
                           arguments: [calendar.asOf?.description, calendar.stage?.rawValue, id])
            let counts = try db.makeStatement(sql: "INSERT INTO run_row_counts (run_id, file, read, accepted, rejected, outside_year, after_cutoff, superseded) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            for (file, c) in run.counts.sorted(by: { $0.key.key < $1.key.key }) {
                try counts.execute(arguments: [id, file.key, Int64(c.read), Int64(c.accepted), Int64(c.rejected), Int64(c.outsideYear),
                                               Int64(c.afterCutoff), Int64(c.superseded)])
            }
        } else {
            let counts = try db.makeStatement(sql: "INSERT INTO run_row_counts (run_id, file, read, accepted, rejected, outside_year) VALUES (?, ?, ?, ?, ?, ?)")
            for (file, c) in run.counts.sorted(by: { $0.key.key < $1.key.key }) {
                try counts.execute(arguments: [id, file.key, Int64(c.read), Int64(c.accepted), Int64(c.rejected), Int64(c.outsideYear)])
            }
        }
        let collaborations = try db.makeStatement(sql: "INSERT INTO collaborations VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (seq, c) in run.collaborations.enumerated() {
            try collaborations.execute(arguments: [id, Int64(seq), Int64(c.from), Int64(c.to), Int64(c.year), c.percent.rawValue, Int64(c.line)])
        }
    }

    private static func insertEmployers(_ run: RunRecord, id: RunID, db: Database, subsector: Bool) throws {
        let values = Array(repeating: "?", count: subsector ? 26 : 25).joined(separator: ", ")
        var st = try BulkInsert(db, sql: "INSERT INTO employers VALUES (\(values))")
        for e in run.employers {
            let f = e.figures
            st.int(id); st.int(Int64(e.index)); st.text(e.id); st.text(e.name); st.text(e.sector.rawValue); st.int(Int64(e.region))
            st.int(e.staffingAgency ? 1 : 0); st.intOrNull(e.priorYearHours?.rawValue)
            for v in [f.hoursTotal.rawValue, f.hoursA.rawValue, f.hoursC.rawValue, f.premiumBase.rawValue, f.liable ? 1 : 0,
                      f.requiredHours.rawValue, f.shortfallTenths, f.levy.rawValue, f.surcharge.rawValue, f.lkv.rawValue, f.bonus.rawValue,
                      f.transfersOut.rawValue, f.transfersIn.rawValue, f.net.rawValue,
                      Int64(e.lineCounts.a), Int64(e.lineCounts.premiumBase), Int64(e.lineCounts.capped)] {
                st.int(v)
            }
            if subsector { st.textOrNull(e.subsector?.rawValue) }
            try st.step()
        }
    }

    private static func insertPersons(_ run: RunRecord, id: RunID, db: Database) throws {
        var st = try BulkInsert(db, sql: "INSERT INTO persons VALUES (?, ?, ?, ?)")
        for (i, p) in run.persons.enumerated() {
            st.int(id); st.int(Int64(i)); st.text(p)
            st.text(i < run.personRoutes.count ? run.personRoutes[i].map(\.rawValue).joined(separator: ",") : "")
            try st.step()
        }
    }

    private static func insertRejections(_ run: RunRecord, id: RunID, db: Database) throws {
        let counts = try db.makeStatement(sql: "INSERT INTO run_rejection_counts VALUES (?, ?, ?, ?)")
        for (file, codes) in run.rejections.byCode.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            for (code, n) in codes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try counts.execute(arguments: [id, file.rawValue, code.rawValue, Int64(n)])
            }
        }
        let sample = try db.makeStatement(sql: "INSERT INTO run_rejection_sample VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        for (seq, r) in run.rejections.sample.enumerated() {
            try sample.execute(arguments: [id, Int64(seq), r.file.rawValue, Int64(r.line), r.column, r.code.rawValue, r.message, Data(r.raw)])
        }
        if let csv = run.rejections.csv {
            try db.execute(sql: "INSERT INTO run_files VALUES (?, 'rejected.csv', ?)", arguments: [id, Data(csv)])
        }
    }

    // MARK: Reading

    public func runs() throws -> [RunSummary] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id FROM runs WHERE pending_writer IS NULL ORDER BY id").map { try self.summary(db, id: $0["id"]) }
        }
    }

    public func run(_ id: RunID) throws -> RunSummary {
        try read { db in try self.summary(db, id: id) }
    }

    private func summary(_ db: Database, id: RunID) throws -> RunSummary {
        guard let row = try Row.fetchOne(db, sql: "SELECT year, regime, created_at, engine_version, receipt_json, employers, as_of, stage FROM runs WHERE id = ? AND pending_writer IS NULL", arguments: [id]) else {
            throw StoreError(.unknownRun, "there is no run \(id) in \(location)")
        }
        let receiptText: String = row["receipt_json"]
        guard let receipt = try? JSONDecoder().decode(RunReceipt.self, from: Data(receiptText.utf8)) else {
            throw StoreError(.invalidRun, "run \(id) in \(location) has an unreadable receipt")
        }
        var counts: [InputFile: RowCounts] = [:]
        for c in try Row.fetchAll(db, sql: "SELECT file, read, accepted, rejected, outside_year, after_cutoff, superseded FROM run_row_counts WHERE run_id = ?", arguments: [id]) {
            guard let file = InputFile(key: c["file"]) else { continue }
            var rc = RowCounts()
            rc.read = c["read"]; rc.accepted = c["accepted"]; rc.rejected = c["rejected"]; rc.outsideYear = c["outside_year"]
            rc.afterCutoff = c["after_cutoff"]; rc.superseded = c["superseded"]
            counts[file] = rc
        }
        return RunSummary(id: id, year: row["year"], regime: RegisterRegime(rawValue: row["regime"]) ?? .current,
                          createdAt: row["created_at"], engineVersion: row["engine_version"], receipt: receipt,
                          employers: row["employers"], counts: counts, asOf: row["as_of"], stage: row["stage"])
    }

    public func national(run id: RunID) throws -> StoredNational {
        try read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ? AND pending_writer IS NULL", arguments: [id]) else {
                throw StoreError(.unknownRun, "there is no run \(id) in \(location)")
            }
            func prov(_ c: String) -> StoredProvenance { StoredProvenance(rawValue: r[c]) ?? .computed }
            var overrides: [Quotum: BasisPoints] = [:]
            for key in Quotum.allCases { if let v: Int64 = r["override_\(key)"] { overrides[key] = BasisPoints(v) } }
            return StoredNational(
                year: r["year"], regime: RegisterRegime(rawValue: r["regime"]) ?? .current,
                quotaPercent: [.markt: BasisPoints(r["quota_percent_markt"]), .overheid: BasisPoints(r["quota_percent_overheid"]),
                               .combined: BasisPoints(r["quota_percent_total"])],
                quotaPercentProvenance: [.markt: prov("provenance_markt"), .overheid: prov("provenance_overheid"), .combined: prov("provenance_total")],
                sumA: [.markt: CentiHours(r["sum_a_markt"]), .overheid: CentiHours(r["sum_a_overheid"]), .combined: CentiHours(r["sum_a_total"])],
                surchargePercent: MilliPercent(r["surcharge_percent"]), surchargeProvenance: prov("surcharge_provenance"),
                sumPremiumBase: Cents(r["sum_premium_base"]),
                hoursDecember: [.markt: CentiHours(r["hours_december_markt"]), .overheid: CentiHours(r["hours_december_overheid"])],
                quotaPercentOverrides: overrides, surchargeOverride: (r["override_surcharge"] as Int64?).map { MilliPercent($0) },
                parametersText: r["parameters_text"], nationalJSON: r["national_json"])
        }
    }

    private static let employerColumns = """
        idx, employer_id, name, sector, region, staffing_agency, prior_year_hours, hours_total, hours_a, hours_c, premium_base,
        liable, required_hours, shortfall_tenths, levy, surcharge, lkv, bonus, transfers_out, transfers_in, net,
        lines_a, lines_premium_base, lines_capped
        """

    /// The columns of ``employer(_:)`` in this store's schema.
    private var employerColumns: String { Self.employerColumns + (hasSubsector ? ", subsector" : ", NULL") }

    private static func employer(_ r: Row) -> StoredEmployer {
        var f = EmployerFigures()
        f.hoursTotal = CentiHours(r[7]); f.hoursA = CentiHours(r[8]); f.hoursC = CentiHours(r[9]); f.premiumBase = Cents(r[10])
        f.liable = r[11]; f.requiredHours = CentiHours(r[12]); f.shortfallTenths = r[13]; f.levy = Cents(r[14])
        f.surcharge = Cents(r[15]); f.lkv = Cents(r[16]); f.bonus = Cents(r[17]); f.transfersOut = Cents(r[18])
        f.transfersIn = Cents(r[19]); f.net = Cents(r[20])
        let prior: Int64? = r[6]
        return StoredEmployer(index: Int32(r[0] as Int64), id: r[1], name: r[2], sector: Sector(rawValue: r[3]) ?? .markt,
                              region: UInt8(r[4] as Int64), staffingAgency: r[5], priorYearHours: prior.map { CentiHours($0) }, figures: f,
                              lineCounts: EmployerLineCounts(a: r[21], premiumBase: r[22], capped: r[23]),
                              subsector: (r[24] as String?).flatMap(OverheidSubsector.init(rawValue:)))
    }

    /// One statement (prepared once per connection) that reads the employer only from a complete run; when it finds
    /// nothing, a second look tells an unknown run from an unknown employer.
    public func employer(run id: RunID, id employerId: String) throws -> StoredEmployer? {
        try readStatements { db in
            let st = try db.cachedStatement(sql: """
                SELECT \(self.employerColumns) FROM employers WHERE run_id = ?1 AND employer_id = ?2
                AND EXISTS (SELECT 1 FROM runs WHERE id = ?1 AND pending_writer IS NULL)
                """)
            if let row = try Row.fetchOne(st, arguments: [id, employerId]) { return Self.employer(row) }
            try self.requireRun(db, id)
            return nil
        }
    }

    public func employers(run id: RunID, indexes: [Int32]) throws -> [StoredEmployer] {
        try read { db in
            try self.requireRun(db, id)
            let st = try db.cachedStatement(sql: "SELECT \(self.employerColumns) FROM employers WHERE run_id = ? AND idx = ?")
            return try indexes.compactMap { try Row.fetchOne(st, arguments: [id, Int64($0)]).map(Self.employer) }
        }
    }

    public func employers(run id: RunID) throws -> [StoredEmployer] {
        try read { db in
            try self.requireRun(db, id)
            var out: [StoredEmployer] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT \(self.employerColumns) FROM employers WHERE run_id = ? ORDER BY idx", arguments: [id])
            while let r = try rows.next() { out.append(Self.employer(r)) }
            return out
        }
    }

    public func collaborations(run id: RunID) throws -> [Collaboration] {
        try read { db in
            try self.requireRun(db, id)
            return try Row.fetchAll(db, sql: "SELECT from_idx, to_idx, year, percent, line FROM collaborations WHERE run_id = ? ORDER BY seq", arguments: [id]).map {
                Collaboration(from: Int32($0[0] as Int64), to: Int32($0[1] as Int64), year: $0[2], percent: BasisPoints($0[3]), line: $0[4])
            }
        }
    }

    public func targetGroupLines(run id: RunID, employer: Int32) throws -> [StoredLine] {
        try read { db in
            try self.requireRun(db, id)
            // Two indexed searches (as formal employer, as hirer), merged in file order.
            let sql = """
                SELECT l.employer_idx, l.hirer_idx, p.pseudonym, l.period, l.hours, l.wage, l.scheme, l.line, l.seq
                FROM target_group_lines l INDEXED BY lines_by_employer JOIN persons p ON p.run_id = l.run_id AND p.idx = l.person_idx
                WHERE l.run_id = ?1 AND l.employer_idx = ?2
                UNION ALL
                SELECT l.employer_idx, l.hirer_idx, p.pseudonym, l.period, l.hours, l.wage, l.scheme, l.line, l.seq
                FROM target_group_lines l INDEXED BY lines_by_hirer JOIN persons p ON p.run_id = l.run_id AND p.idx = l.person_idx
                WHERE l.run_id = ?1 AND l.hirer_idx = ?2 AND l.hirer_idx IS NOT NULL AND l.employer_idx <> ?2
                """
            let rows = try Row.fetchAll(db, sql: sql, arguments: [id, Int64(employer)]).sorted { ($0[8] as Int64) < ($1[8] as Int64) }
            return rows.map { r in
                let period: Int = r[3]
                let hirer: Int64? = r[1]
                return StoredLine(employer: Int32(r[0] as Int64), hirer: hirer.map { Int32($0) } ?? -1, person: r[2],
                                  period: YearMonth(year: period / 100, month: period % 100)!, hours: CentiHours(r[4]),
                                  wage: Cents(r[5]), scheme: PayrollScheme(rawValue: UInt8(r[6] as Int64)) ?? .regular, line: r[7])
            }
        }
    }

    public func monthLines(run id: RunID, period: YearMonth) throws -> [MonthLine] {
        try read { db in
            try self.requireRun(db, id)
            var out: [MonthLine] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT employer_idx, hirer_idx, person_idx, hours FROM target_group_lines WHERE run_id = ? AND period = ?
                """, arguments: [id, period.year * 100 + period.month])
            while let r = try rows.next() {
                let hirer: Int64? = r[1]
                out.append(MonthLine(employer: Int32(r[0] as Int64), hirer: hirer.map { Int32($0) } ?? -1,
                                     person: Int32(r[2] as Int64), hours: CentiHours(r[3] as Int64)))
            }
            return out
        }
    }

    public func calendarLines(run id: RunID, employer: Int32) throws -> [StoredCalendarLine] {
        try read { db in
            try self.requireRun(db, id)
            let sql = """
                SELECT c.kind, c.employer_idx, c.hirer_idx, p.pseudonym, c.period, c.received, c.hours_before, c.hours, c.line, c.replaced_line, c.seq
                FROM calendar_lines c INDEXED BY calendar_lines_by_employer JOIN persons p ON p.run_id = c.run_id AND p.idx = c.person_idx
                WHERE c.run_id = ?1 AND c.employer_idx = ?2
                UNION ALL
                SELECT c.kind, c.employer_idx, c.hirer_idx, p.pseudonym, c.period, c.received, c.hours_before, c.hours, c.line, c.replaced_line, c.seq
                FROM calendar_lines c INDEXED BY calendar_lines_by_hirer JOIN persons p ON p.run_id = c.run_id AND p.idx = c.person_idx
                WHERE c.run_id = ?1 AND c.hirer_idx = ?2 AND c.hirer_idx IS NOT NULL AND c.employer_idx <> ?2
                """
            let rows = try Row.fetchAll(db, sql: sql, arguments: [id, Int64(employer)]).sorted { ($0[10] as Int64) < ($1[10] as Int64) }
            return try rows.map { r in
                let period: Int = r[4]
                let hirer: Int64? = r[2]
                let before: Int64? = r[6]
                let replaced: Int64? = r[9]
                guard let kind = CalendarLineKind(rawValue: r[0]), let month = YearMonth(year: period / 100, month: period % 100) else {
                    throw StoreError(.invalidRun, "run \(id) in \(self.location): a calendar line cannot be read")
                }
                return StoredCalendarLine(kind: kind, employer: Int32(r[1] as Int64), hirer: hirer.map { Int32($0) } ?? -1, person: r[3],
                                          period: month, received: r[5], hoursBefore: before.map { CentiHours($0) }, hours: CentiHours(r[7]),
                                          line: r[8], replacedLine: replaced.map { Int($0) })
            }
        }
    }

    public func personRoutes(run id: RunID, persons: [String]) throws -> [String: [RegisterRoute]] {
        try read { db in
            try self.requireRun(db, id)
            let st = try db.cachedStatement(sql: "SELECT routes FROM persons INDEXED BY persons_by_pseudonym WHERE run_id = ? AND pseudonym = ?")
            var out: [String: [RegisterRoute]] = [:]
            for p in persons {
                guard let routes = try String.fetchOne(st, arguments: [id, p]) else { continue }
                out[p] = routes.split(separator: ",").compactMap { RegisterRoute(rawValue: String($0)) }
            }
            return out
        }
    }

    public func aggregates(run id: RunID) throws -> QuotaAggregates {
        let national = try national(run: id)
        let employers = try employers(run: id)
        let collaborations = try collaborations(run: id)
        let summary = try run(id)
        let rejections = try rejections(run: id, withCSV: false)
        let pairs = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT h.employer_idx, p.pseudonym, h.hours FROM target_group_hours h
                JOIN persons p ON p.run_id = h.run_id AND p.idx = h.person_idx
                WHERE h.run_id = ? ORDER BY h.employer_idx, p.pseudonym
                """, arguments: [id]).map { QuotaAggregates.TargetGroupHours(employer: Int32($0[0] as Int64), person: $0[1], hours: CentiHours($0[2])) }
        }
        return QuotaAggregates(national: national, employers: employers, targetGroupHours: pairs, collaborations: collaborations,
                               counts: summary.counts, rejections: rejections)
    }

    public func rejections(run id: RunID) throws -> StoredRejections { try rejections(run: id, withCSV: true) }

    private func rejections(run id: RunID, withCSV: Bool) throws -> StoredRejections {
        try read { db in
            try self.requireRun(db, id)
            var byCode: [InputFile: [RejectionCode: Int]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT file, code, count FROM run_rejection_counts WHERE run_id = ?", arguments: [id]) {
                if let file = InputFile(rawValue: r["file"]), let code = RejectionCode(rawValue: r["code"]) { byCode[file, default: [:]][code] = r["count"] }
            }
            let sample = try Row.fetchAll(db, sql: "SELECT file, line, column_name, code, message, raw FROM run_rejection_sample WHERE run_id = ? ORDER BY seq", arguments: [id]).compactMap { r -> Rejection? in
                guard let file = InputFile(rawValue: r[0]) else { return nil }
                return Rejection(file: file, line: r[1], column: r[2], code: RejectionCode(rawValue: r[3]) ?? .malformed, message: r[4], raw: [UInt8](r[5] as Data))
            }
            let csv = withCSV ? try Data.fetchOne(db, sql: "SELECT content FROM run_files WHERE run_id = ? AND name = 'rejected.csv'", arguments: [id]).map { [UInt8]($0) } : nil
            return StoredRejections(byCode: byCode, sample: sample, csv: csv)
        }
    }

    // MARK: Tokens

    public func insertToken(hash: String, access: TokenAccess, createdAt: String) throws {
        try writeSmall { db in
            try db.execute(sql: "INSERT INTO tokens (hash, employer_id, role, created_at, region) VALUES (?, ?, ?, ?, ?)",
                           arguments: [hash, access.employerId, access.role.rawValue, createdAt, access.region])
        }
    }

    public func revokeToken(hash: String, at: String) throws -> Bool {
        try writeSmall { db in
            try db.execute(sql: "UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL", arguments: [at, hash])
            return db.changesCount > 0
        }
    }

    public func token(hash: String) throws -> StoredToken? {
        try readStatements { db in
            let st = try db.cachedStatement(sql: "SELECT hash, employer_id, role, created_at, revoked_at, region FROM tokens WHERE hash = ?")
            return try Row.fetchOne(st, arguments: [hash]).flatMap { r in
                TokenAccess(role: r["role"], employerId: r["employer_id"], region: r["region"]).map {
                    StoredToken(hash: r["hash"], access: $0, createdAt: r["created_at"], revokedAt: r["revoked_at"])
                }
            }
        }
    }

    // MARK: Sessions

    public func insertSession(hash: String, tokenHash: String, createdAt: String, expiresAt: String) throws {
        try writeSmall { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [createdAt])
            try db.execute(sql: "INSERT INTO sessions (hash, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
                           arguments: [hash, tokenHash, createdAt, expiresAt])
        }
    }

    public func session(hash: String) throws -> StoredSession? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT hash, token_hash, created_at, expires_at FROM sessions WHERE hash = ?", arguments: [hash]).map { r in
                StoredSession(hash: r["hash"], tokenHash: r["token_hash"], createdAt: r["created_at"], expiresAt: r["expires_at"])
            }
        }
    }

    public func deleteSession(hash: String) throws {
        try writeSmall { db in try db.execute(sql: "DELETE FROM sessions WHERE hash = ?", arguments: [hash]) }
    }

    // MARK: Helpers

    // MARK: Runs whose outputs are not in place yet

    public func completeRun(_ id: RunID) throws {
        try writeSmall { db in try db.execute(sql: "UPDATE runs SET pending_writer = NULL WHERE id = ?", arguments: [id]) }
    }

    public func pendingRuns() throws -> [PendingRun] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, pending_writer, created_at FROM runs WHERE pending_writer IS NOT NULL ORDER BY id").map {
                PendingRun(id: $0["id"], writer: $0["pending_writer"], createdAt: $0["created_at"])
            }
        }
    }

    public func removePendingRun(_ id: RunID) throws {
        try writeSmall { db in
            guard try Int64.fetchOne(db, sql: "SELECT id FROM runs WHERE id = ? AND pending_writer IS NOT NULL", arguments: [id]) != nil else { return }
            for table in ResultsStoreTables.perRun {
                try db.execute(sql: "DELETE FROM \(table) WHERE run_id = ?", arguments: [id])
            }
            try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [id])
        }
    }

    private func requireRun(_ db: Database, _ id: RunID) throws {
        let st = try db.cachedStatement(sql: "SELECT id FROM runs WHERE id = ? AND pending_writer IS NULL")
        guard try Int64.fetchOne(st, arguments: [id]) != nil else {
            throw StoreError(.unknownRun, "there is no run \(id) in \(location)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try readers.read(body) } catch let e as StoreError { throw e } catch {
            throw Self.translate(error, path: location, doing: "read")
        }
    }

    /// A read whose answer one statement gives (each SELECT is a transaction of its own in SQLite), without the
    /// read-only transaction that ``read(_:)`` opens and closes around it: for the server's per-request look-ups.
    func readStatements<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try readers.unsafeRead(body) } catch let e as StoreError { throw e } catch {
            throw Self.translate(error, path: location, doing: "read")
        }
    }

    func writeSmall<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch let e as StoreError { throw e } catch {
            throw Self.translate(error, path: location, doing: "write to")
        }
    }

    static func translate(_ error: any Error, path: String, doing: String) -> StoreError {
        if let e = error as? StoreError { return e }
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(.locked, "the store \(path) is locked by another process; cannot \(doing) it (try again when that process has finished)")
            case .SQLITE_NOTADB:
                return StoreError(.notAStore, "\(path) is not a results store (not an SQLite database)")
            case .SQLITE_CORRUPT:
                return StoreError(.damaged, damagedMessage(path, e.message ?? "database disk image is malformed"))
            case .SQLITE_CANTOPEN:
                return StoreError(.io, "cannot open the store \(path): \(e.message ?? "cannot open")")
            default:
                return StoreError(.io, "cannot \(doing) the store \(path): \(e.message ?? String(describing: e))")
            }
        }
        return StoreError(.io, "cannot \(doing) the store \(path): \(error)")
    }
}

/// Holds the test seam behind a lock so the store stays `Sendable`.
final class CheckpointBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (@Sendable (String) throws -> Void)?
    var value: (@Sendable (String) throws -> Void)? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
