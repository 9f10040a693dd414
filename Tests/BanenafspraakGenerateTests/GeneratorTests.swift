import Foundation
import Testing
import BanenafspraakGenerate

/// A generated tiny data set in a fresh temporary directory.
struct Generated {
    let dir: String
    let summary: GeneratorSummary

    init(scale: GeneratorScale = .tiny, year: Int = 2024, seed: UInt64 = 1, workers: Int? = nil) throws {
        dir = NSTemporaryDirectory() + "/banenafspraak-gen-\(UUID().uuidString)"
        let options = GeneratorOptions(scale: scale, year: year, seed: seed, outputDirectory: dir)
        if let workers {
            summary = try SyntheticDataGenerator.generate(options, workers: workers, progress: nil)
        } else {
            summary = try SyntheticDataGenerator.generate(options)
        }
    }

    func bytes(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
    }

    func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    /// Header and data rows, split by a small RFC 4180 reader.
    func csv(_ name: String) throws -> (header: [String], rows: [[String]]) {
        let records = CSV.parse(try text(name))
        return (records.first ?? [], Array(records.dropFirst()))
    }

    func manifest() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try bytes("manifest.json")) as! [String: Any]
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}

enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var records = [[String]]()
        var record = [String]()
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        var fieldStarted = false
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" && field.isEmpty {
                quoted = true
                fieldStarted = true
            } else if c == "," {
                record.append(field); field = ""; fieldStarted = true
            } else if c == "\n" {
                record.append(field); records.append(record); record = []; field = ""; fieldStarted = false
            } else {
                field.unicodeScalars.append(c); fieldStarted = true
            }
        }
        if fieldStarted || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}

