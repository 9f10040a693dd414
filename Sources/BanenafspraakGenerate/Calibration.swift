/// Calibration of the generated register so that `national` data measures (reading Regeling Wfsv art. 3.29-3.30 in docs/readings.md) near the published
/// realisations of its year, with the overheid behind the markt (docs/calibration.md).
///
/// ## What is published
/// Only two realisations are cited from the parliamentary letters: end 2018 "bijna 52.000" extra jobs against a
/// target of 43,500, the overheid behind ("De overheidssector is achtergebleven"; Kamerbrief vereenvoudiging
/// banenafspraak, 2019), and end 2021 72,809 (Kamerstukken II 2022/23, 34 352, nr. 281). The other years are
/// **calibration targets, not published figures**: linear from 0 in December 2012 to 52,000 in 2018, linear from
/// 2018 to 2021, and on at the 2018–2021 pace after 2021. The overheid's share is set at 18% of the total, at most
/// 80% of its own growth path, which keeps it behind its path in every year (as it was).
///
/// ## How the register follows
/// December target-group hours in national data are linear in the register propensity multipliers `k` (per mille,
/// one per sector of the employer) with which every employer's propensity is scaled:
///
///     H_markt    = F_markt    + (a_mm × k_markt + a_mo × k_overheid) / 1000
///     H_overheid = F_overheid + (a_om × k_markt + a_oo × k_overheid) / 1000
///
/// `F` is the part that does not depend on `k` (seconded Wsw employees and the fixed 2% at Wsw employers); the
/// cross terms exist because lent-out lines count in the hirer's sector. The coefficients were measured on `medium`
/// data (a tenth of national in every size tier) at `k` = (0,0), (1000,0) and (0,1000) —
/// `generate --scale medium --propensity-per-mille M,O` then `measure` — for four seeds, averaged and multiplied
/// by 10 (docs/calibration.md). For year t the generator solves the two equations for the target hours
/// `H*(t) = baseline December 2012 + target jobs × 110.92` (Cramer's rule, `Int128`, no floating point), and
/// records in `manifest.json` the national measurement it expects from that, so a `medium` run times 10 checks
/// the calibration without generating national data.
public enum Calibration {
    /// Realised extra jobs (calibration targets) at the end of each year, combined; see above for which are
    /// published.
    public static let totalJobs: [Int: Int64] = [
        2013: 8_667, 2014: 17_333, 2015: 26_000, 2016: 34_667, 2017: 43_333, 2018: 52_000,
        2019: 58_936, 2020: 65_873, 2021: 72_809, 2022: 79_745, 2023: 86_682, 2024: 93_618, 2025: 100_554,
    ]
    /// Published realisations, for the manifest and the report of a calibration check.
    public static let published: [Int: (jobs: Int64, note: String)] = [
        2018: (52_000, "bijna 52.000 (Kamerbrief vereenvoudiging banenafspraak, 2019; doel 43.500)"),
        2021: (72_809, "72.809 (Kamerstukken II 2022/23, 34 352, nr. 281)"),
    ]
    /// The overheid's share of the combined realisation, in per mille, but never more than 80% of its own growth
    /// path (Regeling Wfsv; 2013–2014, before the first measurement, taken as 1,000 and 2,000).
    public static let overheidSharePerMille: Int64 = 180
    static let overheidPath: [Int: Int64] = [
        2013: 1_000, 2014: 2_000, 2015: 3_000, 2016: 6_500, 2017: 10_000, 2018: 12_500, 2019: 15_000, 2020: 17_500,
        2021: 20_000, 2022: 22_500, 2023: 25_000, 2024: 25_000, 2025: 25_000,
    ]

    /// Baseline December 2012 hours (centi-hours; Regeling Wfsv) and hours per job-month (110.92 h).
    static let baselineMarkt: Int64 = 691_449_100
    static let baselineOverheid: Int64 = 105_547_400
    static let hoursPerJobMonth: Int64 = 11_092

    /// National December target-group hours (centi-hours): the fixed parts and the coefficients per 1000 ‰.
    /// Averages over four `medium` seeds (1–4, year 2018) times 10, on data with control totals
    /// (``ControlTotals``): a `medium` seed still varies about ±3% in the markt's fixed part and ±6% in the
    /// overheid's coefficient (only 16 employers of 5,000 or more); national data varies far less.
    static let mediumFixedMarkt: Int64 = 129_999_940
    static let mediumFixedOverheid: Int64 = 63_795_882
    static let mediumAMM: Int64 = 672_482_267
    static let mediumAMO: Int64 = 18_806_150
    static let mediumAOM: Int64 = 20_653_277
    static let mediumAOO: Int64 = 364_023_612

