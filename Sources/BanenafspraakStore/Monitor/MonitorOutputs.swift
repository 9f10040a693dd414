import BanenafspraakCore
import Foundation

extension Monitor {
    /// The columns of `sectors.csv`, `subsectors.csv` and `regions.csv`, in contract notation (hours and jobs with
    /// two decimals, a point); the target columns are empty where no target is published.
    public static let csvHeader = ["key", "name", "reading", "employers", "persons", "hours", "jobs", "inleen_persons", "inleen_hours",
                                   "inleen_jobs", "target_jobs", "extra_jobs", "realised_percent"]

    public static func csvCells(_ r: Row) -> [String] {
        [r.key, r.name, r.reading.rawValue, String(r.employers), String(r.persons), r.hours.description,
         FixedPoint.format(r.jobsHundredths, scale: 2), String(r.inleenPersons), r.inleenHours.description,
         FixedPoint.format(r.inleenJobsHundredths, scale: 2), r.target.map { String($0.jobs) } ?? "",
         r.target.map { FixedPoint.format($0.extraJobsHundredths, scale: 2) } ?? "",
         r.target.map { FixedPoint.format($0.realisedBasisPoints, scale: 2) } ?? ""]
    }

    /// One CSV text per view, by file name; with `--region` only `regions.csv`.
    public var csvFiles: [(name: String, text: String)] {
        var files: [(String, [Row])] = []
        if region == nil { files += [("sectors.csv", sectors), ("subsectors.csv", subsectors)] }
        files.append(("regions.csv", regions))
        return files.map { name, rows in
            (name, ([Self.csvHeader] + rows.map(Self.csvCells)).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n")
        }
    }

    /// RFC 4180 quoting, and no cell a spreadsheet could read as a formula.
    static func csvField(_ s: String) -> String {
        let safe = SpreadsheetCell.neutralised(s)
        guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// What there is no target for, in words (subsectors and regions have no published target).
    public static let noTargetNote = """
        Geen gepubliceerd streefcijfer: de banenafspraak kent alleen landelijke doelen per sector (het groeipad). \
        Voor overheidssubsectoren en arbeidsmarktregio's is geen doel vastgesteld; hier staat alleen de realisatie.
        """

    static func json(_ r: Row) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("key", .string(r.key)), ("name", .string(r.name)), ("reading", .string(r.reading.rawValue)),
            ("employers", .integer(Int64(r.employers))), ("persons", .integer(Int64(r.persons))), ("hours", .string(r.hours.description)),
            ("jobs", .string(FixedPoint.format(r.jobsHundredths, scale: 2))),
            ("inleen", .object([("persons", .integer(Int64(r.inleenPersons))), ("hours", .string(r.inleenHours.description)),
                                ("jobs", .string(FixedPoint.format(r.inleenJobsHundredths, scale: 2)))])),
        ]
        if let t = r.target {
            pairs.append(("target", .object([
                ("jobs", .integer(t.jobs)), ("parameter", .string(t.parameter)), ("source", .string(t.source)),
                ("baseline_hours", .string(t.baselineHours.description)),
                ("extra_jobs", .string(FixedPoint.format(t.extraJobsHundredths, scale: 2))),
                ("realised_percent", .string(FixedPoint.format(t.realisedBasisPoints, scale: 2))),
            ])))
        } else {
            pairs.append(("target", .null))
        }
        return .object(pairs)
    }

    /// `monitor.json` and the API's answer: the same document.
    public var jsonValue: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("run", .integer(run)), ("year", .integer(Int64(year))),
            ("month", .string(month.description)), ("quarter", quarter.map { .integer(Int64($0)) } ?? .null),
            ("stage", stage.map { .string($0) } ?? .null), ("as_of", asOf.map { .string($0) } ?? .null),
            ("region", region.map { .string($0) } ?? .null), ("reading", .string(readingNote)),
            ("hours_per_job_month", .string(hoursPerJobMonth.description)),
            ("persons_note", .string("Personen met uren in de maand; wie op twee plaatsen werkt telt in elke rij één keer, dus de rijen tellen niet op tot het totaal.")),
            ("inleen_note", .string("Inleen (uitgeleende medewerkers) telt bij de inlener, zoals de meting telt (Regeling Wfsv art. 3.30); het is een deel van de uren en banen van de rij.")),
            ("no_target_note", .string(Self.noTargetNote)),
        ]
        if region == nil {
            pairs.append(("sectors", .array(sectors.map(Self.json))))
            pairs.append(("subsectors", .array(subsectors.map(Self.json))))
        }
        pairs.append(("regions", .array(regions.map(Self.json))))
        return .object(pairs)
    }

    /// Writes `monitor.json`, the CSV files and `monitor.html` into `directory` (created when missing).
    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func put(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
        }
        try put("monitor.json", jsonValue.rendered() + "\n")
        for file in csvFiles { try put(file.name, file.text) }
        try put("monitor.html", MonitorPage(self).html)
    }
}
