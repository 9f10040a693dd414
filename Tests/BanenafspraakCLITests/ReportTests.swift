import Foundation
import Testing

/// `report.html` as a reader sees it: Dutch notation, a viewport, transfers, a sample-data note, rejections by
/// reason, retention and regional figures, charts with tables, and what produced it.
@Suite("The report (report.html)")
struct ReportTests {
    static func text(_ html: String) -> String {
        var s = html
        while let r = s.range(of: "<svg") { s.removeSubrange(r.lowerBound..<s.range(of: "</svg>", range: r.lowerBound..<s.endIndex)!.upperBound) }
        while let r = s.range(of: "<style>") { s.removeSubrange(r.lowerBound..<s.range(of: "</style>")!.upperBound) }
        return s
    }

    @Test("on generated data: Dutch notation, transfers, sample note, rejections by reason, regions, charts with tables, provenance")
    func reportOnTiny() throws {
        let data = CLITests.tempDir().appendingPathComponent("tiny")
        _ = try CLITests.run(["generate", "--scale", "tiny", "--year", "2024", "--seed", "2", "--out", data.path])
        let out = CLITests.tempDir().appendingPathComponent("2024")
        let r = try CLITests.run(["quota", "--year", "2024", "--in", data.path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.components(separatedBy: "Tabel bij de grafiek").count - 1 == 3)
        let body = Self.text(html)
        #expect(body.contains("Overdracht in"))
        #expect(body.contains("Voorbeeldgegevens"))
        #expect(body.contains("Afgewezen regels per reden"))
        #expect(body.contains("duplicate") && body.contains("dubbele regel"))
        #expect(body.contains("Per arbeidsmarktregio") && body.contains("AMR"))
        #expect(body.contains("Duurzaamheid"))
        #expect(body.contains("Hoe dit rapport is gemaakt") && body.contains(data.path))
        #expect(body.contains("uit \(data.appendingPathComponent("manifest.json").path)"))
        // The levy total of employers.csv appears in Dutch notation.
        let national = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("national.json"))) as! [String: Any]
        let levy = (national["totals"] as! [String: Any])["levy"] as! String
        let parts = levy.split(separator: ".")
        var grouped = ""
        for (i, c) in parts[0].enumerated() { if i > 0 && (parts[0].count - i) % 3 == 0 { grouped += "." }; grouped.append(c) }
        #expect(body.contains("€ \(grouped),\(parts[1])"), "\(levy)")
        // No contract-notation decimals in the reader's text (file names and article numbers aside).
        #expect(ExplainTextTests.contractNumbers(body.replacingOccurrences(of: "<", with: " <").replacingOccurrences(of: ">", with: "> ")).isEmpty)
    }

    @Test("sibling runs of other years make the growth path a series")
    func growthSeries() throws {
        let root = CLITests.tempDir()
        let g = try CLITests.run(["generate", "--scale", "tiny", "--years", "2022-2024", "--seed", "2", "--out", root.appendingPathComponent("data").path])
        #expect(g.status == 0, "\(g.stderr)")
        for year in 2022...2024 {
            let r = try CLITests.run(["quota", "--year", String(year), "--in", root.appendingPathComponent("data/\(year)").path,
                                      "--out", root.appendingPathComponent("out/\(year)").path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let html = try String(contentsOf: root.appendingPathComponent("out/2024/report.html"), encoding: .utf8)
        #expect(html.contains("2022–2024"))
        for year in 2022...2024 { #expect(html.contains("<tr><td>\(year)</td>"), "\(year)") }
        #expect(html.contains("<polyline"))
    }
}
