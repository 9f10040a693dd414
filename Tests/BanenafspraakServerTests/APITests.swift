import BanenafspraakCalculators
import BanenafspraakCore
import BanenafspraakParameters
import BanenafspraakStore
@testable import BanenafspraakServer
import Foundation
import Testing

@Suite("Server API (spec 10)")
struct APITests {
    @Test("health answers ok")
    func health() async throws {
        let s = try TestServer()
        let r = await s.send("GET", "/api/v1/health")
        #expect(r.status == 200)
        #expect(r.bodyText == #"{"status":"ok"}"#)
    }

    @Test("parameters lists the values in force on the date, with validity and source; a bad date names the field")
    func parameters() async throws {
        let s = try TestServer()
        let r = await s.send("GET", "/api/v1/parameters?date=2024-06-01")
        #expect(r.status == 200)
        let list = try #require(try s.json(r)["parameters"] as? [[String: Any]])
        let levy = try #require(list.first { $0["id"] as? String == "quota.levy_per_job" })
        let resolved = try s.env.parameters.resolve("quota.levy_per_job", on: LocalDate("2024-06-01")!)
        #expect(levy["value"] as? String == resolved.formatted)
        #expect(levy["source"] as? String == resolved.value.source)
        // Parameters not in force that day are left out: the WML per hour starts in 2024.
        let early = try s.json(await s.send("GET", "/api/v1/parameters?date=2019-06-01"))["parameters"] as! [[String: Any]]
        #expect(!early.contains { $0["id"] as? String == "wml.hourly" })
        #expect(list.contains { $0["id"] as? String == "wml.hourly" })
        let bad = await s.send("GET", "/api/v1/parameters?date=2024-13-01")
        #expect(bad.status == 400)
        #expect(try s.errorField(bad) == "/date")
        let missing = await s.send("GET", "/api/v1/parameters")
        #expect(missing.status == 400)
    }

    /// Every scenario case of the calculator tests, through the API and through the library `calc` uses.
    static let scenarioCases: [URL] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BanenafspraakCalculatorTests/Scenarios")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }()

    @Test("calc gives byte for byte the result JSON of `banenafspraak calc` for every scenario case")
    func calcMatchesCLI() async throws {
        let s = try TestServer()
        #expect(Self.scenarioCases.count > 20)
        for file in Self.scenarioCases {
            let scenario = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
            let caseData = try JSONSerialization.data(withJSONObject: scenario["case"]!)
            let caseText = String(decoding: caseData, as: UTF8.self)
            let r = await s.send("POST", "/api/v1/calc", body: caseText)
            do {
                let expected = try Calculators.run(case: try CaseValue.parse(caseText), parameters: s.env.parameters).rendered(pretty: false)
                #expect(r.status == 200, "\(file.lastPathComponent)")
                #expect(r.bodyText == expected, "\(file.lastPathComponent)")
            } catch {
                #expect(r.status == 422, "\(file.lastPathComponent)")
                #expect(try s.errorField(r) == JSONPointer.fromDottedPath(error.field), "\(file.lastPathComponent)")
            }
        }
    }

