import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakGenerate
import BanenafspraakParameters
import Foundation
import Testing

/// Generated data that looks like the country (spec section 12): the calibration and the yearly panel.
@Suite("Generator calibration and panel")
struct CalibrationTests {
    @Test("the calibrated multipliers give the target realisations; the overheid stays behind its growth path", arguments: 2015...2025)
    func calibration(year: Int) throws {
        let k = Calibration.propensityPerMille(year: year)
        let expected = Calibration.expectedExtraJobs(propensityPerMille: k)
        let target = Calibration.targetJobs(year: year)
        // Solving in integers with multipliers in whole per mille: within 100 jobs of the target.
        #expect(abs(expected.markt / 100 - target.markt) < 100, "\(year) markt \(expected.markt / 100) vs \(target.markt)")
        #expect(abs(expected.overheid / 100 - target.overheid) < 100, "\(year) overheid \(expected.overheid / 100) vs \(target.overheid)")
        let params = try QuotaParameters(year: year, from: try ParameterFiles.loadDefault())
        #expect(expected.overheid < params.growthPath[.overheid]!.count * 100, "\(year): the overheid is behind its growth path")
        #expect(expected.markt > expected.overheid)
        if let published = Calibration.published[year] {
            #expect(abs(expected.total / 100 - published.jobs) < 200, "\(year): \(expected.total / 100) against published \(published.jobs)")
        }
    }

    @Test("the multipliers grow with the years, so a panel's register only grows")
    func monotone() {
        for year in 2015..<2025 {
            let a = Calibration.propensityPerMille(year: year), b = Calibration.propensityPerMille(year: year + 1)
            #expect(a.markt <= b.markt && a.overheid <= b.overheid, "\(year)")
        }
    }

    @Test("a panel has the same employers and persons every year; the register is nested and the measurement rises")
    func panel() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("panel-\(UUID().uuidString)")
        var employers: [String] = [], persons: [Set<String>] = [], registered: [Set<String>] = [], extra: [Int64] = []
        for year in [2015, 2018, 2021, 2024] {
            let dir = root.appendingPathComponent(String(year)).path
            _ = try SyntheticDataGenerator.generate(GeneratorOptions(scale: .tiny, year: year, seed: 4, outputDirectory: dir, panelBaseYear: 2015))
            employers.append(try String(contentsOfFile: dir + "/employers.csv", encoding: .utf8))
            let payroll = try String(contentsOfFile: dir + "/payroll.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            persons.append(Set(payroll.map { String($0.split(separator: ",")[1]) }.filter { !$0.isEmpty }))
            let register = try String(contentsOfFile: dir + "/register.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            registered.append(Set(register.map { String($0.split(separator: ",")[0]) }))
            let r = try QuotaRun.run({
                var o = QuotaOptions(year: year, inputDirectory: dir, outputDirectory: nil, parameters: try ParameterFiles.loadDefault())
                for key in Quotum.allCases { o.quotaPercentOverrides[key] = BasisPoints(100) }
                return o
            }())
            extra.append(r.measurement[.combined]!.extraJobsHundredths)
        }
        for i in 1..<employers.count {
            #expect(employers[i] == employers[0], "employers.csv differs in year \(i)")
            // The same persons work (a handful of injected outside-year and unknown-employer lines aside).
            #expect(persons[i].symmetricDifference(persons[0]).count * 100 < persons[0].count, "persons differ in year \(i)")
            #expect(registered[i - 1].subtracting(registered[i]).count * 100 < registered[i - 1].count, "register shrank in year \(i)")
            #expect(registered[i].count >= registered[i - 1].count)
            #expect(extra[i] >= extra[i - 1], "measurement fell in year \(i)")
        }
        // Over the whole panel the multipliers almost double: more persons registered, more extra jobs.
        #expect(registered.last!.count > registered.first!.count)
        #expect(extra.last! > extra.first!)
        try? FileManager.default.removeItem(at: root)
    }
}
