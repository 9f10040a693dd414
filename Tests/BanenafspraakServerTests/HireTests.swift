import BanenafspraakCalculators
import BanenafspraakCore
import BanenafspraakParameters
@testable import BanenafspraakServer
import Foundation
import Testing

/// The hire scenarios of `Tests/BanenafspraakCalculatorTests/Scenarios/hire` (spec section 15), each with its hand
/// computation in `why`: the one function ``Hire`` must give `expected`, and the API, the command line and the page
/// must give the same answer.
struct HireScenario: CustomTestStringConvertible, Sendable {
    var name: String
    var path: String
    var testDescription: String { name }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BanenafspraakCalculatorTests/Scenarios/hire")

    static let all: [HireScenario] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        .filter { $0.hasSuffix(".json") }
        .map { HireScenario(name: String($0.dropLast(5)), path: folder.appendingPathComponent($0).path) }
}

/// `expected` is a part of `actual`: every key of an expected object is in the actual one with a matching value,
/// arrays match element by element and have the same length, and an expected `null` means absent or null.
func hireMismatch(_ expected: JSONValue, _ actual: JSONValue?, at path: String) -> String? {
    switch expected {
    case .null:
        if let actual, actual != .null { return "\(path): expected absent or null, got \(actual.rendered(pretty: false))" }
        return nil
    case .object(let pairs):
        guard let actual, case .object = actual else { return "\(path): expected an object, got \(actual?.rendered(pretty: false) ?? "nothing")" }
        for (k, v) in pairs { if let m = hireMismatch(v, actual[k], at: path + "." + k) { return m } }
        return nil
    case .array(let items):
        guard case .array(let got)? = actual else { return "\(path): expected an array" }
        guard got.count == items.count else { return "\(path): expected \(items.count) items, got \(got.count)" }
        for (i, (e, a)) in zip(items, got).enumerated() { if let m = hireMismatch(e, a, at: "\(path).\(i)") { return m } }
        return nil
    default:
        return actual == expected ? nil : "\(path): expected \(expected.rendered(pretty: false)), got \(actual?.rendered(pretty: false) ?? "nothing")"
    }
}

@Suite("One hire, every instrument (spec section 15)")
struct HireTests {
    static let parameters = EstimateParameters(try! ParameterFiles.loadDefault())

