import BanenafspraakCalculators
import BanenafspraakCore
import BanenafspraakParameters
import Foundation
import Testing

/// Every calculator answers on every month of 2015–2026: a result when the instrument existed, `in_force: false`
/// when it did not, and never a missing-parameter error (spec 5.7; docs/sources.md).
@Suite("Legal life: every calculator over every month 2015-2026")
struct LegalLifeTests {
    /// Representative inputs per calculator for a case date; several variants where the rules branch.
    static func cases(on day: LocalDate) -> [(String, String)] {
        let d = day.description
        let month = String(d.prefix(7))
        var out: [(String, String)] = []
        func add(_ calc: String, _ input: String) { out.append((calc, #"{"calculator": "\#(calc)", "date": "\#(d)", "input": \#(input)}"#)) }
        add("register", #"{"route": "pwet_wml", "registered_from": "2015-01-01", "criteria_lost_on": "2015-06-01", "aow_date": "2030-01-01"}"#)
        for t in ["oudere", "arbeidsgehandicapt", "banenafspraak", "herplaatsen"] {
            add("lkv", #"{"type": "\#(t)", "employment_start": "2015-01-01", "hours_by_month": {"\#(month)": "100.00"}}"#)
        }
        add("lkv_best", #"{"types": ["oudere", "banenafspraak", "arbeidsgehandicapt", "herplaatsen"], "employment_start": "\#(d)", "hours_by_month": {"\#(month)": "100.00"}}"#)
        add("liv", #"{"average_hourly_wage": "12.00", "hours_in_year": "1600.00"}"#)
        for forfaitair in [false, true] {
            add("lks", #"{"loonwaarde_percent": "45", "contract_hours_per_week": "32", "fulltime_hours_per_week": "38", "forfaitair": \#(forfaitair), "months_since_start": 2}"#)
        }
        for g in ["banenafspraak", "beschut", "wajong", "wia"] {
            add("noriskpolis", #"{"group": "\#(g)", "employment_start": "2015-01-01", "first_sick_day": "\#(d)", "dagloon": "100.00", "lks": {"loonwaarde_percent": "45"}}"#)
        }
        add("vrijlating", #"{"category": "n", "age": 25, "monthly_income": "900.00", "months_used": 0}"#)
        add("vrijlating", #"{"category": "r", "age": 30, "monthly_income": "900.00", "months_used": 0, "single_parent": true, "youngest_child_age": 4}"#)
        for c in ["y", "z", "aa"] { add("vrijlating", #"{"category": "\#(c)", "age": 30, "monthly_income": "900.00", "months_used": 0}"#) }
        add("begeleidingsbonus", #"{"variant": "central", "amount": "1000.00"}"#)
        add("jobcoach", #"{"coach_hours": "5.00", "coached_hours": "100.00", "coach_hourly_wage": "25.00"}"#)
        add("beschut", #"{"needs_adjustments": true, "adjustments_reasonable_for_employer": false, "needs_supervision": false}"#)
        return out
    }

    static let months: [LocalDate] = (2015...2026).flatMap { y in (1...12).map { LocalDate(year: y, month: $0, day: 15)! } }

    @Test("No calculator fails on any month, and each covers every calculator name")
    func sweep() throws {
        var answered = 0
        var notInForce: [String: Int] = [:]
        var calculators = Set<String>()
        for day in Self.months {
            for (calc, text) in Self.cases(on: day) {
                calculators.insert(calc)
                let value = try CaseValue.parse(text)
                do {
                    let out = try Calculators.run(case: value, parameters: parameters)
                    answered += 1
                    if case .bool(false)? = out["result"]?["in_force"] {
                        notInForce[calc, default: 0] += 1
                        // Not in force is an answer with a reason and the dates.
                        #expect(out["result"]?["reason"] != nil && out["result"]?["in_force_from"] != nil, "\(calc) on \(day)")
                    }
                } catch {
                    Issue.record("\(calc) on \(day): \(error.description)")
                }
            }
        }
        #expect(calculators == Set(CalculatorName.allCases.map(\.rawValue)))
        #expect(answered == Self.months.count * Self.cases(on: Self.months[0]).count)
        // The instruments that did not always exist say so (LIV 2015-2016 and 2025-2026, LKV before 2018, z/aa before 2023).
        #expect(notInForce["liv"] == 48)
        #expect((notInForce["lkv"] ?? 0) >= 36 * 4)
        #expect((notInForce["vrijlating"] ?? 0) == 2 * 96)
    }

    @Test("The repository's parameters have no gap and no overlap inside their legal life")
    func noGaps() {
        let set = try! ParameterFiles.loadDefault(validating: false)
        let defects = set.coverageFindings().filter { $0.kind != .unverified }
        #expect(defects.isEmpty, "\(defects.map(\.description))")
    }

    @Test("A gap inside a parameter's legal life is found")
    func gapIsFound() {
        let a = ParameterValue(value: 1, validFrom: LocalDate("2015-01-01")!, validUntil: LocalDate("2019-12-31")!, source: "Wet art. 1", status: .verified, verified: "x")
        let b = ParameterValue(value: 2, validFrom: LocalDate("2020-02-01")!, validUntil: LocalDate("2024-12-31")!, source: "Wet art. 1", status: .unverified)
        let set = ParameterSet([Parameter(id: "t", unit: .count, description: "", values: [a, b], inForceUntil: LocalDate("2025-06-30")!)])
        let f = set.coverageFindings()
        #expect(f.filter { $0.kind == .gap }.map { "\($0.from)..\($0.until!)" } == ["2020-01-01..2020-01-31", "2025-01-01..2025-06-30"])
        #expect(f.filter { $0.kind == .unverified }.count == 1)
    }

    @Test("Sources cite the law or an official document, never an internal reference")
    func sources() {
        for p in parameters.parameters.values {
            for v in p.values {
                #expect(!v.source.contains("seed") && v.source.range(of: #"spec (sectie |section )?[0-9]"#, options: .regularExpression) == nil,
                        "\(p.id) \(v.validFrom): \(v.source)")
                if v.status == .verified { #expect(!(v.verified ?? "").isEmpty, "\(p.id) is verified without saying where") }
            }
        }
    }

    @Test("Statistics, one region's practice and own choices are not marked as law")
    func statuses() throws {
        for (id, p) in parameters.parameters where id.hasPrefix("begeleidingsbonus.group.") {
            #expect(p.values.allSatisfy { $0.status == .estimate }, "\(id)")
        }
        #expect(try parameters.resolve("jobcoach.internal_max_percent", on: LocalDate("2020-01-01")!).value.status == .estimate)
        // The vergoeding voor werkgeverslasten is law (Regeling loonkostensubsidie Participatiewet art. 1), not a choice.
        #expect(try parameters.resolve("lks.employer_costs_percent", on: LocalDate("2020-01-01")!).value.status == .verified)
        #expect(try parameters.resolve("lks.employer_costs_percent", on: LocalDate("2020-01-01")!).formatted == "23.50")
        #expect(try parameters.resolve("lks.employer_costs_percent", on: LocalDate("2017-12-31")!).formatted == "23.00")
        // The minimum wage of 1 July 2026 is a copy of January: an estimate, not law.
        #expect(try parameters.resolve("wml.monthly", on: LocalDate("2026-07-01")!).value.status == .estimate)
        #expect(parameters.parameters.values.allSatisfy { $0.values.allSatisfy { $0.status != .enacted } })
    }

    @Test("Each value is shown with its own status: niet geverifieerd, geverifieerd, and the 2026-07 estimate as schatting")
    func explanationShowsStatus() throws {
        let text = #"{"calculator": "lks", "date": "2026-08-01", "input": {"loonwaarde_percent": "45", "contract_hours_per_week": "36", "fulltime_hours_per_week": "38", "forfaitair": false, "months_since_start": 1}}"#
        let (_, outcome) = try Calculators.outcome(case: try CaseValue.parse(text), parameters: parameters)
        let rendered = outcome.explanation.renderedText()
        #expect(rendered.contains("[niet geverifieerd]"))
        #expect(rendered.contains("[geverifieerd]"))
        #expect(rendered.contains("[schatting of praktijk, geen wet]"))
        let json = outcome.explanation.jsonValue.rendered(pretty: false)
        #expect(json.contains(#""status_label":"niet geverifieerd""#))
        #expect(json.contains(#""status_label":"schatting of praktijk, geen wet""#))
        // The Dutch parameter list of `calc --format text` and `explain` (issue: verified values were labelled
        // "niet geverifieerd" there).
        let list = DutchExplanationText.parameterList(DutchExplanationText.parameters(of: [outcome.explanation])).joined(separator: "\n")
        let verifiedLines = list.split(separator: "\n").filter { $0.contains("23,5") || $0.contains("23.5") }
        #expect(!verifiedLines.isEmpty && verifiedLines.allSatisfy { $0.hasSuffix("(status: geverifieerd)") }, "\(verifiedLines)")
        #expect(list.contains("(status: schatting of praktijk, geen wet)"))
    }

    @Test("The WML of 1 July 2024 is EUR 2133.60 per month, and EUR 14.00 an hour gets no LIV in 2024")
    func correctedValues() throws {
        #expect(try parameters.resolve("wml.monthly", on: LocalDate("2024-07-01")!).formatted == "2133.60")
        let text = #"{"calculator": "liv", "date": "2024-06-01", "input": {"average_hourly_wage": "14.00", "hours_in_year": "1500.00"}}"#
        let out = try Calculators.run(case: try CaseValue.parse(text), parameters: parameters)
        #expect(out["result"]?["amount"] == .string("0.00"))
        #expect(out["result"]?["eligible"] == .bool(false))
    }

    @Test("A verified amount appears, written the Dutch way, in the passage that verified it")
    func quoteBoundValues() {
        var checked = 0
        for p in parameters.parameters.values where p.unit == .money {
            for v in p.values where v.status == .verified {
                guard let cents = v.value else { continue }
                let euros = cents / 100, rest = cents % 100
                var grouped = String(euros)
                if euros >= 1000 { grouped = "\(euros / 1000).\(String(euros % 1000).leftPadded(3))" }
                let dutch = rest == 0 ? "€ \(grouped)" : "€ \(grouped),\(String(rest).leftPadded(2))"
                #expect((v.verified ?? "").contains(dutch), "\(p.id) \(v.validFrom): \(dutch) not in \(v.verified ?? "")")
                checked += 1
            }
        }
        #expect(checked >= 4)
    }

    @Test("A scenario file and a bare case give the same result")
    func wrapperIsAccepted() throws {
        let bare = #"{"calculator": "jobcoach", "date": "2020-01-01", "input": {"coach_hours": "5.00", "coached_hours": "100.00", "coach_hourly_wage": "25.00"}}"#
        let wrapped = #"{"description": "x", "citation": "y", "why": ["z"], "case": \#(bare), "expected": {"result": {}}}"#
        let a = try Calculators.run(case: try CaseValue.parse(bare), parameters: parameters)
        let b = try Calculators.run(case: try CaseValue.parse(wrapped), parameters: parameters)
        #expect(a == b)
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
