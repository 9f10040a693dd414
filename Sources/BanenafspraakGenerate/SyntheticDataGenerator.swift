import BanenafspraakCore
import Dispatch
import Foundation

/// Size of a generated data set (output contract: docs/contracts-internal.md).
public enum GeneratorScale: String, CaseIterable, Sendable {
    case tiny, small, medium, national
}

public struct GeneratorOptions: Sendable {
    public var scale: GeneratorScale
    public var year: Int
    public var seed: UInt64
    public var outputDirectory: String
    /// For a panel (`generate --years A-B`): the first year A. The employers and persons are drawn from
    /// `(seed, A, scale)` for every year of the panel, so each yearly folder has the same employers and persons;
    /// only the year's dates, wages and the register (growing with the calibration) differ. `nil`: `year` itself.
    public var panelBaseYear: Int?
    /// Calibration only: the register propensity multipliers in per mille (markt, overheid) instead of the
    /// calibrated ones of ``Calibration``; used to measure the fixed and variable parts of the December hours.
    public var propensityPerMille: (markt: Int, overheid: Int)?
    /// `--corrections` (spec section 13): a `received` column in payroll.csv and register.csv, with late lines,
    /// corrections (some after 1 May of t+1) and late registrations.
    public var corrections = false

    public init(scale: GeneratorScale, year: Int, seed: UInt64, outputDirectory: String, panelBaseYear: Int? = nil) {
        self.scale = scale
        self.year = year
        self.seed = seed
        self.outputDirectory = outputDirectory
        self.panelBaseYear = panelBaseYear
    }
}

public struct GeneratorSummary: Sendable {
    public var employers: Int
    public var persons: Int
    public var registerRows: Int
    public var payrollLines: Int
    public var collaborations: Int
    public var manifestPath: String
}

public enum GeneratorError: Error, CustomStringConvertible {
    case invalidYear(Int)
    case io(String)

    public var description: String {
        switch self {
        case .invalidYear(let y): "year \(y) is outside 1901–9990"
        case .io(let m): m
        }
    }
}

/// The per-scale knobs.
struct ScaleProfile {
    var employers: Int
    var maxEmployerSize: Int
    /// Persons per chunk (the unit of parallel work and of output buffering).
    var chunkPersons: Int
    var collaborations: Int
    var badRegisterRows: Int
    /// Fixed employer counts per size tier instead of the national shares (tiny: enough liable employers for
    /// the quota rules to have something to do).
    var tierCounts: [Int]? = nil
    /// Control totals by construction (``ControlTotals``): the calibrated scales, whose measurement must not
    /// depend on the seed. `tiny` and `small` keep their plain draws.
    var controlTotals = false

    static func of(_ scale: GeneratorScale) -> ScaleProfile {
        switch scale {
        case .tiny: ScaleProfile(employers: 40, maxEmployerSize: 60, chunkPersons: 100, collaborations: 3, badRegisterRows: 2,
                                tierCounts: [16, 8, 6, 5, 4, 1, 0, 0])
        case .small: ScaleProfile(employers: 4_500, maxEmployerSize: 6_000, chunkPersons: 16_384, collaborations: 6, badRegisterRows: 2)
        case .medium: ScaleProfile(employers: 45_000, maxEmployerSize: 20_000, chunkPersons: 16_384, collaborations: 30, badRegisterRows: 3,
                                  controlTotals: true)
        case .national: ScaleProfile(employers: 450_000, maxEmployerSize: 20_000, chunkPersons: 16_384, collaborations: 300, badRegisterRows: 5,
                                    controlTotals: true)
        }
    }
}

