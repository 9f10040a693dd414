import BanenafspraakCalculators
import BanenafspraakCore
import Testing

/// The pensioengerechtigde leeftijd (AOW art. 7a lid 1) as the calculators use it: the age of the calendar year
/// in which it is reached (`aow.pensioengerechtigde_leeftijd_months`), from an optional `birth_date`.
@Suite("Pensioengerechtigde leeftijd from birth_date")
struct PensionAgeTests {
    static func reached(_ birth: String) throws -> JSONValue? {
        let text = #"{"calculator": "liv", "date": "2024-06-01", "input": {"average_hourly_wage": "14.50", "hours_in_year": "1600.00", "birth_date": "\#(birth)"}}"#
        return try Calculators.run(case: try CaseValue.parse(text), parameters: parameters)["result"]?["pension_age_reached_on"]
    }

    @Test("The age of the year of reaching: 66 and 7 months in 2022, 66 and 10 months in 2023, 67 from 2024")
    func table() throws {
        #expect(try Self.reached("1955-12-01") == .string("2022-07-01"))
        #expect(try Self.reached("1957-01-15") == .string("2023-11-15"))
        #expect(try Self.reached("1957-03-01") == .string("2024-03-01"))
        #expect(try Self.reached("1958-02-15") == .string("2025-02-15"))
    }

    @Test("Far in the past, after 2026, and in the future: an answer, never a crash")
    func edges() throws {
        #expect(try Self.reached("1900-01-01") == .string("1965-04-01"))
        #expect(try Self.reached("1990-05-05") == .null)
        #expect(try Self.reached("2030-01-01") == .null)
    }
}
