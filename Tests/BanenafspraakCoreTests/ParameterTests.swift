import BanenafspraakCore
import BanenafspraakParameters
import Foundation
import Testing

@Suite("Parameters as dated, sourced data (spec section 3)")
struct ParameterTests {
    @Test("The repository's parameters load, validate and carry a source on every value")
    func loads() throws {
        let set = try ParameterFiles.loadDefault()
        #expect(set.parameters.count >= 20)
        for p in set.parameters.values { for v in p.values { #expect(!v.source.isEmpty, "\(p.id)") } }
        let p = try QuotaParameters(year: 2024, from: set)
        #expect(p.hoursPerJob.hours == CentiHours(hours: 1331))
        #expect(p.premiumBaseMonthlyCap == Cents(euros: 5969))
        #expect(p.jobsDue[.markt]?.count == 85_000)
        #expect(p.publishedPercent[.overheid]?.percent == BasisPoints(276))
        #expect(p.combinedBaselineJobs == 47_593)
        #expect(p.combinedBaselineHours == CentiHours(hours: 7_969_965))
        #expect(p.bonusCap == nil)
        #expect(p.growthPathTotal.count == 115_000)
    }

    @Test("A year outside the tables is an error naming the parameter")
    func outsideValidity() throws {
        let set = try ParameterFiles.loadDefault()
        #expect(throws: ParameterError.self) { try QuotaParameters(year: 2027, from: set) }
        do {
            _ = try QuotaParameters(year: 2030, from: set)
            Issue.record("expected an error")
        } catch {
            #expect(error.parameter == "measurement.growth_path.markt" || error.parameter.hasPrefix("premium") || error.parameter.hasPrefix("measurement"))
            #expect(error.description.contains("2030"))
        }
        // 2015-2016 have no B: the run must ask for an override, not fall back.
        let p2016 = try QuotaParameters(year: 2016, from: set)
        #expect(p2016.jobsDue.isEmpty)
        #expect(p2016.combinedJobsDue == nil)
    }

    @Test("An override file replaces a value for the dates it covers and keeps the rest")
    func override() throws {
        let json = """
        {"parameters": [{"id": "quota.levy_per_job", "unit": "money", "values": [
          {"value": "7500.00", "valid_from": "2024-01-01", "valid_until": "2024-12-31", "source": "hervormingsvoorstel", "status": "proposal"}]}]}
        """
        let overrides = try ParameterFiles.parse(data: Data(json.utf8), file: "reform.json")
        let set = try ParameterFiles.loadDefault().overriding(with: overrides)
        #expect(try set.resolve("quota.levy_per_job", on: LocalDate("2024-06-01")!).money == Cents(euros: 7500))
        #expect(try set.resolve("quota.levy_per_job", on: LocalDate("2023-06-01")!).money == Cents(euros: 5000))
        #expect(try set.resolve("quota.levy_per_job", on: LocalDate("2024-06-01")!).value.source == "hervormingsvoorstel")
    }

    @Test("Values the rules cannot use are refused, naming the parameter: a divisor of 0, a negative count, no limit where a number is needed",
          arguments: [("quota.hours_per_job", "hours", "0.00"), ("measurement.hours_per_job_month", "hours", "-1.00"),
                      ("simplified.surcharge_yield_per_job", "money", nil), ("quota.levy_per_job", "money", "-5.00"),
                      ("quota.baseline_jobs.markt", "count", nil)])
    func unusableValues(_ id: String, _ unit: String, _ value: String?) throws {
        let text = "\"\(value ?? "none")\""
        let json = """
        {"parameters": [{"id": "\(id)", "unit": "\(unit)", "values": [{"value": \(text), "valid_from": "2015-01-01", "source": "test"}]}]}
        """
        let set = try ParameterFiles.loadDefault().overriding(with: try ParameterFiles.parse(data: Data(json.utf8), file: "p.json"))
        let error = #expect(throws: ParameterError.self) { try QuotaParameters(year: 2024, from: set) }
        #expect(error?.parameter == id)
        #expect(error?.description.contains("must be") == true)
        // Every year of the repository's own tables passes the same checks.
        for year in 2017...2026 { _ = try QuotaParameters(year: year, from: try ParameterFiles.loadDefault()) }
    }

    @Test("Malformed parameter files are errors that name the file and parameter")
    func malformed() {
        let bad = """
        {"parameters": [{"id": "x.y", "unit": "money", "values": [{"value": "1.234", "valid_from": "2024-01-01", "source": "s"}]}]}
        """
        #expect(throws: ParameterFileError.self) { try ParameterFiles.parse(data: Data(bad.utf8), file: "bad.json") }
        do {
            _ = try ParameterFiles.parse(data: Data(bad.utf8), file: "bad.json")
        } catch let e as ParameterFileError {
            #expect(e.description.contains("bad.json"))
            #expect(e.description.contains("x.y"))
        } catch { Issue.record("unexpected \(error)") }
        let noSource = """
        {"parameters": [{"id": "x.y", "unit": "money", "values": [{"value": "1.00", "valid_from": "2024-01-01"}]}]}
        """
        #expect(throws: ParameterFileError.self) { try ParameterFiles.parse(data: Data(noSource.utf8), file: "bad.json") }
        let overlap = ParameterSet([Parameter(id: "a", unit: .count, description: "", values: [
            ParameterValue(value: 1, validFrom: LocalDate("2020-01-01")!, validUntil: nil, source: "s", status: .enacted),
            ParameterValue(value: 2, validFrom: LocalDate("2021-01-01")!, validUntil: nil, source: "s", status: .enacted),
        ])])
        #expect(throws: ParameterError.self) { try overlap.validate() }
    }
}
