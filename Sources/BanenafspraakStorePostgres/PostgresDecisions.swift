import BanenafspraakCore
import BanenafspraakStore
import PostgresNIO

/// Decisions, objections and the access log in the PostgreSQL store (schema v7, spec section 14): inserts only.
extension PostgresResultsStore {
    public func insertDecisions(_ decisions: [StoredDecision]) throws -> Int {
        let logger = logger
        return try perform(doing: "write to") { connection in
            try await connection.withTransaction(logger: logger) { c in
                // Writers of decisions one at a time, so `seq` follows the order of writing.
                try await c.query("LOCK TABLE decisions IN EXCLUSIVE MODE", logger: logger)
                var seq: Int64 = 0
                for try await v in try await c.query("SELECT COALESCE(MAX(seq), 0) FROM decisions", logger: logger).decode(Int64.self) { seq = v }
                var added = 0
                for d in decisions {
                    var known = false
                    for try await _ in try await c.query("SELECT id FROM decisions WHERE id = \(d.id)", logger: logger).decode(String.self) { known = true }
                    guard !known else { continue }
                    seq += 1
                    let year = Int64(d.year), levy = d.levy.rawValue, total = d.hoursTotal.rawValue, hoursC = d.hoursC.rawValue
                    try await c.query("""
                        INSERT INTO decisions (id, seq, run_id, employer_id, year, levy, hours_total, hours_c, receipt, as_of, stage, date,
                                               revises, simulation, figures_json)
                        VALUES (\(d.id), \(seq), \(d.run), \(d.employerId), \(year), \(levy), \(total), \(hoursC), \(d.receipt), \(d.asOf),
                                \(d.stage), \(d.date), \(d.revises), \(d.simulation), \(d.document))
                        """, logger: logger)
                    added += 1
                }
                return added
            }
        }
    }

    static func decision(_ r: PostgresRandomAccessRow) throws -> StoredDecision {
        StoredDecision(id: try r[0].decode(String.self), run: try r[1].decode(Int64.self), employerId: try r[2].decode(String.self),
                       year: Int(try r[3].decode(Int64.self)), levy: Cents(try r[4].decode(Int64.self)),
                       hoursTotal: CentiHours(try r[5].decode(Int64.self)), hoursC: CentiHours(try r[6].decode(Int64.self)),
                       receipt: try r[7].decode(String.self), asOf: try r[8].decode(String?.self), stage: try r[9].decode(String?.self),
                       date: try r[10].decode(String.self), revises: try r[11].decode(String?.self), simulation: try r[12].decode(Bool.self),
                       document: try r[13].decode(String.self))
    }

    public func decisions(employer: String?) throws -> [StoredDecision] {
        if let employer {
            return try rows("SELECT id, run_id, employer_id, year, levy, hours_total, hours_c, receipt, as_of, stage, date, revises, simulation, figures_json FROM decisions WHERE employer_id = \(employer) ORDER BY seq", Self.decision)
        }
        return try rows("SELECT id, run_id, employer_id, year, levy, hours_total, hours_c, receipt, as_of, stage, date, revises, simulation, figures_json FROM decisions ORDER BY seq", Self.decision)
    }

    public func decisions(employer: String?, after: String?, limit: Int) throws -> [StoredDecision]? {
        let logger = logger, limit = Int64(max(1, limit))
        return try perform(doing: "read") { c -> [StoredDecision]? in
            var from: Int64 = 0
            if let after {
                var found: Int64?
                let query: PostgresQuery = employer.map { "SELECT seq FROM decisions WHERE id = \(after) AND employer_id = \($0)" }
                    ?? "SELECT seq FROM decisions WHERE id = \(after)"
                for try await v in try await c.query(query, logger: logger).decode(Int64.self) { found = v }
                guard let found else { return nil }
                from = found
            }
            let columns = "id, run_id, employer_id, year, levy, hours_total, hours_c, receipt, as_of, stage, date, revises, simulation, figures_json"
            var query: PostgresQuery = "SELECT \(unescaped: columns) FROM decisions WHERE seq > \(from) ORDER BY seq LIMIT \(limit)"
            if let employer {
                query = "SELECT \(unescaped: columns) FROM decisions WHERE employer_id = \(employer) AND seq > \(from) ORDER BY seq LIMIT \(limit)"
            }
            var out: [StoredDecision] = []
            for try await row in try await c.query(query, logger: logger) { out.append(try Self.decision(row.makeRandomAccess())) }
            return out
        }
    }

    public func decision(id: String) throws -> StoredDecision? {
        try rows("SELECT id, run_id, employer_id, year, levy, hours_total, hours_c, receipt, as_of, stage, date, revises, simulation, figures_json FROM decisions WHERE id = \(id)", Self.decision).first
    }

    public func insertObjection(_ o: StoredObjection) throws -> StoredObjection {
        try insertObjections([o])[0]
    }

    public func insertObjections(_ objections: [StoredObjection]) throws -> [StoredObjection] {
        let logger = logger
        return try perform(doing: "write to") { connection in
            try await connection.withTransaction(logger: logger) { c in
                var out: [StoredObjection] = []
                for o in objections {
                    var kept = o
                    for try await id in try await c.query("""
                        INSERT INTO objections (decision_id, employer_id, grounds, disputed, late, register_ground)
                        VALUES (\(o.decisionId), \(o.employerId), \(o.grounds), \(o.disputed), \(o.late), \(o.registerGround)) RETURNING id
                        """, logger: logger).decode(Int64.self) { kept.id = id }
                    for (i, e) in o.events.enumerated() {
                        try await Self.insertEvent(c, objection: kept.id, seq: Int64(i + 1), e, logger)
                    }
                    out.append(kept)
                }
                return out
            }
        }
    }

