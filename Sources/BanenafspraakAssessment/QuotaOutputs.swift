import BanenafspraakCore
import BanenafspraakIngest

/// The contract outputs of a quota run (output contract: docs/contracts-internal.md); the file writing is Batch's.
public enum QuotaOutputs {
    /// The `employers.csv` header (contract).
    public static let employersHeader = (["employer_id", "sector"] + EmployerFigures.Column.allCases.map(\.rawValue)).joined(separator: ",")

    /// Employer indexes sorted by id byte value (reading R4 in docs/readings.md).
    public static func sortedEmployerIndexes(_ result: QuotaResult) -> [Int] {
        let ids = result.employers.ids
        let indexes = Array(0..<result.employers.count)
        func precedes(_ a: Int, _ b: Int) -> Bool { ids.bytes(Int32(a)).lexicographicallyPrecedes(ids.bytes(Int32(b))) }
        // employers.csv usually lists the employers in id order already: one pass checks that.
        if indexes.count < 2 || (1..<indexes.count).allSatisfy({ precedes($0 - 1, $0) }) { return indexes }
        return indexes.sorted(by: precedes)
    }

    /// `national.json` with the contract keys (output contract: docs/contracts-internal.md; reading R20 in docs/readings.md) and more.
    public static func nationalJSON(_ result: QuotaResult) -> JSONValue {
        func measurement(_ key: Quotum) -> JSONValue {
            let m = result.measurement[key]!
            return .object([
                ("hours_december", .string(m.hoursDecember.description)),
                ("extra_jobs", .string(FixedPoint.format(m.extraJobsHundredths, scale: 2))),
                ("target", .integer(m.target)),
                ("activation_indicated", .bool(m.activationIndicated)),
                ("baseline_hours", .string(m.baselineHours.description)),
                ("gap", .string(FixedPoint.format(m.target * 100 - m.extraJobsHundredths, scale: 2))),
            ])
        }
        func rows(_ file: InputFile) -> JSONValue {
            let c = result.counts[file] ?? RowCounts()
            var pairs: [(String, JSONValue)] = [("read", .integer(Int64(c.read))), ("accepted", .integer(Int64(c.accepted))),
                                                ("rejected", .integer(Int64(c.rejected)))]
            if file == .payroll { pairs.append(("outside_year", .integer(Int64(c.outsideYear)))) }
            // The legal calendar's counts (spec section 13), only when the run sees the inputs at a date.
            if result.calendar != nil && (file == .payroll || file == .register) {
                pairs.append(("after_cutoff", .integer(Int64(c.afterCutoff))))
                if file == .payroll { pairs.append(("superseded", .integer(Int64(c.superseded)))) }
            }
            return .object(pairs)
        }
        func provenance(_ p: PercentProvenance?) -> JSONValue {
            switch p {
            case .override: return .string("override")
            case .manifest(let path): return .string("manifest: \(path)")
            case .published(let r): return .string("published: \(r.value.source)")
            case .computed, nil: return .string("computed")
            }
        }
        let liable = result.figures.filter(\.liable)
        let totals: [(String, JSONValue)] = [
            ("employers", .integer(Int64(result.figures.count))),
            ("liable_employers", .integer(Int64(liable.count))),
            ("employers_with_shortfall", .integer(Int64(liable.filter { $0.shortfallTenths > 0 }.count))),
            ("levy", .string(result.figures.reduce(Cents.zero) { $0 + $1.levy }.description)),
            ("surcharge", .string(result.figures.reduce(Cents.zero) { $0 + $1.surcharge }.description)),
            ("lkv", .string(result.figures.reduce(Cents.zero) { $0 + $1.lkv }.description)),
            ("bonus", .string(result.figures.reduce(Cents.zero) { $0 + $1.bonus }.description)),
            ("transfers", .string(result.figures.reduce(Cents.zero) { $0 + $1.transfersOut }.description)),
            ("net", .string(result.figures.reduce(Cents.zero) { $0 + $1.net }.description)),
            ("sum_a_liable", .string(result.percentages.sumA[.combined]!.description)),
            ("sum_premium_base_liable", .string(result.sumPremiumBase.description)),
        ]
        var calendar: [(String, JSONValue)] = []
        if let c = result.calendar {
            calendar = [("as_of", c.asOf.map { .string($0.description) } ?? .null), ("stage", c.stage.map { .string($0.rawValue) } ?? .null)]
        }
        var pairs: [(String, JSONValue)] = [
            ("year", .integer(Int64(result.year))),
            ("regime_register", .string(result.regime.rawValue)),
        ] + calendar + [
            ("quota_percent", .object(Quotum.allCases.map { ($0.rawValue, .string(result.percentages.percent[$0]!.description)) })),
            ("quota_percent_source", .object(Quotum.allCases.map { ($0.rawValue, provenance(result.percentages.provenance[$0])) })),
            ("surcharge_percent", .string(result.surchargeRate.description)),
            ("surcharge_percent_source", provenance(result.surchargeProvenance)),
            ("measurement", .object(Quotum.allCases.map { ($0.rawValue, measurement($0)) })),
            ("rows", .object([InputFile.payroll, .register, .employers, .collaborations].map { ($0.key, rows($0)) })),
            ("rejections_by_reason", .object(InputFile.allCases.compactMap { file in
                guard let codes = result.rejectionsByCode[file] else { return nil }
                return (file.rawValue, .object(RejectionCode.allCases.compactMap { c in codes[c].map { (c.rawValue, .integer(Int64($0))) } }))
            })),
            ("totals", .object(totals)),
            ("run", .object([("engine_version", .string(result.run.engineVersion)), ("input", .string(result.run.inputDirectory)),
                             ("parameters_file", result.run.parametersFile.map { .string($0) } ?? .null)])),
        ]
        // From 2026 only: whether the year's levy rests on an activation (Wet banenafspraak art. 5 and 6).
        if let activation = QuotaActivation(result.parameters) { pairs.append(("wet_banenafspraak", activation.jsonValue)) }
        return .object(pairs)
    }
}
