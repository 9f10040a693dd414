import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakParameters
import Foundation
import Testing

/// The split of the run into aggregation and assessment: the rules over the aggregates alone give the run's
/// figures, and one employer's own totals give what the run gives that employer.
@Suite("Aggregates and assessment")
struct AssessmentTests {
    static func runFixture(_ name: String) throws -> QuotaResult {
        let dir = FixtureTests.fixtureURL(name)
        let args = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("args.json"))) as! [String: Any]
        var options = QuotaOptions(year: args["year"] as! Int, inputDirectory: dir.appendingPathComponent("input").path,
                                   outputDirectory: nil, parameters: try ParameterFiles.loadDefault())
        for (k, v) in (args["quota_percent"] as? [String: String]) ?? [:] { options.quotaPercentOverrides[Quotum(rawValue: k)!] = BasisPoints(v)! }
        if let r = args["regime_register"] as? String { options.regime = RegisterRegime(rawValue: r)! }
        return try QuotaRun.run(options)
    }

    @Test("assessing the run's aggregates again gives the same figures, also with computed percentages", arguments: FixtureTests.fixtures)
    func reassess(_ name: String) throws {
        let run = try Self.runFixture(name)
        let aggregates = try #require(run.aggregates)
        #expect(aggregates.employerCount == run.figures.count)
        let again = try QuotaAssessment.assess(aggregates, parameters: run.parameters,
                                               quotaPercentOverrides: run.percentages.percent.filter { run.percentages.provenance[$0.key] == .override })
        #expect(again.figures == run.figures)
        #expect(again.percentages == run.percentages)
        #expect(again.surchargeRate == run.surchargeRate)
        #expect(again.measurement == run.measurement)
        // Without overrides the percentages are computed from ΣA, and differ from the fixture's overrides.
        let computed = try QuotaAssessment.assess(aggregates, parameters: run.parameters)
        #expect(computed.percentages.sumA == run.percentages.sumA)
        #expect(computed.figures.map(\.hoursA) == run.figures.map(\.hoursA))
    }

    @Test("one employer's own totals give the run's figures for that employer")
    func singleEmployer() throws {
        let run = try Self.runFixture("hand10")
        let aggregates = try #require(run.aggregates)
        var checked = 0
        for e in 0..<aggregates.employerCount where !aggregates.collaborations.contains(where: { Int($0.from) == e || Int($0.to) == e }) {
            let totals = QuotaAssessment.EmployerTotals(
                sector: aggregates.sectors[e], hoursTotal: aggregates.hoursTotal[e], priorYearHours: aggregates.priorYearHours[e],
                hoursA: aggregates.hoursA[e], hoursC: aggregates.hoursC[e], premiumBase: aggregates.premiumBase[e],
                targetGroupHours: aggregates.targetGroupHours.filter { Int($0.employer) == e }.map(\.hours))
            let one = try EmployerAssessment.estimate(
                totals, year: run.year, parameters: run.parameters,
                quotaPercent: run.percentages.percent[Quotum(aggregates.sectors[e])]!, surchargePercent: run.surchargeRate,
                employerId: aggregates.employerIds[e])
            #expect(one.figures == run.figures[e], "\(aggregates.employerIds[e])")
            let (levy, net) = EmployerExplanation.build(one)
            #expect(levy.value == run.figures[e].levy.description)
            #expect(net.value == run.figures[e].net.description)
            checked += 1
        }
        #expect(checked >= 5)
    }

    @Test("an estimate explains itself exactly as a run of that one employer with both percentages given")
    func estimateEqualsOneEmployerRun() throws {
        let run = try Self.runFixture("hand10")
        let aggregates = try #require(run.aggregates)
        var checked = 0
        for e in 0..<aggregates.employerCount {
            let workers = aggregates.targetGroupHours.filter { Int($0.employer) == e }.map(\.hours)
            let totals = QuotaAssessment.EmployerTotals(
                sector: aggregates.sectors[e], hoursTotal: aggregates.hoursTotal[e], priorYearHours: aggregates.priorYearHours[e],
                hoursA: aggregates.hoursA[e], hoursC: aggregates.hoursC[e], premiumBase: aggregates.premiumBase[e], targetGroupHours: workers)
            let quota = BasisPoints(250 + Int64(e) * 7), surcharge = MilliPercent(400 + Int64(e) * 3)
            let estimate = try EmployerAssessment.estimate(totals, year: run.year, parameters: run.parameters,
                                                           quotaPercent: quota, surchargePercent: surcharge, employerId: "W")
            // The same employer as the only one of a run, every percentage and the rate given.
            let alone = QuotaAggregates(
                year: run.year, regime: .current, employerIds: ["W"], names: [""], sectors: [totals.sector], regions: [0],
                staffingAgency: [false], priorYearHours: [totals.priorYearHours], hoursTotal: [totals.hoursTotal],
                hoursA: [totals.hoursA], hoursC: [totals.hoursC], premiumBase: [totals.premiumBase],
                targetGroupHours: workers.enumerated().map { .init(employer: 0, person: "p\($0.offset)", hours: $0.element) },
                hoursDecember: [.markt: .zero, .overheid: .zero])
            let result = try QuotaAssessment.assess(alone, parameters: run.parameters,
                                                    quotaPercentOverrides: [.markt: quota, .overheid: quota, .combined: quota],
                                                    surchargeOverride: surcharge)
            #expect(estimate.figures == result.figures[0])
            let (levyA, netA) = EmployerExplanation.build(estimate)
            let (levyB, netB) = EmployerExplanation.build(result, employer: 0)
            #expect(levyA.jsonValue.rendered() == levyB.jsonValue.rendered())
            #expect(netA.jsonValue.rendered() == netB.jsonValue.rendered())
            checked += 1
        }
        #expect(checked == aggregates.employerCount && checked >= 5)
    }

    @Test("aggregates that do not line up are refused with a clear error")
    func misaligned() throws {
        var aggregates = try #require(try Self.runFixture("hand10").aggregates)
        aggregates.hoursA.removeLast()
        #expect(throws: QuotaRunError.self) {
            try QuotaAssessment.assess(aggregates, parameters: try QuotaParameters(year: 2024, from: try ParameterFiles.loadDefault()))
        }
    }
}