func isDecimal2(_ s: String) -> Bool {
    s.range(of: #"^[0-9]+\.[0-9]{2}$"#, options: .regularExpression) != nil
}

func centi(_ s: String) -> Int {
    let parts = s.split(separator: ".")
    return Int(parts[0])! * 100 + Int(parts[1])!
}

@Suite("Synthetic data generator")
struct GeneratorTests {
    static let files = ["employers.csv", "register.csv", "payroll.csv", "collaborations.csv", "manifest.json"]

    @Test("same options give byte-identical files; another seed gives other data")
    func determinism() throws {
        let a = try Generated(seed: 42), b = try Generated(seed: 42), c = try Generated(seed: 43)
        defer { a.remove(); b.remove(); c.remove() }
        for f in Self.files {
            #expect(try a.bytes(f) == b.bytes(f), "\(f) differs between two runs with the same seed")
        }
        #expect(try a.bytes("payroll.csv") != c.bytes("payroll.csv"))
        #expect(try a.bytes("employers.csv") != c.bytes("employers.csv"))
        let d = try Generated(year: 2023, seed: 42)
        defer { d.remove() }
        #expect(try a.bytes("payroll.csv") != d.bytes("payroll.csv"))
        #expect(try d.text("payroll.csv").contains(",2023-06,"))
    }

    @Test("the output does not depend on the number of worker threads")
    func threadIndependence() throws {
        let one = try Generated(seed: 5, workers: 1)
        defer { one.remove() }
        for workers in [2, 3, 8] {
            let other = try Generated(seed: 5, workers: workers)
            defer { other.remove() }
            for f in Self.files { #expect(try one.bytes(f) == other.bytes(f), "\(f) with \(workers) workers") }
        }
    }

    @Test("progress reaches the total number of persons on the payroll")
    func progress() throws {
        let dir = NSTemporaryDirectory() + "/banenafspraak-gen-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let seen = ProgressLog()
        let summary = try SyntheticDataGenerator.generate(
            GeneratorOptions(scale: .tiny, year: 2024, seed: 1, outputDirectory: dir)) { done, total in seen.add(done, total) }
        let calls = seen.calls
        #expect(!calls.isEmpty)
        #expect(calls.last.map { $0.0 == $0.1 } == true)
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.0 <= $1.0 })
        #expect((calls.last?.1 ?? 0) <= summary.persons)
    }

    @Test("register rows are well ordered apart from the injected ones, in several years", arguments: [2015, 2019, 2026])
    func registerDates(year: Int) throws {
        let g = try Generated(year: year, seed: 3)
        defer { g.remove() }
        let rows = try g.csv("register.csv").rows
        let inverted = rows.filter { !$0[3].isEmpty && $0[2] > $0[3] }.count
        let injected = try #require((try g.manifest()["injected"] as? [String: Any])?["register.csv"] as? [String: Int])
        #expect(inverted == injected["from_after_until"])
        #expect(rows.contains { $0[2].hasPrefix("\(year)-") }, "some registrations start in year t")
        #expect(rows.contains { $0[3].hasPrefix("\(year)-") }, "some registrations end in year t")
        let payroll = try g.csv("payroll.csv").rows
        #expect(payroll.allSatisfy { $0[2].hasPrefix("\(year)-") || $0[2] == "\(year - 1)-12" })
    }

    @Test("every file has the exact header of spec section 4 and well-formed rows")
    func headersAndFields() throws {
        let g = try Generated()
        defer { g.remove() }
        let expected = [
            "employers.csv": ["employer_id", "name", "sector", "region", "staffing_agency", "prior_year_hours"],
            "register.csv": ["person_id", "route", "registered_from", "registered_until"],
            "payroll.csv": ["employer_id", "person_id", "period", "hours", "wage", "contract", "scheme", "hirer_id"],
            "collaborations.csv": ["from_employer", "to_employer", "year", "percent"],
        ]
        for (file, header) in expected {
            let (h, rows) = try g.csv(file)
            #expect(h == header, "\(file) header")
            #expect(!rows.isEmpty, "\(file) has rows")
            for row in rows { #expect(row.count == header.count, "\(file) row \(row)") }
            #expect(try g.text(file).hasSuffix("\n"))
        }

        let (_, employers) = try g.csv("employers.csv")
        for e in employers {
            #expect(e[0].range(of: #"^E[0-9]{7}$"#, options: .regularExpression) != nil)
            #expect(["markt", "overheid"].contains(e[2]))
            let region = Int(e[3].dropFirst(3)) ?? 0
            #expect(e[3].hasPrefix("AMR") && e[3].count == 5 && (1...35).contains(region))
            #expect(["true", "false"].contains(e[4]))
            #expect(e[5].isEmpty || isDecimal2(e[5]))
        }
        #expect(employers.contains { $0[4] == "true" }, "at least one staffing agency")

        let routes: Set<String> = [
            "pwet_wml", "praktijkroute", "wsw", "wajong", "vso_pro", "besluit_other", "pwet_own_request",
            "former_wsw_wajong", "iva_experiment", "art38b2", "wiw_id", "wia_wml", "wajong_no_capacity", "ww_comparable",
        ]
        let date = #"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$"#
        for r in try g.csv("register.csv").rows {
            #expect(r[0].range(of: #"^P[0-9]{8}$"#, options: .regularExpression) != nil)
            #expect(routes.contains(r[1]), "route \(r[1])")
            #expect(r[2].range(of: date, options: .regularExpression) != nil)
            #expect(r[3].isEmpty || r[3].range(of: date, options: .regularExpression) != nil)
        }

        let ids = Set(employers.map { $0[0] })
        for p in try g.csv("payroll.csv").rows {
            #expect(ids.contains(p[0]) || p[0].hasPrefix("EX"))
            #expect(p[1].range(of: #"^P[0-9]{8}$"#, options: .regularExpression) != nil)
            #expect(p[2] == "2024-" + p[2].suffix(2) || p[2] == "2023-12")
            #expect(isDecimal2(p[3]) && isDecimal2(p[4]))
            #expect(centi(p[3]) <= 74_400 || p[3] == "800.00")
            #expect(["permanent", "temporary"].contains(p[5]))
            #expect(["regular", "wsw", "beschut"].contains(p[6]))
            #expect(p[7].isEmpty || (ids.contains(p[7]) && p[7] != p[0]))
        }
    }

    @Test("row counts in the manifest and the summary match the files")
    func rowCounts() throws {
        let g = try Generated()
        defer { g.remove() }
        let m = try g.manifest()
        #expect(m["scale"] as? String == "tiny")
        #expect(m["year"] as? Int == 2024)
        #expect(m["seed"] as? Int == 1)
        let files = try #require(m["files"] as? [String: [String: Int]])
        for f in ["employers.csv", "register.csv", "payroll.csv", "collaborations.csv"] {
            let rows = try g.csv(f).rows.count
            #expect(files[f]?["rows"] == rows, "\(f)")
        }
        #expect(try g.csv("payroll.csv").rows.count == g.summary.payrollLines)
        #expect(try g.csv("register.csv").rows.count == g.summary.registerRows)
        #expect(try g.csv("employers.csv").rows.count == g.summary.employers)
        #expect(try g.csv("collaborations.csv").rows.count == g.summary.collaborations)
        #expect(g.summary.manifestPath.hasSuffix("manifest.json"))
        var persons = Set(try g.csv("payroll.csv").rows.map { $0[1] })
        persons.formUnion(try g.csv("register.csv").rows.map { $0[0] })
        #expect(persons.count == g.summary.persons)
        #expect((20...100).contains(g.summary.employers))
        #expect((100...1_500).contains(g.summary.persons))
    }

    @Test("tiny has at least one of each injected kind, and the counts are exact")
    func injected() throws {
        let g = try Generated()
        defer { g.remove() }
        let m = try g.manifest()
        let injected = try #require(m["injected"] as? [String: Any])
        let payroll = try #require(injected["payroll.csv"] as? [String: Int])
        let register = try #require(injected["register.csv"] as? [String: Int])
        for kind in ["duplicate", "unknown_employer", "out_of_range", "outside_year"] {
            #expect((payroll[kind] ?? 0) >= 1, "\(kind)")
        }
        #expect((register["from_after_until"] ?? 0) >= 1)

        // Recount from the data, reading the rows the way the validator does (first valid row wins).
        let rows = try g.csv("payroll.csv").rows
        var seen = [String: String]()  // key -> hours of the first valid row
        var duplicates = 0, unknown = 0, outOfRange = 0, outside = 0
        for p in rows {
            if p[0].hasPrefix("EX") { unknown += 1; continue }
            if centi(p[3]) > 74_400 { outOfRange += 1; continue }
            let key = p[0] + "|" + p[1] + "|" + p[2]
            if let first = seen[key] {
                duplicates += 1
                #expect(first != p[3], "a duplicate differs in hours")
                continue
            }
            seen[key] = p[3]
            if p[2] == "2023-12" { outside += 1 }
        }
        #expect(duplicates == payroll["duplicate"])
        #expect(unknown == payroll["unknown_employer"])
        #expect(outOfRange == payroll["out_of_range"])
        #expect(outside == payroll["outside_year"])

        let bad = try g.csv("register.csv").rows.filter { !$0[3].isEmpty && $0[2] > $0[3] }.count
        #expect(bad == register["from_after_until"])
    }

    @Test("tiny covers Wsw employment, detachering, beschut work, staffing agencies and the target group")
    func coverage() throws {
        let g = try Generated()
        defer { g.remove() }
        let employers = try g.csv("employers.csv").rows
        let agencies = Set(employers.filter { $0[4] == "true" }.map { $0[0] })
        #expect(employers.contains { $0[1].hasPrefix("SW-bedrijf") && $0[2] == "overheid" && $0[4] == "true" })
        let payroll = try g.csv("payroll.csv").rows
        #expect(payroll.contains { $0[6] == "wsw" && $0[7].isEmpty })
        #expect(payroll.contains { $0[6] == "wsw" && !$0[7].isEmpty }, "seconded Wsw workers")
        #expect(payroll.contains { $0[6] == "beschut" })
        #expect(payroll.contains { agencies.contains($0[0]) && !$0[7].isEmpty }, "agency lines lent out")
        #expect(payroll.contains { $0[5] == "temporary" } && payroll.contains { $0[5] == "permanent" })
        let wages = payroll.map { centi($0[4]) }
        #expect(wages.contains { $0 > 596_900 }, "some wages above the monthly premium-wage cap")
        let registered = Set(try g.csv("register.csv").rows.map { $0[0] })
        let working = Set(payroll.map { $0[1] })
        #expect(!registered.intersection(working).isEmpty)
        #expect(registered.contains { !working.contains($0) }, "registered persons without work")
    }

    @Test("a year outside the supported range is an error")
    func badYear() {
        #expect(throws: GeneratorError.self) {
            try SyntheticDataGenerator.generate(GeneratorOptions(scale: .tiny, year: 99_999, seed: 1, outputDirectory: NSTemporaryDirectory() + "/never"))
        }
    }

    @Test("employer ids are unique, fixed width and in byte order")
    func employerIds() throws {
        let g = try Generated()
        defer { g.remove() }
        let ids = try g.csv("employers.csv").rows.map { $0[0] }
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
        #expect(ids.allSatisfy { $0.utf8.count == 8 })
    }

    @Test("collaboration percentages lie in 1–100 and never add up to more than 100 per (from, year)")
    func collaborations() throws {
        for seed: UInt64 in [1, 2, 3] {
            let g = try Generated(seed: seed)
            defer { g.remove() }
            let ids = Set(try g.csv("employers.csv").rows.map { $0[0] })
            var sums = [String: Int]()
            for c in try g.csv("collaborations.csv").rows {
                #expect(ids.contains(c[0]) && ids.contains(c[1]))
                #expect(c[2] == "2024")
                #expect(isDecimal2(c[3]))
                let pct = centi(c[3])
                #expect((100...10_000).contains(pct))
                sums[c[0] + "|" + c[2], default: 0] += pct
            }
            #expect(!sums.isEmpty)
            #expect(sums.values.allSatisfy { $0 <= 10_000 })
        }
    }

    @Test("manifest quota_percent values are decimals with 2 decimals and match an independent recount")
    func quotaPercent() throws {
        for seed: UInt64 in [1, 7] {
            let g = try Generated(seed: seed)
            defer { g.remove() }
            let q = try #require(try g.manifest()["quota_percent"] as? [String: String])
            for key in ["markt", "overheid", "total"] {
                let v = try #require(q[key])
                #expect(isDecimal2(v), "\(key) = \(v)")
            }
            let recount = try QuotaRecount(g)
            #expect(q["markt"] == recount.percent(sector: "markt"))
            #expect(q["overheid"] == recount.percent(sector: "overheid"))
            #expect(q["total"] == recount.percent(sector: nil))
        }
    }

    @Test("small-scale shapes: register share, liable share, lines per person", .enabled(if: ProcessInfo.processInfo.environment["GENERATE_TEST_SMALL"] != nil))
    func smallShapes() throws {
        let g = try Generated(scale: .small)
        defer { g.remove() }
        let s = g.summary
        #expect((3_500...5_500).contains(s.employers))
        #expect((80_000...120_000).contains(s.persons))
        let linesPerPerson = Double(s.payrollLines) / Double(s.persons)
        #expect((10.5...12.0).contains(linesPerPerson))
    }

    @Test("benchmark (set GENERATE_BENCH_SCALE)", .enabled(if: ProcessInfo.processInfo.environment["GENERATE_BENCH_SCALE"] != nil))
    func benchmark() throws {
        let env = ProcessInfo.processInfo.environment
        let scale = try #require(GeneratorScale(rawValue: env["GENERATE_BENCH_SCALE"] ?? ""))
        let dir = env["GENERATE_BENCH_OUT"] ?? NSTemporaryDirectory() + "/banenafspraak-bench-\(scale.rawValue)"
        let start = Date()
        let summary = try SyntheticDataGenerator.generate(
            GeneratorOptions(scale: scale, year: 2024, seed: 1, outputDirectory: dir))
        let seconds = Date().timeIntervalSince(start)
        let manifest = try String(contentsOfFile: summary.manifestPath, encoding: .utf8)
        print("""
        BENCH scale=\(scale.rawValue) seconds=\(String(format: "%.2f", seconds)) employers=\(summary.employers) \
        persons=\(summary.persons) payroll=\(summary.payrollLines) register=\(summary.registerRows) \
        collaborations=\(summary.collaborations) lines/s=\(Int(Double(summary.payrollLines) / seconds))
        \(manifest)
        """)
        if env["GENERATE_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: dir) }
        #expect(summary.payrollLines > 0)
    }
}

final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [(Int, Int)] = []
    func add(_ done: Int, _ total: Int) { lock.lock(); stored.append((done, total)); lock.unlock() }
    var calls: [(Int, Int)] { lock.lock(); defer { lock.unlock() }; return stored }
}