    /// National data measures a little other than ten times `medium` (per 100,000): national runs of 2018 (seeds 1
    /// and 2) and 2021 (seed 1), generated with the coefficients above, measured 98.5% and 99.0% of the modelled
    /// markt hours and 102.5% and 101.9% of the modelled overheid hours. Each sector's equation is scaled by the
    /// mean of the two years.
    static let nationalMarkt: Int64 = 98_720
    static let nationalOverheid: Int64 = 102_188

    static let fixedMarkt = mediumFixedMarkt * nationalMarkt / 100_000
    static let aMM = mediumAMM * nationalMarkt / 100_000
    static let aMO = mediumAMO * nationalMarkt / 100_000
    static let fixedOverheid = mediumFixedOverheid * nationalOverheid / 100_000
    static let aOM = mediumAOM * nationalOverheid / 100_000
    static let aOO = mediumAOO * nationalOverheid / 100_000

    /// The calibration target for year t (nearest tabled year outside 2013–2025), per sector, in jobs.
    public static func targetJobs(year: Int) -> (markt: Int64, overheid: Int64) {
        let y = min(max(year, 2013), 2025)
        let total = totalJobs[y]!
        let overheid = min(total * overheidSharePerMille / 1000, overheidPath[y]! * 8 / 10)
        return (total - overheid, overheid)
    }

    /// The propensity multipliers (per mille) for year t: the solution of the two equations above.
    public static func propensityPerMille(year: Int) -> (markt: Int, overheid: Int) {
        let (m, o) = targetJobs(year: year)
        let rm = Int128(baselineMarkt + m * hoursPerJobMonth - fixedMarkt)
        let ro = Int128(baselineOverheid + o * hoursPerJobMonth - fixedOverheid)
        let det = Int128(aMM) * Int128(aOO) - Int128(aMO) * Int128(aOM)
        let km = (rm * Int128(aOO) - Int128(aMO) * ro) * 1000 / det
        let ko = (Int128(aMM) * ro - rm * Int128(aOM)) * 1000 / det
        return (Int(max(0, km)), Int(max(0, ko)))
    }

    /// The national measurement (hundredths of a job, as `measure` floors it) expected at the multipliers `k`.
    public static func expectedExtraJobs(propensityPerMille k: (markt: Int, overheid: Int)) -> (markt: Int64, overheid: Int64, total: Int64) {
        let hm = fixedMarkt + (aMM * Int64(k.markt) + aMO * Int64(k.overheid)) / 1000
        let ho = fixedOverheid + (aOM * Int64(k.markt) + aOO * Int64(k.overheid)) / 1000
        func jobs(_ h: Int64) -> Int64 {
            let (q, r) = (h * 100).quotientAndRemainder(dividingBy: hoursPerJobMonth)
            return r < 0 ? q - 1 : q
        }
        return (jobs(hm - baselineMarkt), jobs(ho - baselineOverheid), jobs(hm + ho - baselineMarkt - baselineOverheid))
    }

    /// The calibration as recorded in `manifest.json`.
    static func manifestJSON(year: Int, scale: GeneratorScale) -> String {
        let (m, o) = targetJobs(year: year)
        let k = propensityPerMille(year: year)
        let e = expectedExtraJobs(propensityPerMille: k)
        func j(_ h: Int64) -> String { let a = abs(h); return "\"\(h < 0 ? "-" : "")\(a / 100).\(a % 100 < 10 ? "0" : "")\(a % 100)\"" }
        let published = Calibration.published[year].map { "\"\($0.note)\"" } ?? "null"
        return "{\"national_target_extra_jobs\": {\"markt\": \(m), \"overheid\": \(o), \"total\": \(m + o)}, \"expected_national_extra_jobs\": {\"markt\": \(j(e.markt)), \"overheid\": \(j(e.overheid)), \"total\": \(j(e.total))}, \"published\": \(published), \"propensity_per_mille\": {\"markt\": \(k.markt), \"overheid\": \(k.overheid)}, \"meaningful_at_scale\": \"national\"}"
    }
}
