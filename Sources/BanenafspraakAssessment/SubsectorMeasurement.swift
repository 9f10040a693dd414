import BanenafspraakCore
import BanenafspraakIngest

/// The overheid's December target-group hours per subsector (the optional `subsector` column of employers.csv),
/// counted as the measurement counts them (Regeling Wfsv art. 3.30: December lines, at the hirer when lent out).
/// There is no nulmeting per subsector, so a subsector shows its December hours and those hours in jobs
/// (hours / 110.92, floored to hundredths, as the measurement converts), not extra jobs; the subsectors and the
/// overheid employers without one add up to the overheid's December hours.
public struct SubsectorMeasurement: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var subsector: OverheidSubsector?
        public var employers: Int
        public var hoursDecember: CentiHours
        /// Hundredths of a job.
        public var jobsHundredths: Int64
    }

    /// One row per subsector in the order of ``OverheidSubsector``, then the overheid employers without one.
    public var rows: [Row]

    public static func compute(hoursDecemberAt: [Int64], employers: EmployerRegistry, hoursPerJobMonth: CentiHours) -> SubsectorMeasurement {
        let slots = OverheidSubsector.allCases.count + 1
        var hours = [Int64](repeating: 0, count: slots), count = [Int](repeating: 0, count: slots)
        for e in 0..<employers.count where employers.sector[e] == .overheid {
            let slot = employers.subsectorOf(e)?.index ?? slots - 1
            hours[slot] += hoursDecemberAt[e]
            count[slot] += 1
        }
        let rows = (0..<slots).map { i in
            Row(subsector: i < slots - 1 ? OverheidSubsector.allCases[i] : nil, employers: count[i], hoursDecember: CentiHours(hours[i]),
                jobsHundredths: ExtraJobs.jobs(hours: hours[i], hoursPerJobMonth: hoursPerJobMonth))
        }
        return SubsectorMeasurement(rows: rows)
    }

    package var jsonValue: JSONValue {
        .array(rows.map { r in
            .object([
                ("subsector", r.subsector.map { .string($0.rawValue) } ?? .null),
                ("name", .string(r.subsector?.dutchName ?? "Zonder subsector")),
                ("employers", .integer(Int64(r.employers))),
                ("hours_december", .string(r.hoursDecember.description)),
                ("jobs_december", .string(FixedPoint.format(r.jobsHundredths, scale: 2))),
            ])
        })
    }
}