    @Test("an invalid case is 422 naming the field as a JSON Pointer; a body that is not JSON is 400")
    func calcErrors() async throws {
        let s = try TestServer()
        let unknown = await s.send("POST", "/api/v1/calc", body: #"{"calculator":"lkv","date":"2024-05-01","input":{"type":"banenafspraak","employment_start":"2024-01-01","hours_by_month":{"2024-13":"1.00"}}}"#)
        #expect(unknown.status == 422)
        #expect(try s.errorField(unknown) == "/input/hours_by_month/2024-13")
        let extra = await s.send("POST", "/api/v1/calc", body: #"{"calculator":"vrijlating","date":"2024-05-01","input":{"category":"n","age":30,"monthly_income":"800.00","months_used":0,"colour":"red"}}"#)
        #expect(extra.status == 422)
        #expect(try s.errorField(extra) == "/input/colour")
        let date = await s.send("POST", "/api/v1/calc", body: #"{"calculator":"lks","date":"2031-01-01","input":{"loonwaarde_percent":"50","contract_hours_per_week":"36","fulltime_hours_per_week":"38","forfaitair":false,"months_since_start":3}}"#)
        #expect(date.status == 422)
        #expect(try s.errorField(date) == "/date")
        let broken = await s.send("POST", "/api/v1/calc", body: #"{"calculator": "lkv", "#)
        #expect(broken.status == 400)
        // Deep nesting is refused before the recursive parser sees it (it would exhaust a worker's stack).
        for path in ["/api/v1/calc", "/api/v1/estimate"] {
            let deep = await s.send("POST", path, body: String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
            #expect(deep.status == 400)
        }
        #expect(JSONNesting.tooDeep(Array(#"{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}"#.utf8)) == false)
        let wrongType = await s.send("POST", "/api/v1/calc", body: "[1, 2]")
        #expect(wrongType.status == 422 || wrongType.status == 400)
    }

    @Test("the server's JSON writer gives exactly the text of JSONValue.rendered(pretty: false)")
    func jsonBytes() {
        let v: JSONValue = .object([
            ("a\"b\\c", .array([.string("tab\tnl\ncr\r\u{01}\u{1f} € ü 𝄞"), .integer(-42), .bool(true), .bool(false), .null])),
            ("nested", .object([("x", .array([])), ("y", .object([]))])),
            ("integers", .array([.integer(0), .integer(7), .integer(Int64.min), .integer(Int64.max)])),
            // Longer than the writer's first buffer, with escapes on both sides of each growth.
            ("long", .array((0..<40).map { i in .string(String(repeating: "x\"€", count: 1000 + i)) })),
        ])
        #expect(String(decoding: JSONBytes.render(v), as: UTF8.self) == v.rendered(pretty: false))
    }

    @Test("JSON Pointers escape ~ and / (RFC 6901)")
    func pointers() {
        #expect(JSONPointer.from(["input", "a/b", "c~d"]) == "/input/a~1b/c~0d")
        #expect(JSONPointer.fromDottedPath("input.hours_by_month.2024-13") == "/input/hours_by_month/2024-13")
        #expect(JSONPointer.fromDottedPath("target_group_hours.3") == "/target_group_hours/3")
    }

    @Test("unknown API paths are 404 JSON and wrong methods 405 with Allow")
    func notFoundAndMethod() async throws {
        let s = try TestServer()
        let r = await s.send("GET", "/api/v1/nope")
        #expect(r.status == 404)
        #expect(try s.json(r)["error"] != nil)
        let m = await s.send("DELETE", "/api/v1/calc")
        #expect(m.status == 405)
        #expect(m.headers.contains { $0.0 == "Allow" && $0.1 == "POST" })
    }

    @Test("the parameter-set hash header is the receipt's parameter hash, and changes with the parameters")
    func hashes() throws {
        let set = try ParameterFiles.loadDefault()
        let env = ServerEnvironment(parameters: set)
        #expect(env.parameterSetHash == ParameterSetText.sha256(set))
        #expect(env.parameterSetHash.count == 64)
        var changed = set
        var p = changed.parameters["quota.levy_per_job"]!
        p.values[0].value = 600_000
        changed.insert(p)
        #expect(ServerEnvironment(parameters: changed).parameterSetHash != env.parameterSetHash)
    }

    @Test("Dutch amounts and typed numbers: € 1.234,56, decimal comma and thousands dots")
    func dutch() {
        // One formatter for the pages and the CLI text: a negative amount is "-€ …" everywhere.
        #expect(DutchNumber.euro(Cents(123_456)) == "€ 1.234,56")
        #expect(DutchNumber.euro(Cents(-100_000_000)) == "-€ 1.000.000,00")
        #expect(DutchNumber.euro(Cents(5)) == "€ 0,05")
        #expect(DutchNumber.euro(decimal: "-62235.70") == "-€ 62.235,70")
        #expect(Rekentool.euro(Cents(-62_235_70)) == DutchNumber.euro(Cents(-62_235_70)))
        #expect(DutchNumber.parseTyped("1.234,5") == "1234.50")
        #expect(DutchNumber.parseTyped("36,5") == "36.50")
        #expect(DutchNumber.parseTyped("36.5") == "36.50")
        #expect(DutchNumber.parseTyped("100.000") == "100000.00")
        #expect(DutchNumber.parseTyped("€ 3.250.000,00") == "3250000.00")
        #expect(DutchNumber.parseTyped("1,2,3") == nil)
        #expect(DutchNumber.parseTyped("12,345") == nil)
        #expect(DutchNumber.parseTyped("-5") == nil)
        #expect(DutchNumber.parseTyped("0,512", decimals: 3) == "0.512")
    }
}
