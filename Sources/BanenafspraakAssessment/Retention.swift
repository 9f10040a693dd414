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
        package init(route: String, workingP1: Int, workingP2: Int, everyQuarter: Int, noLongerWorking: Int) {
            self.route = route
            self.workingP1 = workingP1
            self.workingP2 = workingP2
            self.everyQuarter = everyQuarter
            self.noLongerWorking = noLongerWorking
        }
    }

    public struct Regional: Sendable {
        public var region: Int
        public var quarter: Int
        public var working: Int
        /// Against the previous quarter in the same region.
        public var kept: Int
        public var gained: Int
        public var lost: Int
        package init(region: Int, quarter: Int, working: Int, kept: Int, gained: Int, lost: Int) {
            self.region = region
            self.quarter = quarter
            self.working = working
            self.kept = kept
            self.gained = gained
            self.lost = lost
        }
    }

    public var overall: Row
    public var byRoute: [Row]
    /// Share of target-group hours on permanent contracts in P1 and P2, as hours (permanent, total).
    public var permanentHoursP1: (permanent: CentiHours, total: CentiHours)
    public var permanentHoursP2: (permanent: CentiHours, total: CentiHours)
    public var regional: [Regional]

    package init(overall: Row, byRoute: [Row], permanentHoursP1: (permanent: CentiHours, total: CentiHours),
                 permanentHoursP2: (permanent: CentiHours, total: CentiHours), regional: [Regional]) {
        self.overall = overall
        self.byRoute = byRoute
        self.permanentHoursP1 = permanentHoursP1
        self.permanentHoursP2 = permanentHoursP2
        self.regional = regional
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