/// An independent recount of spec 5.3's A, C and liability from the generated files (current regime), and the
/// median rule of the manifest, to check the generator's running totals.
struct QuotaRecount {
    var ratios: [String: [Int]] = [:]

    init(_ g: Generated) throws {
        let year = "2024"
        let widening: Set<String> = ["wia_wml", "wajong_no_capacity", "ww_comparable"]
        var months = [String: Set<Int>]()
        for r in try g.csv("register.csv").rows where !widening.contains(r[1]) {
            if !r[3].isEmpty && r[2] > r[3] { continue }
            let from = r[2].prefix(7), until = r[3].isEmpty ? "9999-12" : String(r[3].prefix(7))
            for m in 1...12 {
                let ym = year + "-" + (m < 10 ? "0" : "") + String(m)
                if from <= ym && ym <= until { months[r[0], default: []].insert(m) }
            }
        }
        var sector = [String: String](), prior = [String: Int]()
        for e in try g.csv("employers.csv").rows {
            sector[e[0]] = e[2]
            prior[e[0]] = e[5].isEmpty ? -1 : centi(e[5])
        }
        var total = [String: Int](), a = [String: Int](), c = [String: Int]()
        var seen = Set<String>()
        for p in try g.csv("payroll.csv").rows {
            guard sector[p[0]] != nil, centi(p[3]) <= 74_400 else { continue }
            guard seen.insert(p[0] + "|" + p[1] + "|" + p[2]).inserted else { continue }
            guard p[2].hasPrefix(year + "-") else { continue }
            let h = centi(p[3]), lent = !p[7].isEmpty, scheme = p[6]
            total[p[0], default: 0] += h
            if !lent && scheme != "wsw" { a[p[0], default: 0] += h }
            let m = Int(p[2].suffix(2))!
            if scheme != "beschut" && months[p[1]]?.contains(m) == true {
                if lent { c[p[7], default: 0] += h } else if scheme != "wsw" { c[p[0], default: 0] += h }
            }
        }
        for (e, s) in sector {
            let t = total[e] ?? 0, pr = prior[e] ?? -1
            guard t >= 4_057_500, pr < 0 || pr >= 4_057_500 else { continue }
            let ae = a[e] ?? 0, ce = c[e] ?? 0
            ratios[s, default: []].append(ae > 0 ? ce * 10_000 / ae : Int.max)
        }
    }

    func percent(sector: String?) -> String {
        let values = (sector.map { ratios[$0] ?? [] } ?? ratios.values.flatMap { $0 }).sorted()
        var bp = values.isEmpty ? 0 : values[(values.count - 1) / 2]
        if bp == Int.max { bp = 0 } else if !values.isEmpty { bp = max(bp, 1) }
        return "\(bp / 100)." + (bp % 100 < 10 ? "0" : "") + "\(bp % 100)"
    }
}