/// Deterministic synthetic data in the input formats of the input contract (docs/contracts-internal.md; `banenafspraak generate`).
///
/// The same `(scale, year, seed)` always gives byte-identical files, whatever the number of threads: every
/// employer and person draws from its own SplitMix64 stream derived from the seed, the employers are cut into
/// fixed chunks, and the chunks are written in order.
///
/// ## Shapes
/// - **Employers** (`E0000001`…, fixed width so byte order is numeric order): national 450,000, medium 45,000,
///   small 4,500, tiny 40. Sizes are heavy-tailed: stratified tiers (58% have 1–4 persons, 19% 5–9, 12.5%
///   10–24, 5.5% 25–49, 3.8% 50–199, 1.1% 200–999, 0.22% 1,000–4,999, 0.035% 5,000–20,000; truncated Pareto
///   within a tier; tiny uses fixed tier counts and at most 60 persons), which gives about 21.5 persons per
///   employer and 8% of employers above the 40,575-hour threshold. Sector overheid for about 9–10%, more often
///   among large employers. Regions AMR01–AMR35 with fixed weights. 1–6% of the employers with 5+ persons
///   (rising with size) are staffing agencies; 85% of their staff is lent out, to hirers drawn in proportion
///   to size among regular employers with 10+ persons, so mostly larger ones (about 4% of all lines are
///   lent out). About 1 in 5,000 employers (at least one) is a Wsw employer, drawn among those with 200+
///   persons (overheid, `staffing_agency=true`).
///   At `medium` and `national` scale the plan has control totals (``ControlTotals``): sizes stratified within
///   each tier, staffing agencies and overheid employers a systematic sample by size, Wsw employers of 300–1,100
///   persons (700 on average), and the register propensities scaled per group to the sector mean, so the
///   measurement does not depend on the seed (docs/calibration.md).
///   `prior_year_hours` is size × 1,340 h × 85–115% for 80%, × 50–150% for 8%, and blank for 12%.
/// - **Persons** (`P00000001`…): 83% work the whole year at one employer, 6% change employer once (to another
///   employer drawn by size), 11% work 1–11 consecutive months. Weekly contracts of 36–40, 20–32 or 5–19 hours
///   give monthly hours × 52/12 (so `138.67`); 25% (60% at agencies) have varying hours in quarter hours, now
///   and then 0. Hourly wages 1.0–4.5 × the minimum wage (about €13–€60 in 2024), the target group near the
///   minimum; 60% receive their 8% holiday allowance in May, so many May lines exceed the premium-wage cap.
///   Contracts are mostly permanent (agencies: mostly temporary).
/// - **Register**: employers get a target-group propensity (none for 20% of those below 50 persons and 5% of
///   the larger ones, otherwise uniform in 0.25–1.75 × 1.6% markt or 2.1% overheid, times the year's calibration
///   multiplier of `Calibration`, which makes national data measure near the realisation of its year); with the Wsw
///   employees and 0.4% registered persons without work this puts about 2–4% of the persons in `register.csv`. Routes are mostly `pwet_wml`, `wajong`, `vso_pro`, `praktijkroute`, with some of
///   every other route, including the widening-only ones. Intervals: most registered before year t with a blank
///   end; some start or end mid-month in year t, some have two intervals, some ended in t−1, some end after t.
///   At Wsw employers 80% are `wsw`-route persons on `scheme=wsw` lines (30% of them seconded to a hirer),
///   5% work on `beschut` lines.
/// - **Collaborations**: 300 rows at national scale (30 medium, 6 small, 3 tiny), from employers drawn by
///   size, 1–3 rows per (from, year) with percentages 1.00–100.00 that never add up to more than 100.
/// - **Injected bad data** (counted in `manifest.json` under `injected`): in payroll.csv (a) an exact re-key of
///   an earlier valid line with different hours (`duplicate`), (b) a line with an employer id `EX…` that is not
///   in employers.csv (`unknown_employer`), (c) a re-key of a valid line with hours `800.00` placed after it
///   (`out_of_range`), each about 1 per 100,000 lines, and (d) valid lines for December of t−1
///   (`outside_year`), about 1 per 200,000; the very first person has one of each. In register.csv a few rows
///   with `registered_from` after `registered_until` (`from_after_until`), for persons without work.
///   Nothing else is malformed; a few employer names contain a comma and are quoted (RFC 4180).
public enum SyntheticDataGenerator {
    /// progress(done, total) is called now and then from the calling thread (units: persons).
    public static func generate(_ options: GeneratorOptions, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> GeneratorSummary {
        try generate(options, workers: ProcessInfo.processInfo.activeProcessorCount, progress: progress)
    }

    /// As ``generate(_:progress:)``, with an explicit number of worker threads (clamped to 1–8). The output
    /// does not depend on it (the tests check this); the default is the number of active processors.
    public static func generate(_ options: GeneratorOptions, workers requestedWorkers: Int,
                         progress: (@Sendable (Int, Int) -> Void)?) throws -> GeneratorSummary {
        guard (1901...9990).contains(options.year) else { throw GeneratorError.invalidYear(options.year) }
        let dir = options.outputDirectory
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError.io("cannot create directory \(dir): \(error)")
        }
        func path(_ name: String) -> String { (dir as NSString).appendingPathComponent(name) }

        let profile = ScaleProfile.of(options.scale)
        let multipliers = options.propensityPerMille ?? Calibration.propensityPerMille(year: options.year)
        let plan = EmployerPlan(profile: profile, year: options.year, seed: options.seed, scale: options.scale,
                                baseYear: options.panelBaseYear ?? options.year, propensityPerMille: multipliers)

        try writeEmployers(plan: plan, to: path("employers.csv"))

        // Payroll and register, in chunks generated in parallel and written in order.
        let synth = PersonSynthesizer(plan: plan, corrections: options.corrections)
        let payrollFile = try OutputFile(path: path("payroll.csv"))
        let registerFile = try OutputFile(path: path("register.csv"))
        let received = options.corrections ? ",received" : ""
        try writeLine(payrollFile, "employer_id,person_id,period,hours,wage,contract,scheme,hirer_id\(received)\n")
        try writeLine(registerFile, "person_id,route,registered_from,registered_until\(received)\n")

        let chunks = plan.chunks(persons: profile.chunkPersons)
        let workers = max(1, min(requestedWorkers, 8))
        let accumulators = (0..<workers).map { _ in Accumulators(count: plan.count) }
        let bufferCapacity = profile.chunkPersons * 12 * 70
        let sets = (0..<2).map { _ in (0..<workers).map { _ in ChunkOutput(capacity: bufferCapacity) } }
        let failure = FailureBox()
        var counts = RowCounts()
        var personsDone = 0
        let totalPersons = plan.totalPersons

        var batch = 0
        var pendingSet = -1, pendingCount = 0
        while true {
            let startChunk = batch * workers
            let n = max(0, min(workers, chunks.count - startChunk))
            if n == 0 && pendingCount == 0 { break }
            let current = sets[batch % 2]
            let writeSet = pendingSet >= 0 ? sets[pendingSet] : []
            let writeCount = pendingCount
            // Iterations 0..<n generate chunks; iteration n (when there is one) writes the previous batch.
            DispatchQueue.concurrentPerform(iterations: n + (writeCount > 0 ? 1 : 0)) { i in
                if i < n {
                    synth.run(chunk: chunks[startChunk + i], out: current[i], acc: accumulators[i])
                } else {
                    do {
                        for k in 0..<writeCount {
                            try payrollFile.write(writeSet[k].payroll)
                            try registerFile.write(writeSet[k].register)
                        }
                    } catch {
                        failure.set(error)
                    }
                }
            }
            if let error = failure.error { throw error }
            for i in 0..<n {
                counts = counts + current[i].counts
                personsDone += current[i].persons
            }
            progress?(personsDone, totalPersons)
            pendingSet = n > 0 ? batch % 2 : -1
            pendingCount = n
            batch += 1
        }
        // Free the chunk buffers before the tail.
        _ = sets

        // Registered persons without work, and the injected from-after-until rows.
        var tail = ByteWriter(capacity: 1 << 16)
        defer { tail.release() }
        let registerOnly = max(profile.badRegisterRows, totalPersons * 4 / 1000)
        let badEvery = max(1, registerOnly / profile.badRegisterRows)
        var badLeft = profile.badRegisterRows
        for j in 0..<registerOnly {
            let g = totalPersons + j
            var r = SplitMix64(seed: synth.personSeed(g))
            let route = r.pick(weights: Vocabulary.routeWeights)
            _ = synth.registration(route: route, person: g, &r, into: &tail, counts: &counts)
            if badLeft > 0 && j % badEvery == 0 {
                let m = r.int(1, 12)
                tail.reserve(64)
                PersonSynthesizer.putPersonId(&tail, g)
                tail.put(44)
                tail.put(Vocabulary.routeBytes[route])
                tail.put(44)
                tail.putDate(options.year, m, r.int(16, 28))
                tail.put(44)
                tail.putDate(options.year, m, r.int(1, 15))
                if options.corrections { tail.put(44) }
                tail.put(10)
                counts.registerRows += 1
                counts.injectedFromAfterUntil += 1
                badLeft -= 1
            }
        }
        try registerFile.write(tail)
        try payrollFile.close()
        try registerFile.close()

        let merged = accumulators[0]
        for k in 1..<accumulators.count { merged.add(accumulators[k]) }

        let collaborationRows = try writeCollaborations(plan: plan, count: profile.collaborations, to: path("collaborations.csv"))

        let quota = QuotaSuggestion.compute(plan: plan, acc: merged)
        let manifestPath = path("manifest.json")
        try writeManifest(options: options, plan: plan, counts: counts, registerOnly: registerOnly,
                          collaborations: collaborationRows, quota: quota, to: manifestPath)

        return GeneratorSummary(
            employers: plan.count, persons: totalPersons + registerOnly, registerRows: counts.registerRows,
            payrollLines: counts.payrollRows, collaborations: collaborationRows, manifestPath: manifestPath
        )
    }

