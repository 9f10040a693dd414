import Testing
@testable import BanenafspraakGenerate

/// The calibrated scales fix by construction what decides the national measurement (docs/calibration.md, "Why
/// the seed mattered"): the Wsw head count, each sector's head count and its expected register.
@Suite("Control totals at the calibrated scales")
struct ControlTotalsTests {
    struct Totals {
        var wswPersons = 0, markt = 0, overheid = 0
        /// Σ head count × propensity (ppm) / 10⁶: the register a group of employers is expected to have.
        var registerMarkt = 0, registerOverheid = 0
    }

    static func totals(scale: GeneratorScale, seed: UInt64) -> Totals {
        let plan = EmployerPlan(profile: ScaleProfile.of(scale), year: 2018, seed: seed, scale: scale)
        var t = Totals()
        for e in 0..<plan.count {
            let size = Int(plan.size[e])
            if plan.kind[e] == EmployerPlan.Kind.wsw.rawValue {
                t.wswPersons += size
            } else if plan.sector[e] == 1 {
                t.overheid += size
                t.registerOverheid += size * Int(plan.propensityPPM[e])
            } else {
                t.markt += size
                t.registerMarkt += size * Int(plan.propensityPPM[e])
            }
        }
        t.registerMarkt /= 1_000_000
        t.registerOverheid /= 1_000_000
        return t
    }

    /// Largest relative difference between the values, in per mille of the smallest.
    static func spreadPerMille(_ values: [Int]) -> Int {
        (values.max()! - values.min()!) * 1_000 / values.min()!
    }

    @Test("national: the Wsw head count is the same for every seed; sector head counts and registers within 1.5%")
    func national() {
        let all = (1...3).map { Self.totals(scale: .national, seed: $0) }
        #expect(Set(all.map(\.wswPersons)).count == 1, "\(all.map(\.wswPersons))")
        // 90 Wsw employers, 300 to 1,100 persons each.
        #expect(all[0].wswPersons == 62_960)
        for (name, values) in [("markt", all.map(\.markt)), ("overheid", all.map(\.overheid)),
                               ("register markt", all.map(\.registerMarkt)), ("register overheid", all.map(\.registerOverheid))] {
            #expect(Self.spreadPerMille(values) <= 15, "\(name): \(values)")
        }
    }

    @Test("the plain draws of tiny and small are left as they were: no ladder of Wsw head counts")
    func smallScalesUnchanged() {
        #expect(!ScaleProfile.of(.tiny).controlTotals && !ScaleProfile.of(.small).controlTotals)
        #expect(ScaleProfile.of(.medium).controlTotals && ScaleProfile.of(.national).controlTotals)
    }

    @Test("the register factors are scaled per group, so a group's expected register is the sector mean times its head count")
    func registerMatchesMean() {
        // The plan at multipliers 1000‰ (the default): the means themselves, 1.6% markt and 2.1% overheid.
        let t = Self.totals(scale: .national, seed: 7)
        // Regular markt employers: 1.6%, less the employers without anyone registered (5–20%); staffing agencies
        // are markt too. So the expected register lies between 80% and 95% of the nominal share.
        let nominalMarkt = t.markt * 16 / 1_000
        #expect(t.registerMarkt * 100 >= nominalMarkt * 80 && t.registerMarkt * 100 <= nominalMarkt * 95, "\(t.registerMarkt) of \(nominalMarkt)")
        let nominalOverheid = t.overheid * 21 / 1_000
        #expect(t.registerOverheid * 100 >= nominalOverheid * 80 && t.registerOverheid * 100 <= nominalOverheid * 95)
    }

    @Test("medium: every overheid employer has a subsector, Wsw employers are gemeenten, markt employers none")
    func subsectors() {
        let plan = EmployerPlan(profile: ScaleProfile.of(.medium), year: 2018, seed: 5, scale: .medium)
        #expect(plan.subsectors)
        var seen = Set<UInt8>()
        for e in 0..<plan.count {
            if plan.sector[e] == 0 {
                #expect(plan.subsector[e] == 0)
            } else {
                #expect((1...12).contains(plan.subsector[e]))
                if plan.kind[e] == EmployerPlan.Kind.wsw.rawValue { #expect(plan.subsector[e] == 2) }
                seen.insert(plan.subsector[e])
            }
        }
        #expect(seen.count == 12, "every subsector occurs")
        let tiny = EmployerPlan(profile: ScaleProfile.of(.tiny), year: 2018, seed: 5, scale: .tiny)
        #expect(!tiny.subsectors && tiny.subsector.allSatisfy { $0 == 0 })
    }
}
