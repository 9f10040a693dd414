import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakGenerate
import BanenafspraakParameters
@testable import BanenafspraakServer
import Foundation
import Testing

@Suite("Estimate endpoint (spec 10)")
struct EstimateTests {
    /// A `tiny` generated run, written as `quota` writes it.
    static func tinyRun() throws -> (QuotaResult, [String: [String: String]]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("server-estimate-\(UUID().uuidString)")
        let input = dir.appendingPathComponent("in").path, output = dir.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        _ = try SyntheticDataGenerator.generate(GeneratorOptions(scale: .tiny, year: 2024, seed: 7, outputDirectory: input), workers: 1, progress: nil)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: input).appendingPathComponent("manifest.json"))) as! [String: Any]
        var options = QuotaOptions(year: 2024, inputDirectory: input, outputDirectory: output, parameters: try ParameterFiles.loadDefault())
        for (k, v) in manifest["quota_percent"] as! [String: String] { options.quotaPercentOverrides[Quotum(rawValue: k)!] = BasisPoints(v)! }
        let run = try QuotaRun.run(options)
        try QuotaOutputs.write(run, to: output)
        let csv = try String(contentsOfFile: output + "/employers.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let header = csv[0].split(separator: ",").map(String.init)
        var rows: [String: [String: String]] = [:]
        for line in csv.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            rows[cells[0]] = Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
        try? FileManager.default.removeItem(at: dir)
        return (run, rows)
    }

    @Test("the estimate from an employer's own totals equals its row in employers.csv, for a sample of employers")
    func equalsEmployersCSV() async throws {
        let s = try TestServer()
        let (run, rows) = try Self.tinyRun()
        let agg = try #require(run.aggregates)
        let withTransfers = Set(agg.collaborations.flatMap { [Int($0.from), Int($0.to)] })
        let candidates = (0..<agg.employerCount).filter { !withTransfers.contains($0) }
        // Every liable employer and an even spread of the others.
        let liable = candidates.filter { run.figures[$0].liable }
        let sample = Array(Set(liable.prefix(30) + stride(from: 0, to: candidates.count, by: max(1, candidates.count / 30)).map { candidates[$0] })).sorted()
        #expect(sample.count >= 20)
        #expect(liable.count >= 3)
        for e in sample {
            let id = agg.employerIds[e]
            let sector = agg.sectors[e]
            var body: [String: Any] = [
                "year": 2024, "sector": sector.rawValue,
                "hours_total": agg.hoursTotal[e].description, "hours_a": agg.hoursA[e].description, "hours_c": agg.hoursC[e].description,
                "premium_base": agg.premiumBase[e].description,
                "target_group_hours": agg.targetGroupHours.filter { Int($0.employer) == e }.map { $0.hours.description },
                "quota_percent": run.percentages.percent[Quotum(sector)]!.description,
                "surcharge_percent": run.surchargeRate.description,
            ]
            if let prior = agg.priorYearHours[e] { body["prior_year_hours"] = prior.description }
            let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
            let r = await s.send("POST", "/api/v1/estimate", body: text)
            #expect(r.status == 200, "\(id): \(r.bodyText)")
            let got = try s.json(r)
            let row = try #require(rows[id])
            for column in ["sector", "hours_total", "hours_a", "hours_c", "required_hours", "shortfall_jobs", "levy", "premium_base", "surcharge", "lkv", "bonus", "transfers_out", "transfers_in", "net"] {
                #expect(got[column] as? String == row[column], "\(id) \(column)")
            }
            #expect((got["liable"] as? Bool) == (row["liable"] == "true"), "\(id) liable")
        }
    }

    static let base = #"{"year":2024,"sector":"overheid","hours_total":"100000.00","hours_a":"100000.00","hours_c":"1000.00","premium_base":"3000000.00","target_group_hours":["1000.00"],"surcharge_percent":"0.500""#

    @Test("errors name the field: unknown, malformed, wrong type, missing, and no percentage known")
    func errors() async throws {
        let s = try TestServer()
        let cases: [(String, Int, String?)] = [
            (Self.base + #","colour":"red"}"#, 422, "/colour"),
            (Self.base.replacingOccurrences(of: #""hours_c":"1000.00""#, with: #""hours_c":"10,5""#) + "}", 422, "/hours_c"),
            (Self.base.replacingOccurrences(of: #""hours_c":"1000.00""#, with: #""hours_c":1000"#) + "}", 422, "/hours_c"),
            (Self.base.replacingOccurrences(of: #""target_group_hours":["1000.00"]"#, with: #""target_group_hours":["1000.00",true]"#) + "}", 422, "/target_group_hours/1"),
            (Self.base.replacingOccurrences(of: #""year":2024,"#, with: "") + "}", 422, "/year"),
            (Self.base.replacingOccurrences(of: #""sector":"overheid""#, with: #""sector":"markt""#) + "}", 422, "/quota_percent"),
            (Self.base.replacingOccurrences(of: #","surcharge_percent":"0.500""#, with: "") + "}", 422, "/surcharge_percent"),
            (Self.base + #","vary":{"input":"hours_c","from":"10.00","to":"5.00","steps":3}}"#, 422, "/vary/to"),
            (Self.base + #","vary":{"input":"hours_c","from":"0","to":"5.00","steps":9999}}"#, 422, "/vary/steps"),
            ("{\"year\":", 400, nil),
        ]
        for (body, status, field) in cases {
            let r = await s.send("POST", "/api/v1/estimate", body: body)
            #expect(r.status == status, "\(body): \(r.bodyText)")
            #expect(try s.errorField(r) == field, "\(body)")
        }
    }

    @Test("the published overheid percentage is the default; the range variation finds the levy steps exactly")
    func variation() async throws {
        let s = try TestServer()
        let r = await s.send("POST", "/api/v1/estimate", body: Self.base + #","vary":{"input":"hours_c","from":"0","to":"4000.00","steps":9}}"#)
        #expect(r.status == 200, "\(r.bodyText)")
        let doc = try s.json(r)
        #expect(doc["quota_percent"] as? String == "2.76")
        #expect(doc["required_hours"] as? String == "2760.00")
        let variation = try #require(doc["variation"] as? [String: Any])
        let points = try #require(variation["points"] as? [[String: Any]])
        #expect(points.count == 9)
        #expect(points.first?["levy"] as? String == "10000.00")
        #expect(points.last?["levy"] as? String == "0.00")
        let cliffs = try #require(variation["cliffs"] as? [[String: Any]])
        // Required 2760 h; each tenth of a job is 133.10 h: the shortfall floor((2760 − C)/1331, 1) changes
        // where 2760 − C drops below a multiple of 133.10 h, i.e. at C = 2760 − k × 133.10 + 0.01.
        let steps = cliffs.filter { $0["kind"] as? String == "levy_step" }.compactMap { $0["after"] as? String }
        #expect(steps.count == 20)
        #expect(steps.contains("98.01"))   // 2760 − 20 × 133.10 = 98.00; at 98.01 the shortfall is 1.9
        #expect(steps.contains("2760.00") || steps.contains("2626.91"))
        for c in cliffs {
            let before = FixedPoint.parse(c["before"] as! String, scale: 2)!, after = FixedPoint.parse(c["after"] as! String, scale: 2)!
            #expect(after - before == 1)
        }
    }

    @Test("sweeping the total hours finds the liability threshold of 40,575 h and the surcharge switching on")
    func liabilityCliff() async throws {
        let s = try TestServer()
        let r = await s.send("POST", "/api/v1/estimate", body: Self.base + #","vary":{"input":"hours_total","from":"0","to":"100000.00","steps":11}}"#)
        let cliffs = try #require((try s.json(r)["variation"] as? [String: Any])?["cliffs"] as? [[String: Any]])
        let threshold = try #require(cliffs.first { $0["kind"] as? String == "liability_threshold" })
        #expect(threshold["after"] as? String == "40575.00")
        #expect(threshold["before"] as? String == "40574.99")
        let on = try #require(cliffs.first { $0["kind"] as? String == "surcharge_on" })
        #expect(on["after"] as? String == "40575.00")
    }
}