    private static func writeLine(_ file: OutputFile, _ s: String) throws {
        var w = ByteWriter(capacity: 256)
        defer { w.release() }
        w.append(s)
        try file.write(w)
    }

    // MARK: employers.csv

    static func writeEmployers(plan: EmployerPlan, to path: String) throws {
        let file = try OutputFile(path: path)
        var w = ByteWriter(capacity: 1 << 20)
        defer { w.release() }
        w.append("employer_id,name,sector,region,staffing_agency,prior_year_hours" + (plan.subsectors ? ",subsector\n" : "\n"))
        let subsectorNames = OverheidSubsector.allCases.map { Array($0.rawValue.utf8) }
        let markt = Array("markt".utf8), overheid = Array("overheid".utf8)
        let yes = Array("true".utf8), no = Array("false".utf8)
        for e in 0..<plan.count {
            var r = SplitMix64(seed: SplitMix64.mix(plan.root ^ 0xA4E5, UInt64(e)))
            w.reserve(256)
            PersonSynthesizer.putEmployerId(&w, e)
            w.put(44)
            w.append(employerName(plan: plan, e, &r))
            w.put(44)
            w.put(plan.sector[e] == 1 ? overheid : markt)
            w.put(44)
            w.append("AMR")
            w.putDigits(Int(plan.region[e]), width: 2)
            w.put(44)
            w.put(plan.kind[e] != EmployerPlan.Kind.regular.rawValue ? yes : no)
            w.put(44)
            if plan.priorYearHours[e] >= 0 { w.putDecimal2(plan.priorYearHours[e]) }
            if plan.subsectors {
                w.put(44)
                if plan.subsector[e] > 0 { w.put(subsectorNames[Int(plan.subsector[e]) - 1]) }
            }
            w.put(10)
            if w.count > (1 << 20) - 512 {
                try file.write(w)
                w.reset()
            }
        }
        try file.write(w)
        try file.close()
    }

