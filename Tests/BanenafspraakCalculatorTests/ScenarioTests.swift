import BanenafspraakCalculators
import BanenafspraakCore
import BanenafspraakParameters
import Foundation
import Testing

/// One scenario file: `Scenarios/<calculator>/<name>.json` with `description` (Dutch), `citation`, `why`,
/// `case` and `expected`. `banenafspraak calc --case FILE` runs such a file as it is.
struct Scenario: CustomTestStringConvertible, Sendable {
    var folder: String
    var name: String
    var path: String
    var testDescription: String { "\(folder)/\(name)" }

    /// Every scenario in the bundled `Scenarios` folder, sorted by path.
    static let all: [Scenario] = {
        guard let root = Bundle.module.url(forResource: "Scenarios", withExtension: nil) else { return [] }
        let fm = FileManager.default
        var out: [Scenario] = []
        for folder in ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
            let dir = root.appendingPathComponent(folder)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else { continue }
            // `hire` holds the cases of `banenafspraak hire` (spec section 15), run by the server suite beside the employer assessment.
            guard folder != "hire" else { continue }
            for file in ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() where file.hasSuffix(".json") {
                out.append(Scenario(folder: folder, name: String(file.dropLast(5)), path: dir.appendingPathComponent(file).path))
            }
        }
        return out
    }()
}

let parameters: ParameterSet = try! ParameterFiles.loadDefault()

@Suite("Calculator scenarios")
struct ScenarioTests {
    @Test("Scenario", arguments: Scenario.all)
    func scenario(_ s: Scenario) throws {
        let text = try String(contentsOfFile: s.path, encoding: .utf8)
        let file = try CaseValue.parse(text)
        guard case .object(let top) = file else { Issue.record("scenario is not an object"); return }
        for (k, _) in top where !["description", "citation", "why", "case", "expected"].contains(k) {
            Issue.record("unknown scenario key \(k)")
        }
        // A lawyer reads the file: a description and the citation of the rule it shows, never an internal reference.
        for key in ["description", "citation"] {
            guard case .string(let t)? = file[key], !t.isEmpty else { Issue.record("scenario has no \(key)"); continue }
        }
        #expect(!text.contains("seed 00") && text.range(of: #"spec (sectie )?[0-9]"#, options: .regularExpression) == nil,
                "scenario cites an internal reference instead of the law")
        // The hand computation must be written down.
        switch file["why"] {
        case .string(let w)?: #expect(!w.isEmpty, "why is empty")
        case .array(let a)?: #expect(!a.isEmpty, "why is empty")
        default: Issue.record("scenario has no \"why\"")
        }
        let theCase = try #require(file["case"])
        let expected = try #require(file["expected"])
        if expected["error"] == nil, case .string(let c)? = theCase["calculator"] { #expect(c == s.folder, "case calculator \(c) is not in folder \(s.folder)") }

        if let expectedError = expected["error"] {
            let field = try #require(expectedError["field"], "expected.error needs a field")
            do {
                let out = try Calculators.run(case: file, parameters: parameters)
                Issue.record("expected an error on \(field), got \(out["result"].map { $0.rendered(pretty: false) } ?? "?")")
            } catch {
                #expect(CaseValue.string(error.field) == field, "error: \(error.description)")
                if case .string(let fragment)? = expectedError["message_contains"] {
                    #expect(error.message.contains(fragment), "message \(error.message) lacks \(fragment)")
                }
            }
            return
        }
        let expectedResult = try #require(expected["result"], "expected needs result or error")
        guard case .object(let fields) = expectedResult, !fields.isEmpty else { Issue.record("expected.result must be a non-empty object"); return }
        let out: JSONValue
        // The whole file runs, as `calc --case FILE` runs it: the wrapper is accepted.
        do { out = try Calculators.run(case: file, parameters: parameters) } catch {
            Issue.record("unexpected error: \(error.description)")
            return
        }
        let result = try #require(out["result"])
        for (key, value) in fields {
            #expect(result[key] == value.jsonValue, "\(key): expected \(value.jsonValue.rendered(pretty: false)), got \(result[key]?.rendered(pretty: false) ?? "missing")")
        }
        // Every result carries its explanation (spec 5.6), also as Dutch text.
        let explanation = try #require(out["explanation"])
        #expect(explanation["rule"] != nil && explanation["steps"] != nil)
    }

    @Test("At least 12 scenarios per calculator")
    func counts() {
        for name in CalculatorName.allCases {
            let n = Scenario.all.filter { $0.folder == name.rawValue }.count
            #expect(n >= 12, "\(name.rawValue) has \(n) scenarios")
        }
    }
}
