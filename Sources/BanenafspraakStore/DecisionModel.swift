import BanenafspraakCore

/// A levy decision (beschikking, Wfsv art. 38h lid 1 and 2) as the store keeps it (spec section 14). Written once
/// by `banenafspraak decide`, never changed: a herziening (art. 38h lid 5) is a new decision that names the one it
/// revises.
public struct StoredDecision: Sendable, Equatable {
    /// `QH-<year>-<employer>-R<run>`; a simulation `SIM-<year>-<employer>-R<run>`: one decision per run and employer.
    public var id: String
    public var run: RunID
    public var employerId: String
    public var year: Int
    public var levy: Cents
    public var hoursTotal: CentiHours
    public var hoursC: CentiHours
    /// SHA-256 of the run's receipt.
    public var receipt: String
    public var asOf: String?
    public var stage: String?
    /// The decision's date, `YYYY-MM-DD`.
    public var date: String
    /// The decision this one revises (herziening), or nil.
    public var revises: String?
    /// A simulation (a year before 2026, Wfsv art. 122na lid 1): not a decision.
    public var simulation: Bool
    /// The decision's JSON document exactly as `decide` wrote it (`DIR/<employer_id>.json`).
    public var document: String

    public init(id: String, run: RunID, employerId: String, year: Int, levy: Cents, hoursTotal: CentiHours, hoursC: CentiHours,
                receipt: String, asOf: String?, stage: String?, date: String, revises: String?, simulation: Bool, document: String) {
        self.id = id
        self.run = run
        self.employerId = employerId
        self.year = year
        self.levy = levy
        self.hoursTotal = hoursTotal
        self.hoursC = hoursC
        self.receipt = receipt
        self.asOf = asOf
        self.stage = stage
        self.date = date
        self.revises = revises
        self.simulation = simulation
        self.document = document
    }
}

/// Where an objection stands: open until an analyst decides it.
public enum ObjectionStatus: String, Sendable, Equatable, CaseIterable {
    case open, upheld, rejected
}

/// One state change of an objection, kept append-only with who and when (spec section 14).
public struct ObjectionEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Submitted by the employer.
        case submitted
        /// Decided by an analyst: the objection is well founded.
        case upheld
        /// Decided by an analyst: the objection is not well founded.
        case rejected
    }
    public var kind: Kind
    public var reason: String?
    /// Who: `role:token-id`.
    public var actor: String
    /// When: ISO 8601 UTC.
    public var at: String
    public init(kind: Kind, reason: String?, actor: String, at: String) {
        self.kind = kind
        self.reason = reason
        self.actor = actor
        self.at = at
    }
}

/// An objection (bezwaar, AWR hoofdstuk V by Wfsv art. 38h lid 7) against a decision, with its events.
public struct StoredObjection: Sendable, Equatable {
    public var id: Int64
    public var decisionId: String
    public var employerId: String
    public var grounds: String
    /// The figure or payroll line disputed, when named.
    public var disputed: String?
    /// Submitted after the six weeks (Awb art. 6:7 by AWR hoofdstuk V): recorded and marked late.
    public var late: Bool
    /// The grounds rest on a worker's absence from the register: no ground (Wfsv art. 38h lid 7); answered and referred to UWV.
    public var registerGround: Bool
    /// The events, oldest first; the first is `submitted`.
    public var events: [ObjectionEvent]

    public init(id: Int64, decisionId: String, employerId: String, grounds: String, disputed: String?, late: Bool,
                registerGround: Bool, events: [ObjectionEvent]) {
        self.id = id
        self.decisionId = decisionId
        self.employerId = employerId
        self.grounds = grounds
        self.disputed = disputed
        self.late = late
        self.registerGround = registerGround
        self.events = events
    }

    /// The status of the latest event.
    public var status: ObjectionStatus {
        switch events.last?.kind {
        case .upheld?: return .upheld
        case .rejected?: return .rejected
        default: return .open
        }
    }
}

/// One record of the access log, in the shape of the Logboek dataverwerkingen: who, what, when and on which ground.
public struct AccessRecord: Sendable, Equatable {
    /// When: ISO 8601 UTC.
    public var at: String
    /// Who: the first 16 hex digits of the token's hash, and its role.
    public var tokenId: String
    public var role: TokenRole
    /// What: the endpoint or page, the run and the employer.
    public var endpoint: String
    public var run: RunID?
    public var employerId: String?
    /// On which ground (the legal task the read serves).
    public var ground: String

    public init(at: String, tokenId: String, role: TokenRole, endpoint: String, run: RunID?, employerId: String?, ground: String) {
        self.at = at
        self.tokenId = tokenId
        self.role = role
        self.endpoint = endpoint
        self.run = run
        self.employerId = employerId
        self.ground = ground
    }
}

extension AccessRecord {
    /// One record as `log --format json` and `GET /api/v1/access-log` write it.
    public var json: JSONValue {
        .object([
            ("at", .string(at)), ("token_id", .string(tokenId)), ("role", .string(role.rawValue)), ("endpoint", .string(endpoint)),
            ("run", run.map { .integer($0) } ?? .null), ("employer_id", employerId.map { .string($0) } ?? .null), ("ground", .string(ground)),
        ])
    }
}
