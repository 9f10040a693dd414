import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakParameters
import Foundation
import Testing

/// De Wet banenafspraak (Kamerstuk 36 449), in werking vanaf 1 januari 2026, in de quotumberekening: aan weerszijden
/// van 1 januari 2026, op de fixtures `wajong2025` en `wajong2026` (zie hun EXPLANATION.md).
@Suite("Wet banenafspraak 2026 in de quotumberekening")
struct WetBanenafspraak2026Tests {
    static func run(year: Int, overrides: String? = nil, traceEmployer: String? = nil) throws -> (out: URL, result: QuotaResult) {
        let dir = FixtureTests.fixtureURL("wajong\(year)")
        var parameters = try ParameterFiles.loadDefault()
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("banenafspraak-wba-\(year)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        if let overrides {
            let file = tmp.appendingPathComponent("params.json")
            try Data(overrides.utf8).write(to: file)
            parameters = try ParameterFiles.load(overridePath: file.path)
        }
        var options = QuotaOptions(year: year, inputDirectory: dir.appendingPathComponent("input").path,
                                   outputDirectory: tmp.appendingPathComponent("out").path, parameters: parameters)
        options.quotaPercentOverrides = [.markt: BasisPoints("2.50")!, .overheid: BasisPoints("3.10")!, .combined: BasisPoints("2.75")!]
        options.surchargeOverride = MilliPercent("0.500")!
        options.traceEmployer = traceEmployer
        let result = try QuotaRun.run(options)
        try QuotaOutputs.write(result, to: options.outputDirectory!)
        return (URL(fileURLWithPath: options.outputDirectory!), result)
    }

    static func override(_ id: String, _ value: String) -> String {
        #"{"parameters": [{"id": "\#(id)", "unit": "count", "description": "test", "values": [{"value": "\#(value)", "valid_from": "2015-01-01", "source": "test", "status": "reading"}]}]}"#
    }

    static func national(_ out: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("national.json"))) as! [String: Any]
    }

    @Test("De parameters aan weerszijden van 1 januari 2026: register.wet_banenafspraak 0 → 1, quota.activation_regulation pas vanaf 2026 (0: geen regeling gevonden)")
    func parameters() throws {
        let set = try ParameterFiles.loadDefault()
        let p2025 = try QuotaParameters(year: 2025, from: set)
        let p2026 = try QuotaParameters(year: 2026, from: set)
        #expect(!p2025.wetBanenafspraakInForce)
        #expect(p2025.activationRegulation == nil)
        #expect(p2026.wetBanenafspraakInForce)
        let a = try #require(p2026.activationRegulation)
        #expect(a.limit == 0)
        #expect(a.value.source.contains("Artikel5"))
        #expect(QuotaActivation(p2025)?.year == nil)
    }

    @Test("2025 (Wfsv art. 38b lid 1 onder c): de Wajong zonder arbeidsvermogen telt niet; national.json zonder wet_banenafspraak, rapport en uitleg zonder activeringszin")
    func before() throws {
        let (out, result) = try Self.run(year: 2025, traceEmployer: "M1")
        let m1 = result.figures[try #require(result.employerIndex("M1"))]
        #expect(m1.hoursC.description == "80.00")
        #expect(!(try Self.national(out)).keys.contains("wet_banenafspraak"))
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!report.contains("Wet banenafspraak art. 5"))
        let (levy, _) = EmployerExplanation.build(result, employer: try #require(result.employerIndex("M1")))
        #expect(!levy.steps.contains { $0.description.contains("Wet banenafspraak") })
        let (_, net) = EmployerExplanation.build(result, employer: try #require(result.employerIndex("M1")))
        #expect(!EmployerExplanationText.render(employerId: "M1", sector: "markt", year: 2025, levy: levy, net: net).contains("Let op, activering"))
    }

    @Test("2026 (Wet banenafspraak art. 2 lid 1 onder c): de Wajong zonder arbeidsvermogen telt op een regular-regel; niet op een Wsw-regel")
    func after() throws {
        let (_, result) = try Self.run(year: 2026)
        let m1 = result.figures[try #require(result.employerIndex("M1"))]
        #expect(m1.hoursC.description == "280.00")
        #expect(m1.lkv.description == "282.80")
        #expect(m1.bonus.description == "1055.60")
    }

    @Test("De telling volgt de parameter: met register.wet_banenafspraak = 0 telt J in 2026 niet (zoals in 2025)")
    func parameterDriven() throws {
        let (_, result) = try Self.run(year: 2026, overrides: Self.override("register.wet_banenafspraak", "0"))
        let m1 = result.figures[try #require(result.employerIndex("M1"))]
        #expect(m1.hoursC.description == "80.00")
        #expect(m1.net.description == "382.40")
    }

    @Test("2026 zonder activeringsregeling: national.json, rapport en uitleg zeggen dat de heffing op een activering rust die niet is gevonden (Wet banenafspraak art. 5 lid 1, art. 6 lid 1; Wfsv art. 38e lid 1)")
    func noActivation() throws {
        let (out, result) = try Self.run(year: 2026, traceEmployer: "M1")
        let wba = try #require(try Self.national(out)["wet_banenafspraak"] as? [String: Any])
        #expect(wba["activation_regulation_found"] as? Bool == false)
        #expect(wba["due"] as? Bool == false)
        #expect(wba["status"] as? String == "no_activation_regulation_found")
        #expect(wba["activation_year"] is NSNull)
        let statement = try #require(wba["statement"] as? String)
        for phrase in ["Wet banenafspraak art. 5 lid 1", "Er is geen activeringsregeling gevonden", "berekend alsof de quotumregeling geactiveerd is",
                       "Wet banenafspraak art. 6 lid 1", "niet vóór 1 januari 2028", "Wfsv art. 38e lid 1", "122na"] {
            #expect(statement.contains(phrase), "\(phrase)")
        }
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Activering (Wet banenafspraak art. 5 en 6):"))
        #expect(report.contains("Er is geen activeringsregeling gevonden"))
        let (levy, _) = EmployerExplanation.build(result, employer: try #require(result.employerIndex("M1")))
        let step = try #require(levy.steps.first { $0.description.hasPrefix("Activering (Wet banenafspraak art. 5 lid 1") })
        #expect(step.value.contains("geen activeringsregeling gevonden"))
        #expect(levy.parameters.contains { $0.id == "quota.activation_regulation" })
        #expect(levy.renderedText().contains("Er is geen activeringsregeling gevonden"))
        let (_, net) = EmployerExplanation.build(result, employer: try #require(result.employerIndex("M1")))
        let text = EmployerExplanationText.render(employerId: "M1", sector: "markt", year: 2026, levy: levy, net: net)
        #expect(text.contains("Let op, activering (Wet banenafspraak art. 5 lid 1 en art. 6 lid 1): geen activeringsregeling gevonden"))
    }

    @Test("Een activering in 2026 maakt de opslag pas verschuldigd vanaf 1 januari 2028 (Wet banenafspraak art. 6 lid 1)")
    func activatedNotYetDue() throws {
        let (out, _) = try Self.run(year: 2026, overrides: Self.override("quota.activation_regulation", "2026"))
        let wba = try #require(try Self.national(out)["wet_banenafspraak"] as? [String: Any])
        #expect(wba["activation_regulation_found"] as? Bool == true)
        #expect(wba["activation_year"] as? Int == 2026)
        #expect(wba["inclusiviteitsopslag_from_year"] as? Int == 2028)
        #expect(wba["due"] as? Bool == false)
        #expect(wba["status"] as? String == "activated_not_yet_due")
    }
}