    static func insertEvent(_ c: PostgresConnection, objection: Int64, seq: Int64, _ e: ObjectionEvent, _ logger: Logger) async throws {
        let kind = e.kind.rawValue
        try await c.query("INSERT INTO objection_events (objection_id, seq, kind, reason, actor, at) VALUES (\(objection), \(seq), \(kind), \(e.reason), \(e.actor), \(e.at))",
                          logger: logger)
    }

    public func objections(employer: String?) throws -> [StoredObjection] {
        let columns = "id, decision_id, employer_id, grounds, disputed, late, register_ground"
        guard let employer else { return try withEvents(try rows("SELECT \(unescaped: columns) FROM objections ORDER BY id", Self.objection)) }
        return try withEvents(try rows("SELECT \(unescaped: columns) FROM objections WHERE employer_id = \(employer) ORDER BY id", Self.objection))
    }

    public func objections(employer: String?, after: Int64, limit: Int) throws -> [StoredObjection] {
        let limit = Int64(max(1, limit))
        let columns = "id, decision_id, employer_id, grounds, disputed, late, register_ground"
        guard let employer else {
            return try withEvents(try rows("SELECT \(unescaped: columns) FROM objections WHERE id > \(after) ORDER BY id LIMIT \(limit)", Self.objection))
        }
        return try withEvents(try rows("SELECT \(unescaped: columns) FROM objections WHERE employer_id = \(employer) AND id > \(after) ORDER BY id LIMIT \(limit)",
                                       Self.objection))
    }

    public func objection(id: Int64) throws -> StoredObjection? {
        try withEvents(try rows("SELECT id, decision_id, employer_id, grounds, disputed, late, register_ground FROM objections WHERE id = \(id)", Self.objection)).first
    }

    static func objection(_ r: PostgresRandomAccessRow) throws -> StoredObjection {
        StoredObjection(id: try r[0].decode(Int64.self), decisionId: try r[1].decode(String.self), employerId: try r[2].decode(String.self),
                        grounds: try r[3].decode(String.self), disputed: try r[4].decode(String?.self), late: try r[5].decode(Bool.self),
                        registerGround: try r[6].decode(Bool.self), events: [])
    }

    private func withEvents(_ objections: [StoredObjection]) throws -> [StoredObjection] {
        guard !objections.isEmpty else { return [] }
        var found = objections
        let position = Dictionary(uniqueKeysWithValues: found.enumerated().map { (i, o) in (o.id, i) })
        // Only the events of these objections (one page, or one objection), not the whole table.
        let ids = found.map(\.id)
        let events = try rows("SELECT objection_id, kind, reason, actor, at FROM objection_events WHERE objection_id = ANY(\(ids)) ORDER BY objection_id, seq") { r in
            (try r[0].decode(Int64.self), try r[1].decode(String.self), try r[2].decode(String?.self), try r[3].decode(String.self), try r[4].decode(String.self))
        }
        for (id, kind, reason, actor, at) in events {
            guard let i = position[id], let kind = ObjectionEvent.Kind(rawValue: kind) else { continue }
            found[i].events.append(ObjectionEvent(kind: kind, reason: reason, actor: actor, at: at))
        }
        return found
    }

    public func appendObjectionEvent(objection: Int64, _ event: ObjectionEvent) throws {
        let logger = logger
        try perform(doing: "write to") { connection in
            try await connection.withTransaction(logger: logger) { c in
                // One writer per objection at a time, so two decisions cannot take the same `seq`.
                for try await _ in try await c.query("SELECT id FROM objections WHERE id = \(objection) FOR UPDATE", logger: logger).decode(Int64.self) {}
                var seq: Int64 = 1
                for try await v in try await c.query("SELECT COALESCE(MAX(seq), 0) + 1 FROM objection_events WHERE objection_id = \(objection)", logger: logger).decode(Int64.self) { seq = v }
                try await Self.insertEvent(c, objection: objection, seq: seq, event, logger)
            }
        }
    }

    public func appendAccess(_ a: AccessRecord) throws {
        let logger = logger, role = a.role.rawValue
        try perform(doing: "write to") { c in
            try await c.query("INSERT INTO access_log (at, token_id, role, endpoint, run_id, employer_id, ground) VALUES (\(a.at), \(a.tokenId), \(role), \(a.endpoint), \(a.run), \(a.employerId), \(a.ground))",
                              logger: logger)
        }
    }

    public func accessLog(since: String?) throws -> [AccessRecord] {
        let from = since ?? ""
        return try rows("SELECT at, token_id, role, endpoint, run_id, employer_id, ground FROM access_log WHERE at >= \(from) ORDER BY seq") { r in
            AccessRecord(at: try r[0].decode(String.self), tokenId: try r[1].decode(String.self),
                         role: TokenRole(rawValue: try r[2].decode(String.self)) ?? .analyst, endpoint: try r[3].decode(String.self),
                         run: try r[4].decode(Int64?.self), employerId: try r[5].decode(String?.self), ground: try r[6].decode(String.self))
        }
    }
}
