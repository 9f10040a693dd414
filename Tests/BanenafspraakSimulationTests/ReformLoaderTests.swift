import BanenafspraakCore
import BanenafspraakParameters
@testable import BanenafspraakSimulation
import Foundation
import Testing

@Suite("Reform files: checked completely at load time")
struct ReformLoaderTests {
    static let base = try! ParameterFiles.loadDefault()

    func load(_ json: String) throws -> Reform { try ReformLoader.parse(data: Data(json.utf8), file: "test.json", base: Self.base) }

    func issues(_ json: String) -> [ReformIssue] {
        do { _ = try load(json); return [] } catch let e as ReformLoadError { return e.issues } catch { return [ReformIssue(path: "?", message: "\(error)")] }
    }

    @Test("every example reform loads, names a letter in its description and gives every value a source")
    func examples() throws {
        #expect(SimulationFixtures.exampleReforms.count == 6)
        for name in SimulationFixtures.exampleReforms {
            let r = try SimulationFixtures.loadReform(name, base: Self.base)
            #expect(r.description.contains("Kamerbrief") || r.description.contains("Kamerstukken"), "\(name)")
            #expect(r.valuesWithoutSource.isEmpty, "\(name)")
            #expect(r.sha256.count == 64)
        }
    }

    @Test("all errors are reported together, each with its JSON path")
    func allErrorsTogether() {
        let found = issues("""
        {"name": "bad", "extra": 1,
         "parameters": {"parameters": [
           {"id": "quota.no_such_thing", "unit": "money", "values": [{"value": "1.00", "valid_from": "2024-01-01"}]},
           {"id": "quota.levy_per_job", "unit": "money", "values": [{"value": "6000.001", "valid_from": "2024-01-01"}]},
           {"id": "simplified.bonus_hourly", "unit": "money", "values": [
              {"value": "4.00", "valid_from": "2020-01-01", "valid_until": "2024-12-31"},
              {"value": "4.50", "valid_from": "2024-06-01"}]},
           {"id": "quota.small_employer_threshold", "unit": "hours", "values": [{"value": null, "valid_from": "2024-01-01"}]},
           {"id": "simplified.lkv_hourly", "unit": "money", "values": [{"value": "none", "valid_from": "2024-01-01"}]},
           {"id": "quota.hours_per_job", "unit": "percent", "values": [{"value": "1e3", "valid_from": "2024-13-01"}]}
         ]},
         "options": {"regime_register": "wider", "colour": "blue"}}
        """)
        let paths = Set(found.map(\.path))
        let expected: Set<String> = [
            "$.extra",
            "$.parameters.parameters[0].id",
            "$.parameters.parameters[1].values[0].value",
            "$.parameters.parameters[2].values[1]",
            "$.parameters.parameters[3].values[0].value",
            "$.parameters.parameters[4].values[0].value",
            "$.parameters.parameters[5].unit",
            "$.parameters.parameters[5].values[0].value",
            "$.parameters.parameters[5].values[0].valid_from",
            "$.options.regime_register",
            "$.options.colour",
        ]
        #expect(paths == expected, "\(found)")
        #expect(found.contains { $0.path == "$.parameters.parameters[0].id" && $0.message.contains("unknown parameter id") })
        #expect(found.contains { $0.path == "$.parameters.parameters[1].values[0].value" && $0.message.contains("grammar") })
        #expect(found.contains { $0.path == "$.parameters.parameters[2].values[1]" && $0.message.contains("overlaps") })
        #expect(found.contains { $0.path == "$.parameters.parameters[3].values[0].value" && $0.message.contains("without a value") })
        #expect(found.contains { $0.path == "$.parameters.parameters[4].values[0].value" && $0.message.contains("without a value") })
        #expect(found.contains { $0.path == "$.options.colour" && $0.message.contains("unknown option") })
    }

    @Test("a parameter with an empty value list, a missing name and a wrong type are errors too")
    func moreErrors() {
        let found = issues("""
        {"parameters": [{"id": "quota.levy_per_job", "values": []}, {"id": "quota.levy_per_job", "values": [{"value": 6000, "valid_from": "2024-01-01"}]}],
         "options": {"scheme": "both"}}
        """)
        #expect(Set(found.map(\.path)) == ["$.name", "$.parameters[0].values", "$.parameters[1].values[0].value", "$.options.scheme"], "\(found)")
    }

    @Test("a value without a source is allowed and marked 'bron ontbreekt'")
    func missingSource() throws {
        let r = try load("""
        {"name": "zonder bron", "parameters": [{"id": "quota.levy_per_job", "values": [{"value": "5500", "valid_from": "2024-01-01"}]}]}
        """)
        #expect(r.valuesWithoutSource.map(\.path) == ["$.parameters[0].values[0]"])
        let value = try r.parameters.resolve("quota.levy_per_job", on: LocalDate(year: 2024, month: 6, day: 1)!)
        #expect(value.money == Cents(euros: 5500))
        #expect(value.value.source == Reform.missingSource)
    }

    @Test("'none' is accepted for a cap")
    func capNone() throws {
        let r = try load("""
        {"name": "geen maximum", "parameters": [{"id": "simplified.lkv_annual_max", "values": [{"value": "none", "valid_from": "2024-01-01", "source": "test"}]}]}
        """)
        #expect(try r.parameters.resolve("simplified.lkv_annual_max", on: LocalDate(year: 2024, month: 1, day: 1)!).limit == nil)
    }
}
