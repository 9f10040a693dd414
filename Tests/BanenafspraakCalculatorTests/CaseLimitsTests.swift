@testable import BanenafspraakCalculators
import BanenafspraakCore
import BanenafspraakParameters
import Foundation
import Testing

/// No case crashes `calc`: user values are bounded so arithmetic cannot overflow, JSON depth and size are
/// limited, and every error names a field (issue 7, point 4). Inputs the fuzzer found live in
/// fuzz/calc/regressions and are replayed here.
@Suite("Calculator cases cannot crash")
struct CaseLimitsTests {
    static let parameters = try! ParameterFiles.loadDefault()

    func error(_ text: String) -> CaseError? {
        do {
            _ = try Calculators.run(case: try CaseValue.parse(text), parameters: Self.parameters)
            return nil
        } catch { return error }
    }

    @Test("jobcoach with 10,000,000,000.00 in every field is an error naming the first field", arguments: [
        ("coach_hours", "input.coach_hours"), ("coached_hours", "input.coached_hours"), ("coach_hourly_wage", "input.coach_hourly_wage"),
    ])
    func overflowNamesField(_ key: String, _ field: String) {
        var input = ["coach_hours": "5.00", "coached_hours": "100.00", "coach_hourly_wage": "25.00"]
        input[key] = "10000000000.00"
        let body = input.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",")
        let e = error("{\"calculator\":\"jobcoach\",\"date\":\"2024-05-01\",\"input\":{\(body)}}")
        #expect(e?.field == field)
        #expect(e?.message.contains("larger than the maximum") == true)
    }

    @Test("the largest values allowed still compute exactly, without overflow")
    func boundsAreSafe() throws {
        let maxHours = FixedPoint.format(CaseInput.maximumHours, scale: 2)
        let maxAmount = FixedPoint.format(CaseInput.maximumAmount, scale: 2)
        let out = try Calculators.run(case: try CaseValue.parse("{\"calculator\":\"jobcoach\",\"date\":\"2024-05-01\",\"input\":{\"coach_hours\":\"\(maxHours)\",\"coached_hours\":\"\(maxHours)\",\"coach_hourly_wage\":\"\(maxAmount)\"}}"), parameters: Self.parameters)
        // 6 % of 1,000,000.00 hours = 60,000.00 hours × € 1,000,000,000.00.
        #expect(out.rendered().contains("\"compensation\": \"60000000000000.00\""))
    }

    @Test("a start of employment near the end of the calendar is an error naming the field, never a trap", arguments: [
        #"{"calculator":"lkv","date":"2024-05-01","input":{"type":"banenafspraak","employment_start":"9999-12-01","hours_by_month":{}}}"#,
        #"{"calculator":"lkv","date":"2024-05-01","input":{"type":"oudere","employment_start":"9997-01-01","hours_by_month":{}}}"#,
        #"{"calculator":"lkv_best","date":"2024-05-01","input":{"types":["banenafspraak","oudere"],"employment_start":"9999-06-30","hours_by_month":{}}}"#,
        #"{"calculator":"noriskpolis","date":"2024-03-01","input":{"group":"banenafspraak","employment_start":"9998-01-01","first_sick_day":"2024-03-01","dagloon":"100.00"}}"#,
    ])
    func farFutureDate(_ text: String) {
        let e = error(text)
        #expect(e?.field == "input.employment_start")
        #expect(e?.message == "must be a date from 1900-01-01 to 2100-12-31")
    }

    @Test("the last date a case allows still computes: a term of years added to it stays inside the calendar")
    func lastAllowedDate() throws {
        let out = try Calculators.run(case: try CaseValue.parse(#"{"calculator":"noriskpolis","date":"2024-03-01","input":{"group":"banenafspraak","employment_start":"2100-12-31","first_sick_day":"2024-03-01","dagloon":"100.00"}}"#), parameters: Self.parameters)
        #expect(!out.rendered().isEmpty)
    }

    @Test("date arithmetic saturates at the ends of the calendar instead of trapping")
    func dateArithmeticSaturates() {
        let end = LocalDate(year: 9999, month: 6, day: 30)!
        #expect(end.adding(months: 12) == LocalDate.latest)
        #expect(end.adding(months: 5 * 12).adding(days: -1) == LocalDate(year: 9999, month: 12, day: 30)!)
        #expect(end.adding(months: Int.max) == LocalDate.latest)
        #expect(end.adding(days: Int.max) == LocalDate.latest)
        #expect(LocalDate(year: 1, month: 2, day: 1)!.adding(months: -2) == LocalDate.earliest)
        #expect(LocalDate.earliest.adding(days: Int.min) == LocalDate.earliest)
        #expect(LocalDate(year: 2024, month: 1, day: 31)!.adding(months: 1) == LocalDate(year: 2024, month: 2, day: 29)!)
        #expect(LocalDate(year: 2024, month: 3, day: 1)!.adding(days: -1) == LocalDate(year: 2024, month: 2, day: 29)!)
    }

    @Test("JSON deeper than the limit is an error, at any depth far beyond it")
    func depth() {
        for n in [CaseValue.maximumDepth + 1, 1000, 100_000] {
            let e = error(String(repeating: "[", count: n) + String(repeating: "]", count: n))
            #expect(e?.field == "case")
            #expect(e?.message.contains("nested deeper than") == true)
        }
        let ok = String(repeating: "[", count: CaseValue.maximumDepth) + String(repeating: "]", count: CaseValue.maximumDepth)
        #expect((try? CaseValue.parse(ok)) != nil)
    }

    @Test("a case over the size limit is an error")
    func size() {
        let e = error("\"" + String(repeating: "a", count: CaseValue.maximumBytes) + "\"")
        #expect(e?.field == "case")
    }

    @Test("an empty key is named as \"\" (fuzzer finding: an unknown field with no name)")
    func emptyKey() {
        #expect(error("{\"calculator\":\"jobcoach\",\"date\":\"2024-05-01\",\"\":1,\"input\":{}}")?.field == "\"\"")
        #expect(error("{\"\":1,\"\":2}")?.field == "\"\"")
    }

    @Test("every input the fuzzer found is handled: a CaseError that names a field, never a crash")
    func regressions() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fuzz/calc/regressions")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(!files.isEmpty)
        for f in files {
            let text = String(decoding: try Data(contentsOf: dir.appendingPathComponent(f)), as: UTF8.self)
            if let e = error(text) { #expect(!e.field.isEmpty, "\(f): \(e)") }
        }
    }
}
