import BanenafspraakCalculators
import BanenafspraakCore
import BanenafspraakDecisions
import BanenafspraakStore

/// Objections (bezwaar) against levy decisions, for the API and the employer pages alike (spec section 14): an
/// employer objects to its own decision; one received after six weeks is recorded and marked late; grounds that
/// rest on the register get the Wfsv art. 38h lid 7 answer with a referral to UWV; an analyst upholds or rejects.
/// Every state change is an appended event with who and when.
enum Objections {
    static let maxGrounds = 5000
    static let maxDisputed = 500

    /// What an objection body or form may hold.
    struct Submission {
        var grounds: String
        var disputed: String?

        /// Grounds of 1–5,000 characters, a disputed figure or line of at most 500; the error names the field.
        static func check(grounds: String, disputed: String?) -> Result<Submission, APIError> {
            let g = grounds.trimmingSpaces
            guard !g.isEmpty else { return .failure(APIError(status: 422, message: "grounds must not be empty", field: "/grounds")) }
            guard g.unicodeScalars.count <= maxGrounds else { return .failure(APIError(status: 422, message: "grounds hold at most \(maxGrounds) characters", field: "/grounds")) }
            let d = disputed?.trimmingSpaces
            if let d, d.unicodeScalars.count > maxDisputed { return .failure(APIError(status: 422, message: "disputed holds at most \(maxDisputed) characters", field: "/disputed")) }
            return .success(Submission(grounds: g, disputed: (d?.isEmpty ?? true) ? nil : d))
        }

        /// `{"grounds": text, "disputed": optional text}`, strictly.
        static func parse(_ body: String) -> Result<Submission, APIError> {
            let value: CaseValue
            do { value = try CaseValue.parse(body) } catch { return .failure(APIError(status: 400, message: "the body is not valid JSON: \(error.message)")) }
            do throws(CaseError) {
                var top = try CaseInput(value, path: "")
                guard case .string(let grounds)? = try top.raw("grounds", required: true) else {
                    throw CaseError(field: "grounds", message: "expected text")
                }
                var disputed: String?
                switch try top.raw("disputed", required: false) {
                case nil, .null?: break
                case .string(let d)?: disputed = d
                default: throw CaseError(field: "disputed", message: "expected text or null")
                }
                try top.finish()
                return check(grounds: grounds, disputed: disputed)
            } catch {
                return .failure(APIError(status: 422, message: error.message, field: JSONPointer.fromDottedPath(error.field)))
            }
        }
    }

    /// Keeps an objection by `employer` against its own decision `decisionId`; nil when there is no such decision
    /// of this employer (another's decision looks exactly like one that does not exist).
    static func submit(_ s: Submission, decisionId: String, employer: String, actor: String, store: any ResultsStore) throws -> StoredObjection? {
        guard let decision = try store.decision(id: decisionId) else { return nil }
        return try submit(s, decision: decision, employer: employer, actor: actor, store: store)
    }

    /// The objection `employer` submits against its own `decision` now, with its first event (who and when), not
    /// yet kept; nil when the decision is another employer's.
    static func prepare(_ s: Submission, decision: StoredDecision, employer: String, actor: String) -> StoredObjection? {
        guard ConstantTime.equal(decision.employerId, employer) else { return nil }
        let now = Sessions.now()
        let late = LocalDate(decision.date).map { ObjectionRules.isLate(decisionDate: $0, received: LocalDate(String(now.prefix(10)))!) } ?? false
        let register = ObjectionRules.restsOnRegister(s.grounds + " " + (s.disputed ?? ""))
        return StoredObjection(id: 0, decisionId: decision.id, employerId: employer, grounds: s.grounds, disputed: s.disputed,
                               late: late, registerGround: register,
                               events: [ObjectionEvent(kind: .submitted, reason: nil, actor: actor, at: now)])
    }

    /// As ``submit(_:decisionId:employer:actor:store:)``, with the decision already read.
    static func submit(_ s: Submission, decision: StoredDecision, employer: String, actor: String, store: any ResultsStore) throws -> StoredObjection? {
        guard let objection = prepare(s, decision: decision, employer: employer, actor: actor) else { return nil }
        return try store.insertObjection(objection)
    }

    /// An analyst's decision on an open objection.
    enum Outcome: String, CaseIterable { case upheld, rejected }

    static func json(_ o: StoredObjection) -> JSONValue {
        func opt(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        return .object([
            ("id", .integer(o.id)), ("decision_id", .string(o.decisionId)), ("employer_id", .string(o.employerId)),
            ("status", .string(o.status.rawValue)), ("grounds", .string(o.grounds)), ("disputed", opt(o.disputed)),
            ("late", .bool(o.late)), ("register_ground", .bool(o.registerGround)),
            ("answer", o.registerGround ? .string(ObjectionRules.registerAnswer) : .null),
            ("events", .array(o.events.map { e in
                .object([("kind", .string(e.kind.rawValue)), ("reason", opt(e.reason)), ("by", .string(e.actor)), ("at", .string(e.at))])
            })),
        ])
    }

    static let schema = Schema.object([
        ("id", Schema.integer()), ("decision_id", Schema.string()), ("employer_id", Schema.string()),
        ("status", Schema.string(enumeration: ObjectionStatus.allCases.map(\.rawValue))), ("grounds", Schema.string()),
        ("disputed", Schema.any("The disputed figure or payroll line, or null.")), ("late", Schema.boolean()),
        ("register_ground", Schema.boolean()), ("answer", Schema.any("The Wfsv art. 38h lid 7 answer with the referral to UWV, or null.")),
        ("events", Schema.array(Schema.object([("kind", Schema.string()), ("reason", Schema.any("Text or null.")), ("by", Schema.string()), ("at", Schema.string())],
                                              required: ["kind", "by", "at"]))),
    ], required: ["id", "decision_id", "employer_id", "status"])
}
