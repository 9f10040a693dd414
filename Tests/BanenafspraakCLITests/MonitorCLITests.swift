import BanenafspraakTestSupport
import Foundation
import Testing

/// `banenafspraak monitor` (spec section 16): from a run stored by `quota --store`, the sector rows equal the run's
/// measurement in national.json; `--region` writes one region and nothing national; bad flags are refused.
@Suite("The monitor on the command line (spec 16)")
struct MonitorCLITests {
    static func run(_ args: [String]) throws -> StoreCLITests.Run { try StoreCLITests.run(args) }

    @Test("monitor writes its files; the sector hours are national.json's; --region only that region; bad flags refused")
    func monitor() throws {
        let dir = CLITests.tempDir()
        let data = dir.appendingPathComponent("data").path, out = dir.appendingPathComponent("out").path
        let store = dir.appendingPathComponent("s.sqlite").path, monitor = dir.appendingPathComponent("monitor").path
        #expect(try Self.run(["generate", "--scale", "tiny", "--year", "2024", "--seed", "4", "--out", data]).status == 0)
        let q = try Self.run(["quota", "--year", "2024", "--in", data, "--out", out, "--store", store])
        #expect(q.status == 0, "\(q.stderr)")
        let m = try Self.run(["monitor", "--store", store, "--run", "1", "--out", monitor])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: monitor).sorted()
                == ["monitor.html", "monitor.json", "regions.csv", "sectors.csv", "subsectors.csv"])
        let national = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/national.json"))) as? [String: Any])
        let measurement = try #require(national["measurement"] as? [String: [String: Any]])
        let rows = try String(contentsOfFile: monitor + "/sectors.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.map { $0[0] } == ["markt", "overheid", "total"])
        for row in rows {
            #expect(row[5] == measurement[row[0]]?["hours_december"] as? String, "\(row[0])")
            #expect(row[11] == measurement[row[0]]?["extra_jobs"] as? String, "\(row[0])")
            #expect(row[2] == "officieel")
        }

        let regional = dir.appendingPathComponent("regional").path
        let r = try Self.run(["monitor", "--store", store, "--run", "1", "--region", "AMR01", "--out", regional])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: regional).sorted() == ["monitor.html", "monitor.json", "regions.csv"])
        let json = try String(contentsOfFile: regional + "/monitor.json", encoding: .utf8)
        #expect(!json.contains("\"sectors\""))
        for hours in rows.map({ $0[5] }) where hours != "0.00" { #expect(!json.contains("\"\(hours)\"")) }

        let badRegion = try Self.run(["monitor", "--store", store, "--run", "1", "--region", "AMR36", "--out", regional])
        #expect(badRegion.status != 0)
        #expect(badRegion.stderr.contains("AMR01"))
        #expect(try Self.run(["monitor", "--store", store, "--run", "1", "--quarter", "5", "--out", regional]).status != 0)
        let unknownRun = try Self.run(["monitor", "--store", store, "--run", "9", "--out", regional])
        #expect(unknownRun.status != 0)
        #expect(unknownRun.stderr.contains("9"))
    }
}
