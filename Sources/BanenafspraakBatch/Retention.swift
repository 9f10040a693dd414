import BanenafspraakCore

/// Retention (duurzaamheid, Kamerstukken I 2016/17, 33 981, N) and regional figures (Kamerstukken I 2016/17, 33 981, N factsheets) over the quarters of year t.
///
/// Counted over target-group lines as in the measurement (beschut never, own wsw excluded): a person
/// "works" in a quarter with hours > 0 on such a line.
public struct RetentionFigures: Sendable {
    public struct Row: Sendable {
        public var route: String
        /// Persons working in P1 (Q1).
        public var workingP1: Int
        /// Of them, working in P2 (Q4).
        public var workingP2: Int
        /// Of them, working in every quarter Q1..Q4.
        public var everyQuarter: Int
        /// Of them, not working in P2.
        public var noLongerWorking: Int
    }

    public struct Regional: Sendable {
        public var region: Int
        public var quarter: Int
        public var working: Int
        /// Against the previous quarter in the same region.
        public var kept: Int
        public var gained: Int
        public var lost: Int
    }

    public var overall: Row
    public var byRoute: [Row]
    /// Share of target-group hours on permanent contracts in P1 and P2, as hours (permanent, total).
    public var permanentHoursP1: (permanent: CentiHours, total: CentiHours)
    public var permanentHoursP2: (permanent: CentiHours, total: CentiHours)
    public var regional: [Regional]

    static func compute(aggregator: PayrollAggregator, register: RegisterIndex) -> RetentionFigures {
        func row(_ route: String, _ include: (Int) -> Bool) -> Row {
            var r = Row(route: route, workingP1: 0, workingP2: 0, everyQuarter: 0, noLongerWorking: 0)
            for p in 0..<register.registeredCount {
                let w = aggregator.workedLines
                let q = (w[p * 4] > 0 ? 1 : 0) | (w[p * 4 + 1] > 0 ? 2 : 0) | (w[p * 4 + 2] > 0 ? 4 : 0) | (w[p * 4 + 3] > 0 ? 8 : 0)
                guard q & 1 != 0 && include(p) else { continue }
                r.workingP1 += 1
                if q & 8 != 0 { r.workingP2 += 1 } else { r.noLongerWorking += 1 }
                if q == 0b1111 { r.everyQuarter += 1 }
            }
            return r
        }
        let overall = row("all") { _ in true }
        let byRoute = RegisterRoute.allCases.map { route in row(route.rawValue) { register.routes[$0].contains(route) } }
            .filter { $0.workingP1 > 0 }
        // Regional: persons per (region, quarter), and the change against the previous quarter.
        var sets: [Int: Set<Int32>] = [:] // key region * 4 + quarter
        for (k, lines) in aggregator.personRegionQuarter where lines > 0 {
            let person = Int32(truncatingIfNeeded: k >> 16), region = Int((k >> 8) & 0xFF), quarter = Int(k & 0xFF)
            sets[region * 4 + quarter, default: []].insert(person)
        }
        var regional: [Regional] = []
        for region in 1...35 {
            for quarter in 0..<4 {
                let now = sets[region * 4 + quarter] ?? []
                let before = quarter > 0 ? (sets[region * 4 + quarter - 1] ?? []) : []
                if now.isEmpty && before.isEmpty { continue }
                regional.append(Regional(region: region, quarter: quarter + 1, working: now.count,
                                         kept: quarter > 0 ? now.intersection(before).count : 0,
                                         gained: quarter > 0 ? now.subtracting(before).count : 0,
                                         lost: quarter > 0 ? before.subtracting(now).count : 0))
            }
        }
        return RetentionFigures(
            overall: overall, byRoute: byRoute,
            permanentHoursP1: (CentiHours(aggregator.quarterPermanentHours[0]), CentiHours(aggregator.quarterHours[0])),
            permanentHoursP2: (CentiHours(aggregator.quarterPermanentHours[3]), CentiHours(aggregator.quarterHours[3])),
            regional: regional)
    }

    /// As JSON for `measurement.json`. Shares are exact fractions written as counts, plus a percentage
    /// rounded half away from zero to 1 decimal for reading.
    public var jsonValue: JSONValue {
        func share(_ n: Int, _ d: Int) -> JSONValue {
            d == 0 ? .null : .string(FixedPoint.format(FixedPoint.narrow(FixedPoint.roundDivide(Int128(n) * 1000, Int128(d))), scale: 1))
        }
        func rowJSON(_ r: Row) -> JSONValue {
            .object([("route", .string(r.route)), ("working_p1", .integer(Int64(r.workingP1))), ("working_p2", .integer(Int64(r.workingP2))),
                     ("every_quarter", .integer(Int64(r.everyQuarter))), ("no_longer_working", .integer(Int64(r.noLongerWorking))),
                     ("percent_working_p2", share(r.workingP2, r.workingP1)), ("percent_every_quarter", share(r.everyQuarter, r.workingP1)),
                     ("percent_no_longer_working", share(r.noLongerWorking, r.workingP1))])
        }
        func perm(_ p: (permanent: CentiHours, total: CentiHours)) -> JSONValue {
            .object([("permanent_hours", .string(p.permanent.description)), ("target_group_hours", .string(p.total.description)),
                     ("percent_permanent", p.total.rawValue == 0 ? .null : .string(FixedPoint.format(FixedPoint.narrow(FixedPoint.roundDivide(Int128(p.permanent.rawValue) * 1000, Int128(p.total.rawValue))), scale: 1)))])
        }
        return .object([
            ("p1", .string("Q1")), ("p2", .string("Q4")),
            ("overall", rowJSON(overall)),
            ("by_route", .array(byRoute.map(rowJSON))),
            ("permanent_contracts", .object([("p1", perm(permanentHoursP1)), ("p2", perm(permanentHoursP2))])),
            ("regional", .array(regional.map { r in
                .object([("region", .string(Arbeidsmarktregio.code(r.region))), ("quarter", .integer(Int64(r.quarter))),
                         ("working", .integer(Int64(r.working))), ("kept", .integer(Int64(r.kept))), ("gained", .integer(Int64(r.gained))),
                         ("lost", .integer(Int64(r.lost)))])
            })),
        ])
    }
}
