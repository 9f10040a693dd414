import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest

/// A store of quota runs (results store: docs/contracts-internal.md). Back-ends (SQLite, PostgreSQL) implement this protocol and hold the same data;
/// everything above it (explain, diff, letters, the server) is written once against it.
///
/// A run is written in one transaction and never changes. Reads of an unknown run throw ``StoreError`` of kind
/// `.unknownRun`; a busy store throws `.locked`.
public protocol ResultsStore: AnyObject, Sendable {
    /// The path or URL (without a password), for messages.
    var location: String { get }

    /// The store's pseudonyms: the same key for every run of this store.
    func pseudonymizer() throws -> Pseudonymizer

    /// Writes a run in one transaction and returns its id. On any error nothing of the run remains.
    func write(_ run: RunRecord) throws -> RunID

    /// ``write(_:)`` with the run's receipt given by `receipt`, which a back-end may call late in the transaction,
    /// after the bulk rows, so that the inputs are hashed beside the write. An error from `receipt` ends the write
    /// with nothing of the run left.
    func write(_ run: RunRecord, receipt: @escaping @Sendable () throws -> RunReceipt) throws -> RunID

    /// Every run, oldest first.
    func runs() throws -> [RunSummary]
    func run(_ id: RunID) throws -> RunSummary
    func national(run: RunID) throws -> StoredNational
    /// One employer by `employer_id`, or `nil` when the run has no such employer.
    func employer(run: RunID, id: String) throws -> StoredEmployer?
    /// The employers with these indexes (in the order asked; unknown indexes are left out).
    func employers(run: RunID, indexes: [Int32]) throws -> [StoredEmployer]
    /// Every employer of the run, by index.
    func employers(run: RunID) throws -> [StoredEmployer]
    /// The collaborations read for the run, in file order (indexes into the run's employers).
    func collaborations(run: RunID) throws -> [Collaboration]
    /// The target-group lines where the employer is the formal employer or the hirer, in file order.
    func targetGroupLines(run: RunID, employer: Int32) throws -> [StoredLine]
    /// Every target-group line of one month (the monitor's count, spec section 16): employer, hirer and person by
    /// index, in no particular order.
    func monthLines(run: RunID, period: YearMonth) throws -> [MonthLine]
    /// The corrected, late and after-cut-off target-group rows (spec section 13) where the employer is the formal
    /// employer or the hirer, by line; empty for a run without the legal calendar (and every run stored before schema v6).
    func calendarLines(run: RunID, employer: Int32) throws -> [StoredCalendarLine]
    /// Register routes of these persons (pseudonyms) in the run.
    func personRoutes(run: RunID, persons: [String]) throws -> [String: [RegisterRoute]]
    /// The aggregates the rules need, persons by pseudonym: enough to assess the run again with other parameters.
    func aggregates(run: RunID) throws -> QuotaAggregates
    func rejections(run: RunID) throws -> StoredRejections

    /// Makes a run written with ``RunRecord/pendingWriter`` visible: its outputs are in place.
    func completeRun(_ id: RunID) throws
    /// Runs written with a ``RunRecord/pendingWriter`` and not completed (their writer may still be at work, or dead).
    func pendingRuns() throws -> [PendingRun]
    /// Removes a pending run and every row of it (a complete run is never removed).
    func removePendingRun(_ id: RunID) throws

    /// Keeps a token's hash (never the token) with what it may see.
    func insertToken(hash: String, access: TokenAccess, createdAt: String) throws
    /// Ends a token; `false` when no active token has this hash.
    func revokeToken(hash: String, at: String) throws -> Bool
    func token(hash: String) throws -> StoredToken?

    /// Keeps a sign-in session of the employer pages: the hash of its id (never the id), the hash of the token it
    /// was opened with, and when it ends. Sessions that have ended by `createdAt` are removed on the way.
    func insertSession(hash: String, tokenHash: String, createdAt: String, expiresAt: String) throws
    /// The session with this hash, ended or not (the caller checks `expiresAt` and the token).
    func session(hash: String) throws -> StoredSession?
    /// Ends a session (signing out); nothing happens for an unknown hash.
    func deleteSession(hash: String) throws

    // Decisions, objections and the access log (spec section 14; schema v7). All append-only.

    /// Keeps decisions in one transaction, in order; one whose id is already kept is left as it was. Returns how many
    /// were new.
    func insertDecisions(_ decisions: [StoredDecision]) throws -> Int
    /// The decisions of one employer, or of all when `employer` is nil, in the order they were kept.
    func decisions(employer: String?) throws -> [StoredDecision]
    /// One page of ``decisions(employer:)``: at most `limit` (at least 1), after the decision `after` (nil: from the
    /// first). Nil when `after` is not among the decisions of `employer` (or of all).
    func decisions(employer: String?, after: String?, limit: Int) throws -> [StoredDecision]?
    func decision(id: String) throws -> StoredDecision?
    /// Keeps a new objection with its first event (`submitted`) and returns it with its id.
    func insertObjection(_ objection: StoredObjection) throws -> StoredObjection
    /// Keeps new objections, each with its events as given (who and when), in one transaction (group commit), ids in
    /// the given order; all or none.
    func insertObjections(_ objections: [StoredObjection]) throws -> [StoredObjection]
    /// The objections of one employer, or of all when `employer` is nil, oldest first, each with its events.
    func objections(employer: String?) throws -> [StoredObjection]
    /// One page of ``objections(employer:)``: at most `limit` (at least 1) with an id above `after`.
    func objections(employer: String?, after: Int64, limit: Int) throws -> [StoredObjection]
    func objection(id: Int64) throws -> StoredObjection?
    /// Appends a state change to an objection.
    func appendObjectionEvent(objection: Int64, _ event: ObjectionEvent) throws
    /// Appends a record to the access log.
    func appendAccess(_ record: AccessRecord) throws
    /// The access log from `since` (ISO 8601 date or time, compared as text) on, oldest first.
    func accessLog(since: String?) throws -> [AccessRecord]
}

extension ResultsStore {
    /// Keeps one decision; `false` (and nothing written) when a decision with its id is already kept.
    public func insertDecision(_ decision: StoredDecision) throws -> Bool { try insertDecisions([decision]) == 1 }

    /// The receipt first, then the write.
    public func write(_ run: RunRecord, receipt: @escaping @Sendable () throws -> RunReceipt) throws -> RunID {
        var complete = run
        complete.receipt = try receipt()
        return try write(complete)
    }
}

/// A run in the store whose outputs were not yet in place when it was written (``ResultsStore/pendingRuns()``):
/// hidden from every reader until ``ResultsStore/completeRun(_:)``.
public struct PendingRun: Sendable, Equatable {
    public var id: RunID
    /// `HOST:PID` of the process that wrote it.
    public var writer: String
    public var createdAt: String
    public init(id: RunID, writer: String, createdAt: String) {
        self.id = id
        self.writer = writer
        self.createdAt = createdAt
    }
}

/// The tables that hold rows of one run (`run_id`), besides `runs` itself: the same in both back-ends.
public enum ResultsStoreTables {
    public static let perRun = ["run_row_counts", "run_rejection_counts", "run_rejection_sample", "run_files", "employers",
                                "collaborations", "persons", "target_group_hours", "target_group_lines",
                                "calendar_lines"]
}