    @Test("Hire scenario", arguments: HireScenario.all)
    func scenario(_ s: HireScenario) async throws {
        let text = try String(contentsOfFile: s.path, encoding: .utf8)
        let file = try CaseValue.parse(text)
        for key in ["description", "citation"] {
            guard case .string(let t)? = file[key], !t.isEmpty else { Issue.record("scenario has no \(key)"); continue }
        }
        #expect(file["why"] != nil, "the hand computation must be written down")
        #expect(!text.contains("seed 00") && text.range(of: #"spec (sectie )?[0-9]"#, options: .regularExpression) == nil)
        let expected = try #require(file["expected"]?.jsonValue)
        // The API answers the scenario file as the command line reads it.
        let server = try TestServer()
        let api = await server.send("POST", "/api/v1/hire", body: text)
        if let error = expected["error"] {
            do {
                _ = try Hire.run(file, parameters: Self.parameters)
                Issue.record("expected an error on \(error["field"]?.rendered(pretty: false) ?? "?")")
            } catch {
                #expect(JSONValue.string(error.field) == expected["error"]?["field"], "\(error.description)")
                if case .string(let fragment)? = expected["error"]?["message_contains"] { #expect(error.message.contains(fragment)) }
            }
            #expect(api.status == 422)
            return
        }
        let out = try Hire.run(file, parameters: Self.parameters)
        if let m = hireMismatch(try #require(expected["result"]), out, at: "result") { Issue.record("\(m)") }
        // Every instrument carries its legal basis and explanation.
        if case .array(let years)? = out["years"] {
            for y in years {
                if case .object(let instruments)? = y["instruments"] {
                    for (name, i) in instruments {
                        #expect(i["legal_basis"] != nil && i["explanation"]?["rule"] != nil, "\(name)")
                        #expect(HireInstrumentName(rawValue: name) != nil)
                    }
                }
            }
        }
        #expect(api.status == 200)
        #expect(try CaseValue.parse(api.bodyText).jsonValue == out, "the API answers the same JSON as the function")
    }

    @Test("the server writes the hire's answer and the estimate's straight into bytes: the same text as their JSON values")
    func bytesEqualJSONValues() throws {
        let texts = JSONBytes.ParameterTexts(Self.parameters.set)
        for s in HireScenario.all {
            guard let outcome = try? Hire.compute(try CaseValue.parse(try String(contentsOfFile: s.path, encoding: .utf8)), parameters: Self.parameters) else { continue }
            let want = JSONBytes.render(outcome.jsonValue)
            #expect(JSONBytes.hire(outcome, texts) == want, "\(s.name)")
            #expect(JSONBytes.hire(outcome, nil) == want, "\(s.name), without the parameter texts")
        }
        for body in [
            #"{"year":2024,"sector":"markt","hours_total":"120000.00","hours_a":"118000.00","hours_c":"1500.00","premium_base":"4200000.00","target_group_hours":["1326.00","800.50"],"quota_percent":"2.20","surcharge_percent":"0.512"}"#,
            #"{"year":2016,"sector":"overheid","hours_total":"90000.00","hours_a":"90000.00","hours_c":"10.00","premium_base":"10.00","quota_percent":"2.00","surcharge_percent":"1.000","vary":{"input":"hours_c","from":"0.00","to":"5000.00","steps":4}}"#,
        ] {
            let answer = try Estimate.answer(try Estimate.parse(body), parameters: Self.parameters, defaults: nil)
            #expect(answer.bytes(texts) == JSONBytes.render(answer.jsonValue))
        }
    }

    @Test("at least 12 hire scenarios with a hand-checked outcome")
    func count() {
        #expect(HireScenario.all.filter { !$0.name.contains("fout") }.count >= 12)
    }

    @Test("a month of hours: 52 weeks over 12 months, exact in centi-hours, the year adds up to 52 weeks")
    func monthHours() {
        let perWeek = CentiHours(2_550)
        let months = (1...12).map { HireSchedule.fullMonthHours(perWeek: perWeek, month: $0).rawValue }
        #expect(months.reduce(0, +) == 2_550 * 52)
        #expect(months.allSatisfy { $0 == 11_050 })
        let odd = (1...12).map { HireSchedule.fullMonthHours(perWeek: CentiHours(2_500), month: $0).rawValue }
        #expect(odd.reduce(0, +) == 130_000 && odd.max()! - odd.min()! <= 1)
        // A start on the 16th of a 30-day month: 15 of 30 days.
        let start = LocalDate(year: 2024, month: 4, day: 16)!
        let first = HireSchedule.months(of: 2024, start: start, perWeek: CentiHours(2_400), hourlyWage: Cents(1_500))[0]
        #expect(first.hours == CentiHours(5_200) && first.wage == Cents(78_000) && first.daysEmployed == 15)
    }

    @Test("a bad field is named, on the command line's terms and as a JSON pointer by the API")
    func errors() async throws {
        let server = try TestServer()
        let cases: [(String, String)] = [
            (#"{"start_date": "2014-12-31", "input": {}}"#, "/start_date"),
            (#"{"start_date": "2024-01-01", "input": {"hours_per_week": "0", "hourly_wage": "15", "situation": {"register": true}}}"#, "/input/hours_per_week"),
            (#"{"start_date": "2024-01-01", "input": {"hours_per_week": "24", "hourly_wage": "15", "situation": {"register": false, "ground": "wajong"}}}"#, "/input/situation/ground"),
            (#"{"start_date": "2024-01-01", "input": {"hours_per_week": "24", "hourly_wage": "15", "situation": {"register": true, "lks_forfaitair": true}}}"#, "/input/situation/lks_forfaitair"),
            (#"{"start_date": "2024-01-01", "input": {"hours_per_week": "24", "hourly_wage": "15", "situation": {"register": true}, "employer": {"year": 2022, "sector": "markt", "hours_total": "1", "hours_a": "1", "hours_c": "0", "premium_base": "1", "quota_percent": "2", "surcharge_percent": "0.5"}}}"#, "/input/employer/year"),
            (#"{"start_date": "2024-01-01", "input": {"hours_per_week": "24", "hourly_wage": "15", "situation": {"register": true}, "employer": {"year": 2024, "sector": "markt", "hours_total": "1", "hours_a": "1", "hours_c": "0", "premium_base": "1", "quota_percent": "2.07"}}}"#, "/input/employer/surcharge_percent"),
            (#"{"start_date": "2024-01-01", "input": {"hours_per_week": "24", "hourly_wage": "15", "situation": {"register": true, "colour": "red"}}}"#, "/input/situation/colour"),
        ]
        for (body, pointer) in cases {
            let r = await server.send("POST", "/api/v1/hire", body: body)
            #expect(r.status == 422, "\(body)")
            let json = try server.json(r)
            #expect((json["error"] as? [String: Any])?["field"] as? String == pointer, "\(r.bodyText)")
        }
        #expect(await server.send("POST", "/api/v1/hire", body: "{").status == 400)
    }

    @Test("the command line, the API and the page give the same answer for the same hire")
    func sameAnswerEverywhere() async throws {
        let path = HireScenario.folder.appendingPathComponent("07_werkgever_uit_tekort.json").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let server = try TestServer()
        let api = await server.send("POST", "/api/v1/hire", body: text)
        #expect(api.status == 200)
        // The command line, as a user runs it.
        let p = Process()
        p.executableURL = LiveServerTests.binary
        p.arguments = ["hire", "--case", path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let cli = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(try CaseValue.parse(String(decoding: cli, as: UTF8.self)).jsonValue == CaseValue.parse(api.bodyText).jsonValue)
        // A bad case on the command line: the error names the field, exit status 2 (as calc).
        let bad = Process()
        bad.executableURL = LiveServerTests.binary
        bad.arguments = ["hire", "--case", HireScenario.folder.appendingPathComponent("13_fout_leeftijd_en_geboortedatum.json").path]
        let badOut = Pipe()
        bad.standardOutput = badOut
        try bad.run()
        let badText = String(decoding: badOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        bad.waitUntilExit()
        #expect(bad.terminationStatus == 2)
        #expect(try CaseValue.parse(badText)["error"]?["field"] == .string("input.situation.age"))
        // The page, filled in as a person would, shows the same figures.
        let form = PageTests.form([
            ("register", "ja"), ("ground", "pwet_wml"), ("age", "24"), ("start_date", "01-01-2024"), ("hours_per_week", "24"),
            ("hourly_wage", "16,00"), ("employer_year", "2024"), ("sector", "markt"), ("hours_total", "100.000"), ("hours_a", "100.000"),
            ("hours_c", "1.000"), ("premium_base", "2.000.000"), ("quota_percent", "2,07"), ("surcharge_percent", "0,500"),
        ])
        let page = await server.send("POST", "/aanname", body: form)
        #expect(page.status == 200)
        let html = page.bodyText
        let json = try CaseValue.parse(api.bodyText).jsonValue
        guard case .array(let years)? = json["years"] else { Issue.record("no years"); return }
        for y in years {
            guard case .integer(let year)? = y["year"], case .string(let lkv)? = y["instruments"]?["lkv"]?["amount"] else { continue }
            let shown = DutchNumber.euro(Cents(FixedPoint.parse(lkv, scale: 2)!))
            #expect(html.contains("data-key=\"lkv-\(year)\">\(shown)<"), "\(year): \(shown)")
        }
        #expect(html.contains("Quotumheffing (wet 2015)</th><td class=\"num\">-€ 4.000,00"))
        #expect(html.contains("Nettoresultaat</th><td class=\"num\">+€ 5.865,60"))
        #expect(html.contains("2024-03-31") && html.contains("Wtl art. 2.11 lid 1"))
        #expect(html.contains("<svg") && !html.contains("<script"))
    }

    @Test("the page asks the ruling-out questions first, needs no script, and names a bad field")
    func page() async throws {
        let server = try TestServer()
        let get = await server.send("GET", "/aanname")
        #expect(get.status == 200)
        let html = get.bodyText
        let register = try #require(html.range(of: "id=\"register\""))
        let start = try #require(html.range(of: "id=\"start_date\""))
        let loonwaarde = try #require(html.range(of: "id=\"loonwaarde_percent\""))
        #expect(register.lowerBound < start.lowerBound && start.lowerBound < loonwaarde.lowerBound)
        #expect(html.contains("Alleen als de gemeente loonkostensubsidie betaalt") && !html.contains("<script"))
        #expect(html.contains("href=\"/aanname\" aria-current=\"page\"") || html.contains("aria-current=\"page\" href=\"/aanname\""))
        let bad = await server.send("POST", "/aanname", body: PageTests.form([
            ("register", "nee"), ("birth_date", "1960-01-01"), ("age", "64"), ("start_date", "2024-01-01"), ("hours_per_week", "24"), ("hourly_wage", "15"),
        ]))
        #expect(bad.status == 422)
        #expect(bad.bodyText.contains("href=\"#age\""))
    }

    @Test("a field without a hint shows none: the hint of its fieldset stays with the fieldset")
    func groupHintStaysWithGroup() async throws {
        let html = try await TestServer().send("GET", "/aanname").bodyText
        #expect(html.components(separatedBy: "Deze vragen bepalen welke regelingen kunnen gelden.").count == 2)
        #expect(html.components(separatedBy: "Uw totalen van één jaar, zoals in de rekentool.").count == 2)
        #expect(!html.contains("bijstand-hint") && !html.contains("id=\"hours_total-hint\""))
        #expect(html.contains("<span class=\"hint\" id=\"register-hint\">"))
    }

    @Test("an amount resting on an estimate says so: the minimum wage of 1 July 2026 is a schatting")
    func estimatesMarked() throws {
        // A start in August 2026: the loonkostensubsidie uses the minimum wage of the first day of the start month (Pwet art. 10d lid 7).
        let value = try CaseValue.parse(#"{"start_date": "2026-08-01", "input": {"hours_per_week": "36", "hourly_wage": "14.40", "situation": {"register": true, "loonwaarde_percent": "50"}}}"#)
        let out = try Hire.compute(value, parameters: Self.parameters)
        let lks = try #require(out.plan.years.first?.instrument(.lks))
        #expect(lks.fields.contains { $0.0 == "estimates" })
        #expect(HireSummary(out).years[0].lks.hasSuffix("(schatting)"))
        // The LKV rests on law only.
        #expect(!(out.plan.years.first?.instrument(.lkv)?.fields.contains { $0.0 == "estimates" } ?? true))
    }
}
