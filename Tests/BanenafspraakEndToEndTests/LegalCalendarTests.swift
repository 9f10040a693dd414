@testable import BanenafspraakBatch
import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakGenerate
import BanenafspraakIngest
import BanenafspraakParameters
import Foundation
import PropertyBased
import Testing

/// The legal calendar (spec section 13) on the hand-computed fixture `Fixtures/calendar` (see its EXPLANATION.md):
/// which row counts at each cut-off, the counts that reconcile, the corrections an employer sees, and why
/// voorlopig and definitief differ.
@Suite("Legal calendar: voorlopig, definitief, corrections")
struct LegalCalendarTests {
    static let input = FixtureTests.fixtureURL("calendar").appendingPathComponent("input").path
    static let voorlopig = LocalDate("2025-01-31")!
    static let definitief = LocalDate("2025-05-01")!

    static func run(_ input: String = input, year: Int = 2024, asOf: LocalDate? = nil, stage: CalendarStage? = nil,
                    trace: String? = nil, split: Bool = true, collide: Bool = false, out: String? = nil) throws -> QuotaResult {
        var o = QuotaOptions(year: year, inputDirectory: input, outputDirectory: out, parameters: try ParameterFiles.loadDefault())
        for (k, v) in [Quotum.markt: "2.00", .overheid: "3.00", .combined: "2.50"] { o.quotaPercentOverrides[k] = BasisPoints(v)! }
        o.calendar = RunCalendar(asOf: asOf, stage: stage)
        o.traceEmployer = trace
        o.splitPayroll = split
        if collide { o.personHash = { _ in 42 } }
        return try QuotaRun.run(o)
    }

    struct Counts: Equatable {
        var accepted, rejected, outsideYear, afterCutoff, superseded: Int
        var registerAccepted, registerAfterCutoff: Int
    }

    static func counts(_ r: QuotaResult) -> Counts {
        let p = r.counts[.payroll]!, g = r.counts[.register]!
        return Counts(accepted: p.accepted, rejected: p.rejected, outsideYear: p.outsideYear, afterCutoff: p.afterCutoff,
                      superseded: p.superseded, registerAccepted: g.accepted, registerAfterCutoff: g.afterCutoff)
    }

    static func hours(_ r: QuotaResult) -> [String: (total: String, c: String)] {
        var out: [String: (String, String)] = [:]
        for e in 0..<r.figures.count { out[r.employers.ids.string(Int32(e))] = (r.figures[e].hoursTotal.description, r.figures[e].hoursC.description) }
        return out
    }

