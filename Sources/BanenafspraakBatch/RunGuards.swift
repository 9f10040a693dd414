import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest
import Foundation

/// Guard rails for ordinary mistakes of a first-time user: percentages that only make sense at national size,
/// and a `--year` that does not match the data.
public enum RunGuards {
    /// A computed quotum percentage above this (10.00%) cannot come from national data.
    public static let plausibleQuotumLimit = BasisPoints(1_000)
    /// A computed surcharge rate above this (5.000%) cannot come from national data.
    public static let plausibleSurchargeLimit = MilliPercent(5_000)

    /// The suggested percentages in `DIR/manifest.json` (`quota_percent`, written by `generate`), if any.
    /// Returns the manifest's path and the values it holds; a manifest without `quota_percent` gives `nil`.
    public static func manifestPercentages(inputDirectory: String) throws -> (path: String, percent: [Quotum: BasisPoints])? {
        let path = URL(fileURLWithPath: inputDirectory).appendingPathComponent("manifest.json").path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        _ = try InputFileState(path: path)   // not a FIFO or a device, which would never end
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw QuotaRunError("\(path): not a JSON object; remove it or fix it")
        }
        guard let q = object["quota_percent"] as? [String: Any] else { return nil }
        var percent: [Quotum: BasisPoints] = [:]
        for key in Quotum.allCases {
            guard let raw = q[key.rawValue] else { continue }
            guard let text = raw as? String, let value = BasisPoints(text), value.rawValue >= 0 else {
                throw QuotaRunError("\(path): quota_percent.\(key) is \(raw), expected a string with 2 decimals such as \"2.10\"")
            }
            percent[key] = value
        }
        return percent.isEmpty ? nil : (path, percent)
    }

    /// One implausible figure: a percentage computed from data that is clearly smaller than national.
    public struct Warning: Sendable, Equatable {
        /// The figure warned about.
        public enum Subject: Sendable, Equatable {
            case quotum(Quotum)
            case surcharge
        }

        public var subject: Subject
        /// The value as written in the outputs (`434.55`).
        public var value: String
        /// For the terminal (English, like the other messages).
        public var message: String
        /// For the report (Dutch).
        public var dutch: String
    }

    /// The computed percentages that are too high for national data (quotum > 10%, surcharge > 5%).
    /// Percentages given by a flag, a manifest or a publication are never flagged.
    public static func plausibilityWarnings(_ r: QuotaResult) -> [Warning] {
        var warnings: [Warning] = []
        for key in Quotum.allCases {
            guard r.percentages.provenance[key] == .computed, let p = r.percentages.percent[key], p > plausibleQuotumLimit else { continue }
            warnings.append(Warning(
                subject: .quotum(key), value: p.description,
                message: "the computed quotum percentage for \(key) is \(p.description)%, above 10%: the data is not national, so the percentage computed by Wfsv art. 38f lid 1 is meaningless; pass --quota-percent \(key)=VALUE (the generator suggests values in manifest.json)",
                dutch: "Het berekende quotumpercentage \(key) is \(DutchNumber.percent(p)), boven 10%: de gegevens zijn niet landelijk, dus het percentage volgens Wfsv art. 38f lid 1 zegt niets. Geef het percentage op met --quota-percent \(key)=WAARDE (de generator stelt waarden voor in manifest.json)."))
        }
        if r.surchargeProvenance == .computed && r.surchargeRate > plausibleSurchargeLimit {
            warnings.append(Warning(
                subject: .surcharge, value: r.surchargeRate.description,
                message: "the computed surcharge rate is \(r.surchargeRate.description)%, above 5%: the data is not national; pass --quota-percent total=VALUE (and/or --surcharge-percent R)",
                dutch: "Het berekende opslagpercentage is \(DutchNumber.surcharge(r.surchargeRate)), boven 5%: de gegevens zijn niet landelijk. Geef --quota-percent total=WAARDE (of --surcharge-percent R) op."))
        }
        return warnings
    }

    /// A `--year` that does not match the data: more than half of the valid payroll rows lie outside it.
    /// The error names the year most of those rows hold.
    static func checkYear(_ year: Int, counts: RowCounts, outsideYears: [Int: Int]) throws {
        let valid = counts.accepted + counts.outsideYear
        guard valid > 0, counts.outsideYear * 2 > valid else { return }
        let likely = outsideYears.filter { $0.value > 0 }.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
        let hint = likely.map { " The data seems to hold \($0.key) (\($0.value) rows): run with --year \($0.key)." } ?? ""
        throw QuotaRunError("payroll.csv: \(counts.outsideYear) of the \(valid) valid rows lie outside --year \(year).\(hint)")
    }
}