    /// A plausible Dutch employer name; about 1% contain a comma and are quoted.
    static func employerName(plan: EmployerPlan, _ e: Int, _ r: inout SplitMix64) -> String {
        let v = Vocabulary.self
        func any(_ a: [String]) -> String { a[r.below(a.count)] }
        switch EmployerPlan.Kind(rawValue: plan.kind[e])! {
        case .wsw:
            return "SW-bedrijf " + any(v.places)
        case .staffing:
            return r.below(2) == 0 ? any(v.surnames) + " Uitzendgroep B.V." : any(v.places) + " Flexwerk B.V."
        case .regular:
            if plan.sector[e] == 1 {
                // With a subsector the name says it (a waterschap is not a school board).
                let body = plan.subsector[e] > 0 ? v.subsectorBodies[Int(plan.subsector[e]) - 1] : any(v.publicBodies)
                return body + " " + any(v.places)
            }
            if r.below(100) == 0 { return "\"" + any(v.surnames) + ", " + any(v.surnames) + " en Partners B.V.\"" }
            return any(v.surnames) + " " + any(v.activities) + " " + any(v.legalForms)
        }
    }

    // MARK: collaborations.csv

    static func writeCollaborations(plan: EmployerPlan, count: Int, to path: String) throws -> Int {
        let file = try OutputFile(path: path)
        var w = ByteWriter(capacity: 1 << 16)
        defer { w.release() }
        w.append("from_employer,to_employer,year,percent\n")
        var r = SplitMix64(seed: SplitMix64.mix(plan.root, 0xC011))
        var used = Set<Int>()
        var rows = 0
        var attempts = 0
        while rows < count && attempts < count * 20 {
            attempts += 1
            let from = EmployerPlan.sample(plan.moverCumulative, &r)
            guard !used.contains(from) else { continue }
            used.insert(from)
            let k = min(count - rows, r.int(1, 3))
            var budget = 10_000  // hundredths of a percent
            for i in 0..<k {
                var to = -1
                for _ in 0..<8 {
                    let x = EmployerPlan.sample(plan.moverCumulative, &r)
                    if x != from { to = x; break }
                }
                if to < 0 { to = (from + 1) % plan.count }
                let left = k - i - 1
                let maxHere = budget - 100 * left
                let pct: Int
                if k == 1 { pct = r.below(4) == 0 ? 10_000 : r.int(100, 10_000) }
                else { pct = r.int(100, min(maxHere, 6_000)) }
                budget -= pct
                w.reserve(64)
                PersonSynthesizer.putEmployerId(&w, from)
                w.put(44)
                PersonSynthesizer.putEmployerId(&w, to)
                w.put(44)
                w.putDigits(plan.year, width: 4)
                w.put(44)
                w.putDecimal2(pct)
                w.put(10)
                rows += 1
            }
        }
        try file.write(w)
        try file.close()
        return rows
    }