    @Test("every row counts without --as-of: the latest received of each key, earlier ones superseded",
          arguments: [(false, false), (true, false), (false, true), (true, true)])
    func everyRow(_ split: Bool, _ collide: Bool) throws {
        let r = try Self.run(split: split, collide: collide)
        #expect(Self.counts(r) == Counts(accepted: 8, rejected: 2, outsideYear: 1, afterCutoff: 0, superseded: 3, registerAccepted: 2, registerAfterCutoff: 0))
        let h = Self.hours(r)
        #expect(h["E1"]! == ("196.00", "196.00"))
        #expect(h["E2"]! == ("124.00", "0.00"))
        #expect(h["E3"]! == ("130.00", "60.00"))
        for (file, c) in r.counts { #expect(c.reconciles, "\(file)") }
        #expect(r.calendar == RunCalendar())
    }

    @Test("voorlopig: rows received after 31 January 2025 are not used", arguments: [false, true])
    func voorlopig(_ collide: Bool) throws {
        let r = try Self.run(stage: .voorlopig, collide: collide, asOfFromStage: true)
        #expect(r.calendar?.asOf == Self.voorlopig)
        #expect(Self.counts(r) == Counts(accepted: 7, rejected: 2, outsideYear: 1, afterCutoff: 3, superseded: 1, registerAccepted: 1, registerAfterCutoff: 1))
        let h = Self.hours(r)
        #expect(h["E1"]! == ("276.00", "196.00"))
        #expect(h["E2"]! == ("70.00", "0.00"))
        #expect(h["E3"]! == ("130.00", "0.00"))
        for (file, c) in r.counts { #expect(c.reconciles, "\(file)") }
    }

    @Test("definitief: rows received by 1 May 2025 count, the correction of June does not")
    func definitief() throws {
        let r = try Self.run(stage: .definitief, asOfFromStage: true)
        #expect(Self.counts(r) == Counts(accepted: 8, rejected: 2, outsideYear: 1, afterCutoff: 1, superseded: 2, registerAccepted: 2, registerAfterCutoff: 0))
        let h = Self.hours(r)
        #expect(h["E1"]! == ("196.00", "196.00"))
        #expect(h["E2"]! == ("120.00", "0.00"))
        #expect(h["E3"]! == ("130.00", "60.00"))
    }

    @Test("the cut-offs are parameters: 31 January and 1 May of the next year")
    func cutoffs() throws {
        let set = try ParameterFiles.loadDefault()
        #expect(try CalendarStage.voorlopig.cutoff(year: 2024, parameters: set).date == Self.voorlopig)
        #expect(try CalendarStage.definitief.cutoff(year: 2024, parameters: set).date == Self.definitief)
        #expect(try CalendarStage.definitief.cutoff(year: 2024, parameters: set).parameter.value.source.contains("Wfsv art. 38e lid 3"))
    }

    @Test("the equal-date duplicate and the malformed received are rejected with their columns")
    func rejections() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calendar-rej-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Self.run(out: dir)
        try QuotaOutputs.write(r, to: dir)
        let rejected = try String(contentsOfFile: dir + "/rejected.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rejected.count == 2)
        #expect(rejected.contains { $0.hasPrefix("payroll.csv,11,period,\"duplicate:") })
        #expect(rejected.contains { $0.hasPrefix("payroll.csv,13,received,\"malformed:") })
        let national = try String(contentsOfFile: dir + "/national.json", encoding: .utf8)
        #expect(national.contains("\"as_of\": null"))
        #expect(national.contains("\"superseded\": 3"))
        #expect(national.contains("\"after_cutoff\": 0"))
        #expect(FileManager.default.fileExists(atPath: dir + "/quotumpercentage.json"))
    }

    @Test("the employer's explanation shows its own corrections")
    func explanationShowsCorrections() throws {
        let all = try Self.run(trace: "E1")
        let corrected = all.trace!.lines.filter { !$0.corrections.isEmpty }.sorted { $0.line < $1.line }
        #expect(corrected.map(\.line) == [4, 6])
        #expect(corrected[0].corrections == [EmployerTrace.Correction(received: "2024-04-02", hoursBefore: CentiHours(12_000), hoursAfter: CentiHours(9_600), replacedLine: 3)])
        #expect(corrected[1].corrections == [EmployerTrace.Correction(received: "2025-04-02", hoursBefore: CentiHours(8_000), hoursAfter: .zero, replacedLine: 5)])
        let (levy, _) = EmployerExplanation.build(all, employer: 0)
        let text = EmployerExplanationText.render(employerId: "E1", sector: "markt", year: 2024, levy: levy, net: levy)
        #expect(text.contains("gecorrigeerd op 2024-04-02: 120,00 → 96,00 uur"))
        #expect(text.contains("gecorrigeerd op 2025-04-02: 80,00 → 0,00 uur"))
        // At voorlopig the withdrawal has not arrived yet.
        let early = try Self.run(stage: .voorlopig, trace: "E1", asOfFromStage: true)
        #expect(early.trace!.lines.flatMap(\.corrections).map(\.received) == ["2024-04-02"])
    }

    @Test("diff --causes: the rows received between voorlopig and definitief, per employer")
    func causes() throws {
        let found = try DiffCauses.find(inputDirectory: Self.input, year: 2024, lo: ReceivedDate.key(Self.voorlopig),
                                        hi: ReceivedDate.key(Self.definitief), changed: ["E1", "E2", "E3"])
        #expect(found["E1"] == [DiffCauses.Cause(file: "payroll.csv", line: 6, received: "2025-04-02", kind: "correction", employerId: "E1",
                                                 personId: "P2", period: "2024-03", hoursBefore: CentiHours(8_000), hoursAfter: .zero)])
        #expect(found["E2"] == [DiffCauses.Cause(file: "payroll.csv", line: 7, received: "2025-03-01", kind: "late", employerId: "E2",
                                                 personId: "P3", period: "2024-12", hoursBefore: nil, hoursAfter: CentiHours(5_000))])
        #expect(found["E3"] == [DiffCauses.Cause(file: "register.csv", line: 3, received: "2025-03-10", kind: "register", employerId: "E3",
                                                 personId: "P5", period: nil, hoursBefore: .zero, hoursAfter: CentiHours(6_000))])
    }

    @Test("diff --causes: a late registration of a person registered before names its hours before (earlier months) and after")
    func registerHoursBefore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calendar-register-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let files = [
            "employers.csv": "employer_id,name,sector,region,staffing_agency,prior_year_hours\nE3,Drie,overheid,AMR03,false,\n",
            // P5 registered for January to March from the start; the registration from April arrives on 2025-03-10.
            "register.csv": "person_id,route,registered_from,registered_until,received\nP5,wajong,2024-01-01,2024-03-31,\nP5,wajong,2024-04-01,,2025-03-10\n",
            "payroll.csv": "employer_id,person_id,period,hours,wage,contract,scheme,hirer_id,received\n"
                + "E3,P5,2024-02,20.00,300.00,permanent,regular,,2024-03-05\nE3,P5,2024-06,60.00,900.00,permanent,regular,,2024-07-01\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        let found = try DiffCauses.find(inputDirectory: dir.path, year: 2024, lo: ReceivedDate.key(Self.voorlopig),
                                        hi: ReceivedDate.key(Self.definitief), changed: ["E3"])
        // Before: the February line (the months of the earlier registration); after: February and June.
        #expect(found["E3"] == [DiffCauses.Cause(file: "register.csv", line: 3, received: "2025-03-10", kind: "register", employerId: "E3",
                                                 personId: "P5", period: nil, hoursBefore: CentiHours(2_000), hoursAfter: CentiHours(8_000))])
    }

    @Test("files without a received column: no calendar in the result, national.json without its keys")
    func withoutReceived() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calendar-none-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Self.run(FixtureTests.fixtureURL("hand10").appendingPathComponent("input").path, out: dir)
        #expect(r.calendar == nil)
        let national = QuotaOutputs.nationalJSON(r)
        #expect(national["as_of"] == nil)
        #expect(national["rows"]?["payroll"]?["superseded"] == nil)
    }

    /// A random payroll with a `received` column: persons, keys repeated with random dates, some blank.
    static func randomInput(seed: UInt64, lines: Int) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calendar-prop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        try "employer_id,name,sector,region,staffing_agency,prior_year_hours\nE1,,markt,AMR01,false,\nE2,,overheid,AMR02,false,\nE3,,markt,AMR03,true,\n"
            .write(to: dir.appendingPathComponent("employers.csv"), atomically: true, encoding: .utf8)
        try "person_id,route,registered_from,registered_until,received\nP1,wajong,2020-01-01,,\nP2,wajong,2024-03-01,,2025-02-10\nP3,pwet_wml,2024-01-01,2024-09-30,2024-12-01\n"
            .write(to: dir.appendingPathComponent("register.csv"), atomically: true, encoding: .utf8)
        var text = "employer_id,person_id,period,hours,wage,contract,scheme,hirer_id,received\n"
        for _ in 0..<lines {
            let e = "E\(1 + next(3))", p = "P\(1 + next(4))", m = 1 + next(12)
            let hirer = next(5) == 0 ? (e == "E1" ? "E2" : "E1") : ""
            let received = next(4) == 0 ? "" : "202\(4 + next(2))-0\(1 + next(9))-1\(next(10))"
            text += "\(e),\(p),2024-\(m < 10 ? "0" : "")\(m),\(next(200)).\(next(10))0,\(next(3000)).00,permanent,regular,\(hirer),\(received)\n"
        }
        try text.write(to: dir.appendingPathComponent("payroll.csv"), atomically: true, encoding: .utf8)
        return dir.path
    }

    @Test("--as-of a date after every received equals the run without --as-of")
    func asOfAfterEverythingEqualsNone() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...60)) { seed, lines in
            let input = try! Self.randomInput(seed: UInt64(seed), lines: lines)
            defer { try? FileManager.default.removeItem(atPath: input) }
            let none = try! Self.run(input)
            let late = try! Self.run(input, asOf: LocalDate("2099-12-31")!)
            #expect(none.figures == late.figures)
            #expect(none.counts == late.counts)
            #expect(none.percentages == late.percentages)
            for (file, c) in late.counts { #expect(c.reconciles, "\(file)") }
        }
    }

    @Test("generate --corrections: counts reconcile with the manifest, and voorlopig differs from definitief for a few employers")
    func generatedCorrections() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calendar-gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var g = GeneratorOptions(scale: .tiny, year: 2024, seed: 5, outputDirectory: dir.path)
        g.corrections = true
        _ = try SyntheticDataGenerator.generate(g)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("manifest.json"))) as! [String: Any]
        let expected = ((manifest["expected_counts"] as! [String: Any])["payroll.csv"] as! [String: Any])
        let all = try Self.run(dir.path)
        #expect(all.counts[.payroll]!.superseded == expected["superseded"] as! Int)
        #expect(all.counts[.payroll]!.accepted == expected["accepted"] as! Int)
        #expect(all.counts[.payroll]!.rejected == expected["rejected"] as! Int)
        let v = try Self.run(dir.path, stage: .voorlopig, asOfFromStage: true)
        let d = try Self.run(dir.path, stage: .definitief, asOfFromStage: true)
        for r in [v, d] { for (file, c) in r.counts { #expect(c.reconciles, "\(file)") } }
        let changed = (0..<d.figures.count).filter { v.figures[$0] != d.figures[$0] }.count
        #expect(changed > 0 && changed * 5 < d.figures.count, "\(changed) of \(d.figures.count) employers changed")
        #expect(v.counts[.payroll]!.afterCutoff > d.counts[.payroll]!.afterCutoff)
    }
}

extension LegalCalendarTests {
    /// `--stage` as the CLI resolves it: the cut-off parameter of the stage.
    static func run(_ input: String = input, stage: CalendarStage, trace: String? = nil, collide: Bool = false, asOfFromStage: Bool) throws -> QuotaResult {
        let date = try stage.cutoff(year: 2024, parameters: ParameterFiles.loadDefault()).date
        return try run(input, asOf: date, stage: stage, trace: trace, collide: collide)
    }
}
