import BanenafspraakCore
import BanenafspraakStore
import GRDB

/// Decisions, objections and the access log in the SQLite store (schema v7, spec section 14): inserts only.
extension SQLiteResultsStore {
    public func insertDecisions(_ decisions: [StoredDecision]) throws -> Int {
        try writeSmall { db in
            var seq = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM decisions") ?? 0
            var added = 0
            for d in decisions {
                guard try String.fetchOne(db, sql: "SELECT id FROM decisions WHERE id = ?", arguments: [d.id]) == nil else { continue }
                seq += 1
                try db.execute(sql: """
                    INSERT INTO decisions (id, seq, run_id, employer_id, year, levy, hours_total, hours_c, receipt, as_of, stage, date,
                                           revises, simulation, figures_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [d.id, seq, d.run, d.employerId, d.year, d.levy.rawValue, d.hoursTotal.rawValue, d.hoursC.rawValue,
                                     d.receipt, d.asOf, d.stage, d.date, d.revises, d.simulation, d.document])
                added += 1
            }
            return added
        }
    }

    static let decisionColumns = "id, run_id, employer_id, year, levy, hours_total, hours_c, receipt, as_of, stage, date, revises, simulation, figures_json"

    static func decision(_ r: Row) -> StoredDecision {
        StoredDecision(id: r[0], run: r[1], employerId: r[2], year: r[3], levy: Cents(r[4] as Int64), hoursTotal: CentiHours(r[5] as Int64),
                       hoursC: CentiHours(r[6] as Int64), receipt: r[7], asOf: r[8], stage: r[9], date: r[10], revises: r[11],
                       simulation: r[12], document: r[13])
    }

    public func decisions(employer: String?) throws -> [StoredDecision] {
        try read { db in
            if let employer {
                return try Row.fetchAll(db, sql: "SELECT \(Self.decisionColumns) FROM decisions WHERE employer_id = ? ORDER BY seq", arguments: [employer]).map(Self.decision)
            }
            return try Row.fetchAll(db, sql: "SELECT \(Self.decisionColumns) FROM decisions ORDER BY seq").map(Self.decision)
        }
    }

    public func decisions(employer: String?, after: String?, limit: Int) throws -> [StoredDecision]? {
        try read { db in
            var filter: [String] = [], arguments: StatementArguments = []
            if let employer { filter.append("employer_id = ?"); arguments += [employer] }
            if let after {
                guard let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM decisions WHERE id = ?" + (employer == nil ? "" : " AND employer_id = ?"),
                                                   arguments: [after] + arguments) else { return nil }
                filter.append("seq > ?"); arguments += [seq]
            }
            arguments += [max(1, limit)]
            let condition = filter.isEmpty ? "" : "WHERE " + filter.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: "SELECT \(Self.decisionColumns) FROM decisions \(condition) ORDER BY seq LIMIT ?", arguments: arguments).map(Self.decision)
        }
    }

    public func decision(id: String) throws -> StoredDecision? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.decisionColumns) FROM decisions WHERE id = ?"), arguments: [id]).map(Self.decision)
        }
    }

    public func insertObjection(_ o: StoredObjection) throws -> StoredObjection {
        try insertObjections([o])[0]
    }

    public func insertObjections(_ objections: [StoredObjection]) throws -> [StoredObjection] {
        try writeSmall { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO objections (decision_id, employer_id, grounds, disputed, late, register_ground) VALUES (?, ?, ?, ?, ?, ?)")
            return try objections.map { o in
                try insert.execute(arguments: [o.decisionId, o.employerId, o.grounds, o.disputed, o.late, o.registerGround])
                var kept = o
                kept.id = db.lastInsertedRowID
                for (i, e) in o.events.enumerated() { try Self.insertEvent(db, objection: kept.id, seq: i + 1, e) }
                return kept
            }
        }
    }

    static func insertEvent(_ db: Database, objection: Int64, seq: Int, _ e: ObjectionEvent) throws {
        try db.cachedStatement(sql: "INSERT INTO objection_events (objection_id, seq, kind, reason, actor, at) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [objection, seq, e.kind.rawValue, e.reason, e.actor, e.at])
    }

    public func objections(employer: String?) throws -> [StoredObjection] {
        try read { db in
            guard let employer else { return try Self.objections(db, filter: "", arguments: []) }
            return try Self.objections(db, filter: "WHERE employer_id = ?", arguments: [employer])
        }
    }

    public func objections(employer: String?, after: Int64, limit: Int) throws -> [StoredObjection] {
        try read { db in
            guard let employer else {
                return try Self.objections(db, filter: "WHERE id > ?", limit: limit, arguments: [after])
            }
            return try Self.objections(db, filter: "WHERE employer_id = ? AND id > ?", limit: limit, arguments: [employer, after])
        }
    }

    public func objection(id: Int64) throws -> StoredObjection? {
        try read { db in try Self.objections(db, filter: "WHERE id = ?", arguments: [id]).first }
    }

    static func objections(_ db: Database, filter: String, limit: Int? = nil, arguments: StatementArguments) throws -> [StoredObjection] {
        var arguments = arguments
        if let limit { arguments += [max(1, limit)] }
        // Prepared once per connection: the filters are a handful of fixed texts.
        var found = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, decision_id, employer_id, grounds, disputed, late, register_ground FROM objections \(filter) ORDER BY id\(limit == nil ? "" : " LIMIT ?")"),
                                     arguments: arguments).map { r in
            StoredObjection(id: r[0], decisionId: r[1], employerId: r[2], grounds: r[3], disputed: r[4], late: r[5], registerGround: r[6], events: [])
        }
        guard !found.isEmpty else { return [] }
        let position = Dictionary(uniqueKeysWithValues: found.enumerated().map { (i, o) in (o.id, i) })
        // A page's ids lie close together: the events from its first to its last id, by a prepared statement, those of
        // objections not found passed over; ids far apart (one employer's among many) by their list.
        let (first, last) = (found[0].id, found[found.count - 1].id)
        let events = last - first < 4 * Int64(found.count)
            ? try Row.fetchAll(db.cachedStatement(sql: "SELECT objection_id, kind, reason, actor, at FROM objection_events WHERE objection_id BETWEEN ? AND ? ORDER BY objection_id, seq"),
                               arguments: [first, last])
            : try Row.fetchAll(db, sql: "SELECT objection_id, kind, reason, actor, at FROM objection_events WHERE objection_id IN (\(found.map { String($0.id) }.joined(separator: ","))) ORDER BY objection_id, seq")
        for r in events {
            let id: Int64 = r[0]
            guard let i = position[id], let kind = ObjectionEvent.Kind(rawValue: r[1]) else { continue }
            found[i].events.append(ObjectionEvent(kind: kind, reason: r[2], actor: r[3], at: r[4]))
        }
        return found
    }

    public func appendObjectionEvent(objection: Int64, _ event: ObjectionEvent) throws {
        try writeSmall { db in
            let seq = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM objection_events WHERE objection_id = ?", arguments: [objection]) ?? 1
            try Self.insertEvent(db, objection: objection, seq: seq, event)
        }
    }

    public func appendAccess(_ a: AccessRecord) throws {
        try writeSmall { db in
            try db.execute(sql: "INSERT INTO access_log (at, token_id, role, endpoint, run_id, employer_id, ground) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [a.at, a.tokenId, a.role.rawValue, a.endpoint, a.run, a.employerId, a.ground])
        }
    }

    public func accessLog(since: String?) throws -> [AccessRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT at, token_id, role, endpoint, run_id, employer_id, ground FROM access_log WHERE at >= ? ORDER BY seq",
                             arguments: [since ?? ""]).map { r in
                AccessRecord(at: r[0], tokenId: r[1], role: TokenRole(rawValue: r[2]) ?? .analyst, endpoint: r[3], run: r[4], employerId: r[5], ground: r[6])
            }
        }
    }
}