    // MARK: manifest.json

    static func writeManifest(options: GeneratorOptions, plan: EmployerPlan, counts: RowCounts, registerOnly: Int,
                              collaborations: Int, quota: QuotaSuggestion.Result, to path: String) throws {
        let payrollRejected = counts.injectedDuplicate + counts.injectedUnknownEmployer + counts.injectedOutOfRange
        let q = QuotaSuggestion.format
        let corrections = counts.correctionsBeforeVoorlopig + counts.correctionsBetweenCutoffs + counts.correctionsAfterDefinitief
        // Without --as-of every correction supersedes the line before it (spec section 13).
        let superseded = options.corrections ? ", \"after_cutoff\": 0, \"superseded\": \(corrections)" : ""
        let calendar = !options.corrections ? "" : """

          "corrections": {
            "late_lines": \(counts.lateLines),
            "corrections_received_by_voorlopig": \(counts.correctionsBeforeVoorlopig),
            "corrections_received_between_voorlopig_and_definitief": \(counts.correctionsBetweenCutoffs),
            "corrections_received_after_definitief": \(counts.correctionsAfterDefinitief),
            "withdrawals": \(counts.withdrawals),
            "late_registrations": \(counts.lateRegistrations),
            "kinds": "payroll: a line is received in the month after its period; a correction is a second row for the same (employer_id, person_id, period) right after it, received later (some on 1 May of t+1, some after); 10% of corrections are 0 hours and 0 wage (a withdrawal); 1% of employers send one month's lines late (February-April of t+1). register: received a few days after registered_from, 2% late (February-April or after 1 May of t+1)"
          },
        """
        let json = """
        {
          "scale": "\(options.scale.rawValue)",
          "year": \(options.year),
          "seed": \(options.seed),
          "generator": "banenafspraak synthetic data v1",
          "employers": \(plan.count),
          "persons": \(plan.totalPersons + registerOnly),
          "persons_on_payroll": \(plan.totalPersons),
          "files": {
            "employers.csv": {"rows": \(plan.count)},
            "register.csv": {"rows": \(counts.registerRows)},
            "payroll.csv": {"rows": \(counts.payrollRows)},
            "collaborations.csv": {"rows": \(collaborations)}
          },
          "injected": {
            "payroll.csv": {
              "duplicate": \(counts.injectedDuplicate),
              "unknown_employer": \(counts.injectedUnknownEmployer),
              "out_of_range": \(counts.injectedOutOfRange),
              "outside_year": \(counts.injectedOutsideYear)
            },
            "register.csv": {
              "from_after_until": \(counts.injectedFromAfterUntil)
            },
            "kinds": {
              "duplicate": "payroll: an exact re-key of an earlier valid line's (employer_id, person_id, period) with different hours; the earlier line wins, this one is rejected (code duplicate)",
              "unknown_employer": "payroll: a line whose employer_id (EX followed by 7 digits) is not in employers.csv (code unknown_employer)",
              "out_of_range": "payroll: a re-key of an earlier valid line with hours 800.00, outside 0-744 (code out_of_range)",
              "outside_year": "payroll: a valid line for December of year t-1; counted as outside_year, not rejected",
              "from_after_until": "register: a row with registered_from after registered_until (code from_after_until)"
            }
          },
          "expected_counts": {
            "employers.csv": {"read": \(plan.count), "accepted": \(plan.count), "rejected": 0},
            "register.csv": {"read": \(counts.registerRows), "accepted": \(counts.registerRows - counts.injectedFromAfterUntil), "rejected": \(counts.injectedFromAfterUntil)},
            "payroll.csv": {"read": \(counts.payrollRows), "accepted": \(counts.payrollRows - payrollRejected - counts.injectedOutsideYear - (options.corrections ? corrections : 0)), "rejected": \(payrollRejected), "outside_year": \(counts.injectedOutsideYear)\(superseded)},
            "collaborations.csv": {"read": \(collaborations), "accepted": \(collaborations), "rejected": 0}
          },
          "panel_base_year": \(options.panelBaseYear ?? options.year),\(calendar)
          "calibration": \(Calibration.manifestJSON(year: options.year, scale: options.scale)),
          "liable_employers_by_hours": {"markt": \(quota.liableMarkt), "overheid": \(quota.liableOverheid), "total": \(quota.liableMarkt + quota.liableOverheid)},
          "quota_percent": {"markt": "\(q(quota.markt))", "overheid": "\(q(quota.overheid))", "total": "\(q(quota.total))"}
        }

        """
        let file = try OutputFile(path: path)
        var w = ByteWriter(capacity: 8192)
        defer { w.release() }
        w.append(json)
        try file.write(w)
        try file.close()
    }
}

/// Holds the first error of a parallel section.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?

    func set(_ e: Error) {
        lock.lock()
        if stored == nil { stored = e }
        lock.unlock()
    }

    var error: Error? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
